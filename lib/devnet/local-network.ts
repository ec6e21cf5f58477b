import { createPublicClient, http, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { anvilKey } from "../chain/anvil-accounts";
import { deployContracts, seedLocalValidators } from "../chain/deploy";
import { readDeployment, writeDeployment, type Deployment } from "../chain/deployments";
import type { Db } from "../db/client";
import { accounts, type Role } from "../db/schema";


/** The demo cast of the local chain: account 0 curates and publishes, 1–3 validate, 4–8 contribute (9 is the burner faucet). */
export const DEMO_ACCOUNTS = Array.from({ length: 9 }, (_, i) => ({
  index: i,
  address: privateKeyToAccount(anvilKey(i)).address as Address,
  privateKey: anvilKey(i),
  role: i === 0 ? "curator" : i <= 3 ? "validator" : "contributor",
}));

/**
 * Deploys the contracts unless the recorded deployment already has code on this chain (a kept
 * anvil state), then stakes the demo validators. Idempotent, so a restart reuses everything.
 */
export async function ensureLocalContracts(rpcUrl: string, chainId: number, dir?: string): Promise<{ deployment: Deployment; deployed: boolean }> {
  const client = createPublicClient({ transport: http(rpcUrl) });
  let deployment = readDeployment(chainId, dir);
  const code = deployment ? await client.getCode({ address: deployment.token }) : undefined;
  const deployed = !deployment || !code || code === "0x";
  if (!deployment || deployed) {
    deployment = await deployContracts({ rpcUrl, deployerKey: anvilKey(0), chainId });
    writeDeployment(chainId, deployment, dir);
  }
  await seedLocalValidators({ rpcUrl, deployment, funderKey: anvilKey(0), validatorKeys: [anvilKey(1), anvilKey(2), anvilKey(3)] });
  return { deployment, deployed };
}

/** Gives the demo accounts their roles in the database (the curator's grant on the local chain). */
export async function seedDemoAccounts(db: Db): Promise<void> {
  for (const account of DEMO_ACCOUNTS) {
    const roles: Role[] = account.role === "curator" ? ["curator"] : account.role === "validator" ? ["validator"] : [];
    await db
      .insert(accounts)
      .values({ address: account.address.toLowerCase(), roles })
      .onConflictDoUpdate({ target: accounts.address, set: { roles } });
  }
}
