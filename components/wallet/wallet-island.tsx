"use client";

import { Providers } from "./providers";
import { WalletButton } from "./wallet-button";
import type { WalletProps } from "./wallet-props";

/** The header's wallet control with its own providers, for pages that otherwise never touch the wallet. */
export default function WalletIsland(props: WalletProps) {
  return (
    <Providers {...props}>
      <WalletButton />
    </Providers>
  );
}
