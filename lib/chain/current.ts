import { chainSettings } from "./config";
import { readDeployment, type Deployment } from "./deployments";

/** The contracts of the configured chain (DEPLOYMENTS_DIR overrides contracts/deployments for throwaway chains). */
export function currentDeployment(): Deployment | null {
  return readDeployment(chainSettings().chainId, process.env.DEPLOYMENTS_DIR || undefined);
}
