import "server-only";
import { cookies } from "next/headers";
import { publicChainSettings, type PublicChainSettings } from "@/lib/chain/config";
import { currentDeployment } from "@/lib/chain/current";
import type { Deployment } from "@/lib/chain/deployments";
import { WAGMI_STATE_COOKIE } from "./wagmi-cookie";

/** `walletState` is wagmi's own cookie as "name=value" (what cookieToInitialState reads): never the whole Cookie header, which holds the session token. */
export type WalletProps = { settings: PublicChainSettings; deployment: Deployment | null; walletState: string | null };

/** What the client wallet stack needs, read on the server: public chain settings, contracts, and wagmi's connection state. */
export async function walletProps(): Promise<WalletProps> {
  const state = (await cookies()).get(WAGMI_STATE_COOKIE)?.value;
  return { settings: publicChainSettings(), deployment: currentDeployment(), walletState: state ? `${WAGMI_STATE_COOKIE}=${state}` : null };
}

/**
 * Whether wagmi's cookie records a current connection (its persisted store is JSON with
 * `state.current`, the connection's id, or null): then a page must load the wallet stack at once
 * to show it. A malformed cookie counts as none; wagmi ignores it too.
 */
export function walletConnected({ walletState }: WalletProps): boolean {
  const value = walletState?.slice(WAGMI_STATE_COOKIE.length + 1);
  if (!value) return false;
  try {
    const stored = JSON.parse(value) as { state?: { current?: unknown } } | null;
    return typeof stored?.state?.current === "string";
  } catch {
    return false;
  }
}
