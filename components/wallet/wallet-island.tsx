"use client";

import { useEffect } from "react";
import { useConnection, useSignTypedData } from "wagmi";
import { Providers } from "./providers";
import { useSession } from "./use-session";
import { WalletButton } from "./wallet-button";
import { publishWallet } from "./wallet-bridge";
import type { WalletProps } from "./wallet-props";

/** The header's wallet control with its own providers, for pages that otherwise never touch the wallet. */
export default function WalletIsland({ openMenu, ...props }: WalletProps & { openMenu: boolean }) {
  return (
    <Providers {...props}>
      <WalletButton defaultOpen={openMenu} />
      <PublishWallet />
    </Providers>
  );
}

/** Hands the connection, the session and a signer to the page (wallet-bridge.ts). */
function PublishWallet() {
  const { address } = useConnection();
  const { profile, loading } = useSession();
  const { mutateAsync: signTypedData } = useSignTypedData();
  useEffect(() => {
    publishWallet({ address, profile, loading, signSubmission: (typedData) => signTypedData(typedData) });
  }, [address, profile, loading, signTypedData]);
  useEffect(() => () => publishWallet(null), []);
  return null;
}
