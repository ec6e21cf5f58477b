import { chainSettings } from "../chain/config";
import { primaryOrigin } from "../config/app-origins";
import { currentDeployment } from "../chain/current";
import { epochBudget, type SnapshotSettings } from "./create";
import { snapshotStorage } from "./current-storage";

/** Snapshot settings of this deployment, from the environment (EPOCH_BUDGET, APP_URL, SNAPSHOT_DIR). */
export function currentSnapshotSettings(): SnapshotSettings {
  const deployment = currentDeployment();
  return {
    storage: snapshotStorage(),
    chainId: chainSettings().chainId,
    contracts: deployment ? { token: deployment.token, distributor: deployment.distributor, staking: deployment.staking } : null,
    budget: epochBudget(),
    siteUrl: primaryOrigin(),
  };
}
