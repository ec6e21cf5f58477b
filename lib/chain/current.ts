import "server-only";
import { chainSettings } from "./config";
import { readDeployment, type Deployment } from "./deployments";
import { getPublicClient } from "./public-client";
import { stakeReader, type StakeReader } from "./validator-stake";

/** The contracts of the configured chain (DEPLOYMENTS_DIR overrides contracts/deployments for throwaway chains). */
export function currentDeployment(): Deployment | null {
  return readDeployment(chainSettings().chainId, process.env.DEPLOYMENTS_DIR || undefined);
}

/** Reads stakes from the configured staking contract; null when none is deployed. */
export function currentStakeReader(): StakeReader | null {
  const deployment = currentDeployment();
  return deployment ? stakeReader(getPublicClient(), deployment) : null;
}
