import type { ReactNode } from "react";
import { SiteFrame } from "@/components/site-frame";
import { Providers } from "@/components/wallet/providers";
import { WalletButton } from "@/components/wallet/wallet-button";
import { walletProps } from "@/components/wallet/wallet-props";

/** Pages that sign all over (validate, rewards, curator): the wallet stack wraps the whole page. */
export default async function WalletLayout({ children }: { children: ReactNode }) {
  return (
    <Providers {...await walletProps()}>
      <SiteFrame wallet={<WalletButton />}>{children}</SiteFrame>
    </Providers>
  );
}
