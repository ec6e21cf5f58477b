"use client";

import dynamic from "next/dynamic";
import type { WalletProps } from "./wallet-props";

/**
 * Read-only pages (landing, datasets) load the wallet stack — wagmi, viem, secp256k1, about
 * 100 KB gzipped — after the page is interactive instead of in their first load.
 */
const WalletIsland = dynamic(() => import("./wallet-island"), {
  ssr: false,
  // Not a button: nothing to click until the real control has loaded.
  loading: () => (
    <span aria-hidden className="flex items-center rounded-full border border-stone-200 bg-white px-3 py-2 text-sm font-medium text-stone-400 shadow-sm">
      Connect wallet
    </span>
  ),
});

export function LazyWallet(props: WalletProps) {
  return <WalletIsland {...props} />;
}
