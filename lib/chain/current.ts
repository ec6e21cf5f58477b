import "server-only";
import type { Address } from "viem";
import { chainSettings } from "./config";
import { readDeployment, type Deployment } from "./deployments";
import { getPublicClient } from "./public-client";
import { stakeChecker } from "./validator-stake";

/** The contracts of the configured chain (DEPLOYMENTS_DIR overrides contracts/deployments for throwaway chains). */
export function currentDeployment(): Deployment | null {
  return readDeployment(chainSettings().chainId, process.env.DEPLOYMENTS_DIR || undefined);
}

const globalForStake = globalThis as typeof globalThis & { commonplaceStakeCheck?: (address: Address) => Promise<boolean> };

/** The process-wide, briefly cached stake check against the configured staking contract. */
export function currentStakeCheck(): (address: Address) => Promise<boolean> {
  globalForStake.commonplaceStakeCheck ??= stakeChecker(getPublicClient(), currentDeployment());
  return globalForStake.commonplaceStakeCheck;
}
