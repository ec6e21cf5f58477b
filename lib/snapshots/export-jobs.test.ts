import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { parseEther } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { grantValidator } from "../curation/admin";
import type { DbHandle } from "../db/client";
import { accounts, exportJobs, rewardAllocations, snapshotItems, snapshots, submissions } from "../db/schema";
import { createTestDb } from "../db/test-db";
import { contentHash } from "../submissions/typed-data";
import { testSnapshotStorage } from "../testing/snapshot-storage";
import { submissionRow } from "../testing/fixtures";
import { voteAs } from "../testing/cast-votes";
import { enqueueSnapshot, nextEpoch, type SnapshotSettings } from "./create";
import { claimExportJob, currentExportJob, EXPORT_JOB_DEFAULTS, exportJobView, runExportJob, type ExportJobOptions } from "./export-jobs";
import { startExportWorker } from "./export-worker";
import { SNAPSHOT_FILES } from "./files";
import { LocalSnapshotStorage } from "./local-storage";
import type { SnapshotFileWriter, SnapshotStorage } from "./storage";

let handle: DbHandle;
let dir: string;
const contributor = privateKeyToAccount(generatePrivateKey()).address;
const validators = [0, 1, 2].map(() => privateKeyToAccount(generatePrivateKey()));
const settings = (storage: SnapshotStorage): SnapshotSettings => ({ storage, chainId: 31337, contracts: null, budget: parseEther("1000") });
const worker = (owner: string, overrides: Partial<ExportJobOptions> = {}): ExportJobOptions => ({ ...EXPORT_JOB_DEFAULTS, owner, ...overrides });

/** Local storage whose writers fail the first `failures` files: an export that dies half-way through. */
class FailingStorage extends LocalSnapshotStorage {
  constructor(
    root: string,
    private failures: number,
  ) {
    super(root);
  }
  override async writer(epoch: number, name: string): Promise<SnapshotFileWriter> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error("disk full");
    }
    return super.writer(epoch, name);
  }
}

/** Local storage that holds every write until released: an export caught in the middle. */
class StalledStorage extends LocalSnapshotStorage {
  release!: () => void;
  readonly released = new Promise<void>((resolve) => (this.release = resolve));
  override async writer(epoch: number, name: string): Promise<SnapshotFileWriter> {
    await this.released;
    return super.writer(epoch, name);
  }
}

beforeAll(async () => {
  handle = await createTestDb();
  dir = await mkdtemp(join(tmpdir(), "export-jobs-"));
  await handle.db.insert(accounts).values({ address: contributor.toLowerCase() });
  for (const v of validators) await grantValidator(handle.db, v.address);
  for (const n of [1, 2, 3]) {
    const text = `Accepted item number ${n}, frozen into the epoch.`;
    const [row] = await handle.db.insert(submissions).values(submissionRow(n, contributor, { content: text, contentHash: contentHash(text) })).returning({ id: submissions.id });
    for (const v of validators) await voteAs(handle.db, v, row?.id ?? "", "accept", 4);
  }
});
afterAll(async () => {
  await handle.close();
  await rm(dir, { recursive: true, force: true });
});
// Each test starts from an empty queue and no epochs.
afterEach(async () => {
  await handle.db.delete(exportJobs);
  await handle.db.delete(rewardAllocations);
  await handle.db.delete(snapshotItems);
  await handle.db.delete(snapshots);
});

describe("the export queue", () => {
  it("freezes the epoch and its job together, and refuses a second epoch while the first is exporting", async () => {
    const epoch = await enqueueSnapshot(handle.db, settings(new LocalSnapshotStorage(dir)));
    expect(epoch).toBe(1);
    expect(await exportJobView(handle.db, 1)).toMatchObject({ state: "queued", attempts: 0, progress: null });
    expect(await handle.db.select().from(snapshotItems)).toHaveLength(3);
    await expect(nextEpoch(handle.db)).rejects.toMatchObject({ status: 409, code: "export_in_progress" });
    await expect(enqueueSnapshot(handle.db, settings(new LocalSnapshotStorage(dir)))).rejects.toMatchObject({ status: 409, code: "export_in_progress" });
    expect(await handle.db.select().from(exportJobs)).toHaveLength(1);
  });

  it("gives a job to exactly one worker", async () => {
    await enqueueSnapshot(handle.db, settings(new LocalSnapshotStorage(dir)));
    const [a, b] = await Promise.all([claimExportJob(handle.db, worker("a")), claimExportJob(handle.db, worker("b"))]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect((a ?? b)?.attempts).toBe(1);
  });

  it("writes every file, records the snapshot and marks the job done", async () => {
    const storage = testSnapshotStorage(join(dir, "done"));
    await enqueueSnapshot(handle.db, settings(storage));
    const job = await claimExportJob(handle.db, worker("a"));
    const snapshot = await runExportJob(handle.db, job!, settings(storage), worker("a"));
    expect(snapshot).toMatchObject({ epoch: 1, itemCount: 3, status: "exported" });
    expect(await exportJobView(handle.db, 1)).toMatchObject({ state: "done", progress: { filesDone: SNAPSHOT_FILES.length + 1, filesTotal: SNAPSHOT_FILES.length + 1 } });
    const chunks: Buffer[] = [];
    for await (const chunk of (await storage.reader(1, "manifest.json")) as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
    expect(JSON.parse(Buffer.concat(chunks).toString("utf8"))).toMatchObject({ epoch: 1 });
    expect(await currentExportJob(handle.db)).toBeNull();
  });

  it("hands a job whose worker died to the next one, which finishes it; the dead one's late write is refused", async () => {
    const root = join(dir, "takeover");
    await enqueueSnapshot(handle.db, settings(new LocalSnapshotStorage(root)));
    // Worker a takes the job, then stalls past its lease (as a process killed mid-export would).
    const stalled = new StalledStorage(root);
    const short = worker("a", { leaseMs: 50, heartbeatMs: 60_000 });
    const first = runExportJob(handle.db, (await claimExportJob(handle.db, short))!, settings(stalled), short);
    expect(await claimExportJob(handle.db, worker("b"))).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 120));

    const taken = await claimExportJob(handle.db, worker("b"));
    expect(taken).toMatchObject({ epoch: 1, attempts: 2, leaseOwner: "b" });
    const snapshot = await runExportJob(handle.db, taken!, settings(new LocalSnapshotStorage(root)), worker("b"));
    expect(snapshot).toMatchObject({ epoch: 1, status: "exported" });

    stalled.release();
    expect(await first).toBeNull();
    expect(await exportJobView(handle.db, 1)).toMatchObject({ state: "done", attempts: 2 });
    const [row] = await handle.db.select().from(snapshots).where(eq(snapshots.epoch, 1));
    expect(row?.manifestHash).toBe(snapshot?.manifestHash);
  });

  it("retries a failed export, then discards the epoch so the next snapshot can be created", async () => {
    const root = join(dir, "failing");
    const failing = settings(new FailingStorage(root, 2));
    await enqueueSnapshot(handle.db, failing);
    const options = worker("a", { maxAttempts: 2 });

    await expect(runExportJob(handle.db, (await claimExportJob(handle.db, options))!, failing, options)).rejects.toThrow("disk full");
    expect(await exportJobView(handle.db, 1)).toMatchObject({ state: "queued", attempts: 1, error: "disk full" });
    expect(await handle.db.select().from(snapshots)).toHaveLength(1);

    await expect(runExportJob(handle.db, (await claimExportJob(handle.db, options))!, failing, options)).rejects.toThrow("disk full");
    expect(await exportJobView(handle.db, 1)).toMatchObject({ state: "failed", attempts: 2 });
    expect(await handle.db.select().from(snapshots)).toHaveLength(0);
    expect(await handle.db.select().from(snapshotItems)).toHaveLength(0);

    // The same epoch number again, with a fresh job that the (now healthy) storage finishes.
    expect(await enqueueSnapshot(handle.db, failing)).toBe(1);
    expect(await exportJobView(handle.db, 1)).toMatchObject({ state: "queued", attempts: 0, error: null });
    const snapshot = await runExportJob(handle.db, (await claimExportJob(handle.db, options))!, failing, options);
    expect(snapshot).toMatchObject({ epoch: 1, itemCount: 3 });
  });

  it("a worker picks up queued jobs by itself and stops cleanly", async () => {
    const storage = testSnapshotStorage(join(dir, "worker"));
    await enqueueSnapshot(handle.db, settings(storage));
    const running = startExportWorker({ db: async () => handle.db, settings: () => settings(storage), pollMs: 60_000 });
    await running.wake();
    await running.stop();
    expect(await exportJobView(handle.db, 1)).toMatchObject({ state: "done", attempts: 1 });
    expect(await handle.db.select({ status: snapshots.status }).from(snapshots)).toEqual([{ status: "exported" }]);
  });
});
