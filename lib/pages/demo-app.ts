import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { createPublicClient, createWalletClient, http, parseEther, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { ensureBuild, freshDatabase, startAppServer } from "../bench/app-server";
import { snapshotDistributorAbi } from "../chain/abi";
import { startAnvil } from "../chain/anvil";
import { anvilKey } from "../chain/anvil-accounts";
import { LOCAL_CHAIN_ID } from "../chain/config";
import type { Deployment } from "../chain/deployments";
import type { Db } from "../db/client";
import { snapshots } from "../db/schema";
import { seedDemoContent } from "../devnet/demo-content";
import { ensureLocalContracts, seedDemoAccounts } from "../devnet/local-network";
import { createSnapshot } from "../snapshots/export-jobs";
import { LocalSnapshotStorage } from "../snapshots/local-storage";

export type DemoApp = { url: string; epoch: number; stop: () => Promise<void> };

/**
 * The production build on a fresh Postgres database `dbName` with what `npm run dev` shows on a
 * first start (demo accounts and items, contracts on a fresh anvil), plus one epoch exported and
 * published on-chain, so every public page has its real content.
 */
export async function startDemoApp(dbName: string, logFile?: string): Promise<DemoApp> {
  ensureBuild();
  const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const work = await mkdtemp(join(tmpdir(), "commonplace-demo-app-"));
  const anvil = await startAnvil({ chainId: LOCAL_CHAIN_ID });
  const cleanUp = async () => {
    await anvil.stop();
    await rm(work, { recursive: true, force: true });
  };
  try {
    const deploymentsDir = join(work, "deployments");
    const snapshotDir = join(work, "snapshots");
    const { deployment } = await ensureLocalContracts(anvil.rpcUrl, LOCAL_CHAIN_ID, deploymentsDir);
    const database = await freshDatabase(serverUrl, dbName);
    let epoch: number;
    try {
      await seedDemoAccounts(database.handle.db);
      await seedDemoContent(database.handle.db, LOCAL_CHAIN_ID);
      epoch = await publishEpoch(database.handle.db, anvil.rpcUrl, deployment, snapshotDir);
    } finally {
      await database.handle.close();
    }
    const env = { DATABASE_URL: database.url, RPC_URL: anvil.rpcUrl, CHAIN_ID: String(LOCAL_CHAIN_ID), DEPLOYMENTS_DIR: deploymentsDir, SNAPSHOT_DIR: snapshotDir, LOG_LEVEL: "silent" };
    const server = await startAppServer(env, logFile);
    return {
      url: server.url,
      epoch,
      stop: async () => {
        await server.stop();
        await cleanUp();
      },
    };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/** Exports the accepted demo items as the next epoch and publishes its roots as the curator (anvil account 0) would. */
async function publishEpoch(db: Db, rpcUrl: string, deployment: Deployment, snapshotDir: string): Promise<number> {
  const contracts = { token: deployment.token, distributor: deployment.distributor, staking: deployment.staking };
  const settings = { storage: new LocalSnapshotStorage(snapshotDir), chainId: LOCAL_CHAIN_ID, contracts, budget: parseEther("10000") };
  const snapshot = await createSnapshot(db, settings);
  const wallet = createWalletClient({ account: privateKeyToAccount(anvilKey(0)), chain: foundry, transport: http(rpcUrl) });
  const reader = createPublicClient({ chain: foundry, transport: http(rpcUrl) });
  const hash = await wallet.writeContract({
    address: deployment.distributor,
    abi: snapshotDistributorAbi,
    functionName: "publish",
    args: [BigInt(snapshot.epoch), snapshot.datasetRoot as Hex, snapshot.rewardRoot as Hex, snapshot.manifestHash as Hex, snapshot.totalCumulative],
  });
  await reader.waitForTransactionReceipt({ hash });
  await db.update(snapshots).set({ status: "published", txHash: hash, publishedAt: new Date() }).where(eq(snapshots.epoch, snapshot.epoch));
  return snapshot.epoch;
}
