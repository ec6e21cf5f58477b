import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { createPublicClient, createWalletClient, http, keccak256, parseEther, toHex, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { afterAll, describe, expect, it } from "vitest";
import { snapshotDistributorAbi } from "../chain/abi";
import { anvilKey } from "../chain/anvil-accounts";
import { freePort } from "../net/free-port";
import { LOCAL_CHAIN_ID } from "../chain/config";
import { readDeployment } from "../chain/deployments";
import { migrateDatabase, openDatabase, type DbHandle } from "../db/client";
import { snapshots } from "../db/schema";
import { checkChainAgreement } from "./chain-agreement";
import { chooseStateFile } from "./chain-state";
import { ensureLocalContracts } from "./local-network";

/**
 * `kill -9` of the local chain at random moments of activity (epochs published one after another, each recorded in
 * the database once its receipt is in), then a restart: the chain must come back from its saved state, and the chain
 * and the database must agree, with at most the newest publication handed back to the curator.
 */
let dir: string;
let child: ChildProcess | null = null;
let db: DbHandle | null = null;

afterAll(async () => {
  if (child?.pid && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
  await db?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function startChain(port: number): Promise<{ rpcUrl: string; note: string }> {
  child = spawn(process.execPath, ["--import", "tsx", "lib/testing/local-chain-process.ts", dir, String(port)], { detached: true, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let output = "";
    child!.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /^ready (\S+)(.*)$/m.exec(output);
      if (match) resolve({ rpcUrl: match[1]!, note: match[2]!.trim() });
    });
    child!.once("exit", (code) => reject(new Error(`the chain process exited (${code}) before it was ready: ${output}`)));
  });
}

function killGroup(): Promise<void> {
  const running = child!;
  return new Promise((resolve) => {
    running.once("exit", () => resolve());
    process.kill(-running.pid!, "SIGKILL");
  });
}

/** The epoch to publish next: the oldest one awaiting publication (after a repair), else a new one. */
async function epochToPublish(handle: DbHandle): Promise<number> {
  const rows = await handle.db.select({ epoch: snapshots.epoch, status: snapshots.status }).from(snapshots);
  const waiting = rows.filter((r) => r.status !== "published").map((r) => r.epoch);
  return waiting.length > 0 ? Math.min(...waiting) : rows.reduce((max, r) => Math.max(max, r.epoch), 0) + 1;
}

/** Publishes epoch after epoch until the chain goes away, recording each in the database after its receipt. */
async function publishUntilKilled(handle: DbHandle, rpcUrl: string, distributor: Address, stop: Promise<void>): Promise<number> {
  const wallet = createWalletClient({ account: privateKeyToAccount(anvilKey(0)), chain: foundry, transport: http(rpcUrl, { retryCount: 0 }) });
  const reader = createPublicClient({ chain: foundry, transport: http(rpcUrl, { retryCount: 0 }), pollingInterval: 20 });
  let stopped = false;
  void stop.then(() => (stopped = true));
  let published = 0;
  while (!stopped) {
    const epoch = await epochToPublish(handle);
    const roots = { datasetRoot: keccak256(toHex(`dataset ${epoch}`)), rewardRoot: keccak256(toHex(`rewards ${epoch}`)), manifestHash: keccak256(toHex(`manifest ${epoch}`)) };
    const total = parseEther(String(epoch));
    const existing = await handle.db.select().from(snapshots).where(eq(snapshots.epoch, epoch));
    if (existing.length === 0) {
      await handle.db.insert(snapshots).values({ epoch, cutoff: new Date(), itemCount: 0, ...roots, budget: parseEther("1"), totalCumulative: total, status: "exported" });
    }
    try {
      const hash = await wallet.writeContract({ address: distributor, abi: snapshotDistributorAbi, functionName: "publish", args: [BigInt(epoch), roots.datasetRoot, roots.rewardRoot, roots.manifestHash, total] });
      await reader.waitForTransactionReceipt({ hash, timeout: 5_000 });
    } catch {
      return published; // the chain is gone
    }
    await handle.db.update(snapshots).set({ status: "published", publishedAt: new Date() }).where(eq(snapshots.epoch, epoch));
    published++;
  }
  return published;
}

describe("the local chain killed with -9 at random moments", () => {
  it("comes back from its saved state, in agreement with the database, five times over", async () => {
    dir = await mkdtemp(join(tmpdir(), "local-crash-"));
    const port = await freePort();
    db = await openDatabase({ PGLITE_DIR: join(dir, "pglite") });
    await migrateDatabase(db);
    const deployments = join(dir, "deployments");
    let totalPublished = 0;
    let reopened = 0;

    for (let round = 0; round < 5; round++) {
      const { rpcUrl } = await startChain(port);
      const client = createPublicClient({ chain: foundry, transport: http(rpcUrl) });
      const recorded = readDeployment(LOCAL_CHAIN_ID, deployments);
      if (recorded) {
        const agreement = await checkChainAgreement(db.db, client, recorded.distributor);
        expect(agreement.state, JSON.stringify(agreement)).not.toBe("disagree");
        if (agreement.state === "repaired") reopened += agreement.reopened.length;
      }
      const { deployment, deployed } = await ensureLocalContracts(rpcUrl, LOCAL_CHAIN_ID, deployments);
      if (round > 0) expect(deployed, "the contracts survive the crash").toBe(false);

      // Publish an epoch left awaiting publication (as the curator would), then keep publishing until killed.
      const killed = new Promise<void>((resolve) => setTimeout(resolve, 400 + Math.random() * 1600));
      const publishing = publishUntilKilled(db, rpcUrl, deployment.distributor, killed);
      await killed;
      await killGroup();
      totalPublished += await publishing;
    }

    // A last start: every epoch the database calls published is on the distributor with its roots.
    const { rpcUrl } = await startChain(port);
    const client = createPublicClient({ chain: foundry, transport: http(rpcUrl) });
    const agreement = await checkChainAgreement(db.db, client, readDeployment(LOCAL_CHAIN_ID, deployments)!.distributor);
    expect(agreement.state).not.toBe("disagree");
    expect((await checkChainAgreement(db.db, client, readDeployment(LOCAL_CHAIN_ID, deployments)!.distributor)).state).toBe("agree");
    expect(totalPublished).toBeGreaterThan(5);
    // The keeper saves within ~300 ms of each block: a kill loses at most the publications of that moment.
    expect(reopened).toBeLessThan(totalPublished);
  }, 180_000);

  it("starts from the last good copy when the state file was left empty, and says so", async () => {
    const folder = await mkdtemp(join(tmpdir(), "chain-state-"));
    const file = join(folder, "anvil-state.json");
    await writeFile(`${file}.prev`, JSON.stringify({ block: { number: "0x1" }, accounts: {} }));
    await writeFile(file, "");
    const choice = chooseStateFile(file);
    expect(choice.path).toBe(`${file}.prev`);
    expect(choice.note).toMatch(/^the chain state was damaged \(kept as .*anvil-state\.json\.damaged-\d+\); starting from the last good copy/);
    expect(existsSync(file)).toBe(false);
    await rm(folder, { recursive: true, force: true });
  });
});
