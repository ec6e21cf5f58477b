import type { ReactNode } from "react";
import { SiteFrame } from "@/components/site-frame";
import { ReadWallet } from "@/components/wallet/read-wallet";

/**
 * Pages that load the wallet stack only when it is wanted (lazy-wallet.tsx): those that only read
 * (landing, datasets) and the submit page, whose form reaches the wallet through wallet-bridge.ts.
 */
export default function ReadLayout({ children }: { children: ReactNode }) {
  return <SiteFrame wallet={<ReadWallet />}>{children}</SiteFrame>;
}
