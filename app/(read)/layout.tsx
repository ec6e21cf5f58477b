import type { ReactNode } from "react";
import { SiteFrame } from "@/components/site-frame";
import { LazyWallet } from "@/components/wallet/lazy-wallet";
import { walletProps } from "@/components/wallet/wallet-props";

/** Pages that only read (landing, datasets): the header's wallet control loads after the page. */
export default async function ReadLayout({ children }: { children: ReactNode }) {
  return <SiteFrame wallet={<LazyWallet {...await walletProps()} />}>{children}</SiteFrame>;
}
