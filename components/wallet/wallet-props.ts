import { headers } from "next/headers";
import { chainSettings, type ChainSettings } from "@/lib/chain/config";
import { currentDeployment } from "@/lib/chain/current";
import type { Deployment } from "@/lib/chain/deployments";

export type WalletProps = { settings: ChainSettings; deployment: Deployment | null; cookie: string | null };

/** What the client wallet stack needs, read on the server: chain, contracts, and the cookie holding wagmi's state. */
export async function walletProps(): Promise<WalletProps> {
  return { settings: chainSettings(), deployment: currentDeployment(), cookie: (await headers()).get("cookie") };
}
