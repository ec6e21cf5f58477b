import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { parseEther } from "viem";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DbHandle } from "../db/client";
import { snapshots } from "../db/schema";
import { createTestDb } from "../db/test-db";
import { createSnapshot } from "../snapshots/export-jobs";
import { LocalSnapshotStorage } from "../snapshots/local-storage";
import { verifySnapshot } from "../snapshots/verify";
import { getNetworkStats } from "../stats/network-stats";
import { seedDemoContent } from "./demo-content";
import { seedDemoAccounts } from "./local-network";

let handle: DbHandle;
let dir: string;
beforeAll(async () => {
  process.env.LOG_LEVEL = "silent";
  handle = await createTestDb();
  dir = await mkdtemp(join(tmpdir(), "demo-epochs-"));
});
afterAll(async () => {
  await handle.close();
  await rm(dir, { recursive: true, force: true });
});

it("seeds signed demo items once, some accepted by the demo validators", async () => {
  await seedDemoAccounts(handle.db);
  expect(await seedDemoContent(handle.db, 31337)).toBe(7);
  expect(await seedDemoContent(handle.db, 31337)).toBe(0);
  const stats = await getNetworkStats(handle.db);
  expect(stats).toMatchObject({ accepted: 3, pending: 4, validators: 3, votes: 10 });
});

it("makes epochs that the verifier re-derives in full from their files: signatures, decisions, rewards", async () => {
  const settings = { storage: new LocalSnapshotStorage(dir), chainId: 31337, contracts: null, budget: parseEther("10000") };
  await createSnapshot(handle.db, settings);
  await handle.db.update(snapshots).set({ status: "published" }).where(eq(snapshots.epoch, 1));
  await createSnapshot(handle.db, settings, undefined, new Date(Date.now() + 2000));
  for (const epoch of [1, 2]) {
    const result = await verifySnapshot({ source: join(dir, String(epoch)) });
    expect(result.checks.filter((c) => !c.ok)).toEqual([]);
    expect(result.checks.find((c) => c.name === "vote signatures")?.ok).toBe(true);
  }
});
