"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { WALLET_BUTTON_CLASS } from "./button-style";
import type { WalletProps } from "./wallet-props";

const loadIsland = () => import("./wallet-island");

/**
 * Read-only pages (landing, datasets) load the wallet stack — wagmi, viem, secp256k1, about
 * 100 KB gzipped — only when it is wanted: at once when wagmi's cookie records a connection to
 * show (`connected`), otherwise when the visitor reaches for the button. Loaded after the page,
 * it still cost every visitor its parse and run time while the page was becoming interactive.
 */
const WalletIsland = dynamic(loadIsland, {
  ssr: false,
  // Between the click and the real control: the same button, nothing more to click yet.
  loading: () => (
    <span aria-hidden className={`${WALLET_BUTTON_CLASS} text-stone-500`}>
      Connect wallet
    </span>
  ),
});

export function LazyWallet({ connected, ...props }: WalletProps & { connected: boolean }) {
  // null until the stack is wanted; then whether its menu opens at once (the click that wanted it).
  const [island, setIsland] = useState<{ openMenu: boolean } | null>(connected ? { openMenu: false } : null);
  if (island) return <WalletIsland {...props} openMenu={island.openMenu} />;
  return (
    <button
      type="button"
      aria-haspopup="menu"
      aria-expanded={false}
      // Hover or focus fetches the code, so the menu usually opens as soon as it is clicked.
      onPointerEnter={() => void loadIsland()}
      onFocus={() => void loadIsland()}
      onClick={() => setIsland({ openMenu: true })}
      className={WALLET_BUTTON_CLASS}
    >
      <span>Connect wallet</span>
    </button>
  );
}
