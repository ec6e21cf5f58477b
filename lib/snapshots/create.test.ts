import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { parseEther } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { grantValidator } from "../curation/admin";
import { voteAs } from "../testing/cast-votes";
import type { DbHandle } from "../db/client";
import { accounts, rewardAllocations, snapshots, submissions } from "../db/schema";
import { createTestDb } from "../db/test-db";
import { buildDatasetTree } from "../merkle/standard-tree";
import { contentHash } from "../submissions/typed-data";
import { submissionRow } from "../testing/fixtures";
import { exportEpoch, type SnapshotSettings } from "./create";
import { createSnapshot } from "./export-jobs";
import { datasetRows, decisionRows, voteRows } from "./db-rows";
import { MANIFEST_FILE, SNAPSHOT_FILES } from "./files";
import { LocalSnapshotStorage } from "./local-storage";

let handle: DbHandle;
let dir: string;
const contributors = [0, 1].map(() => privateKeyToAccount(generatePrivateKey()).address);
const validators = [0, 1, 2].map(() => privateKeyToAccount(generatePrivateKey()));
const settings = (root: string): SnapshotSettings => ({
  storage: new LocalSnapshotStorage(root),
  chainId: 31337,
  contracts: null,
  budget: parseEther("1000"),
});

async function acceptedItem(n: number, contributor: string, text: string) {
  const [row] = await handle.db
    .insert(submissions)
    .values(submissionRow(n, contributor, { content: text, contentHash: contentHash(text), tags: ["t", `n${n % 2}`] }))
    .returning({ id: submissions.id });
  for (const v of validators) await voteAs(handle.db, v, row?.id ?? "", "accept", 3 + (n % 3));
}

beforeAll(async () => {
  handle = await createTestDb();
  dir = await mkdtemp(join(tmpdir(), "snapshots-"));
  await handle.db.insert(accounts).values(contributors.map((a) => ({ address: a.toLowerCase() })));
  for (const v of validators) await grantValidator(handle.db, v.address);
  await acceptedItem(1, contributors[0] ?? "", 'First item, with "quotes", commas and <script>alert(1)</script>\nand a newline.');
  await acceptedItem(2, contributors[1] ?? "", "Second item: ünïcödé, emoji 🚀 and =SUM(A1) formula-looking text.");
  await acceptedItem(3, contributors[0] ?? "", "Third item.");
  await handle.db.insert(submissions).values(submissionRow(4, contributors[1] ?? "", { status: "pending" }));
});
afterAll(async () => {
  await handle.close();
  await rm(dir, { recursive: true, force: true });
});

describe("createSnapshot", () => {
  it("freezes the accepted items, writes every file and records the epoch with exact allocations", async () => {
    const snapshot = await createSnapshot(handle.db, settings(join(dir, "a")));
    expect(snapshot).toMatchObject({ epoch: 1, itemCount: 3, status: "exported" });
    const files = (await readdir(join(dir, "a", "1"))).sort();
    expect(files).toEqual([...SNAPSHOT_FILES, MANIFEST_FILE].sort());

    const lines = (await readFile(join(dir, "a", "1", "data.jsonl"), "utf8")).trim().split("\n");
    const rows = lines.map((l) => JSON.parse(l) as { text: string; content_hash: `0x${string}`; contributor: `0x${string}` });
    expect(rows.map((r) => r.text)).toContain("Third item.");
    expect(buildDatasetTree(rows.map((r) => ({ contentHash: r.content_hash, contributor: r.contributor }))).root).toBe(snapshot.datasetRoot);

    const allocations = await handle.db.select().from(rewardAllocations).where(eq(rewardAllocations.epoch, 1));
    expect(allocations.reduce((sum, a) => sum + a.cumulative, 0n)).toBe(parseEther("1000"));
    expect(snapshot.totalCumulative).toBe(parseEther("1000"));
  });

  it("rebuilds byte-identical files and the same roots from the same database state", async () => {
    const again = await exportEpoch(handle.db, 1, settings(join(dir, "b")));
    const [row] = await handle.db.select().from(snapshots).where(eq(snapshots.epoch, 1));
    expect(again.datasetRoot).toBe(row?.datasetRoot);
    expect(again.rewardRoot).toBe(row?.rewardRoot);
    expect(again.manifestHash).toBe(row?.manifestHash);
    for (const name of await readdir(join(dir, "a", "1"))) {
      expect(Buffer.compare(await readFile(join(dir, "a", "1", name)), await readFile(join(dir, "b", "1", name))), name).toBe(0);
    }
  });

  it("reads the same rows and votes whatever the page size", async () => {
    const all = async <T>(rows: AsyncIterable<T>) => {
      const out: T[] = [];
      for await (const row of rows) out.push(row);
      return out;
    };
    expect(await all(datasetRows(handle.db, 1, 1))).toEqual(await all(datasetRows(handle.db, 1)));
    const [epoch] = await handle.db.select().from(snapshots).where(eq(snapshots.epoch, 1));
    const scope = { cutoff: epoch?.cutoff ?? new Date(), previousCutoff: null };
    const votes = await all(voteRows(handle.db, scope));
    expect(votes).toHaveLength(9);
    expect(await all(voteRows(handle.db, scope, 1))).toEqual(votes);
    expect(await all(voteRows(handle.db, scope, 2))).toEqual(votes);
    const decisions = await all(decisionRows(handle.db, scope));
    expect(decisions.map((d) => d.outcome)).toEqual(["accepted", "accepted", "accepted"]);
    expect(await all(decisionRows(handle.db, scope, 1))).toEqual(decisions);
  });

  it("refuses the next epoch until the previous one is published", async () => {
    await expect(createSnapshot(handle.db, settings(join(dir, "c")))).rejects.toMatchObject({ status: 409, code: "previous_unpublished" });
    const rows = await handle.db.select().from(snapshots);
    expect(rows).toHaveLength(1);
  });

  it("carries cumulative amounts into the next epoch", async () => {
    await handle.db.update(snapshots).set({ status: "published" }).where(eq(snapshots.epoch, 1));
    await acceptedItem(5, contributors[1] ?? "", "A fifth item, accepted after the first snapshot.");
    const second = await createSnapshot(handle.db, settings(join(dir, "a")), undefined, new Date(Date.now() + 2000));
    expect(second).toMatchObject({ epoch: 2, itemCount: 4 });
    expect(second.totalCumulative).toBe(parseEther("2000"));
    const rows = await handle.db.select().from(rewardAllocations).where(eq(rewardAllocations.epoch, 2));
    expect(rows.map((r) => r.address).sort()).toEqual([...contributors, ...validators.map((v) => v.address)].map((a) => a.toLowerCase()).sort());
  });
});
