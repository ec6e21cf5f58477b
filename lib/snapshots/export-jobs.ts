import { randomBytes } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { queryRows } from "../db/raw";
import { exportJobs, snapshots, type ExportJob, type Snapshot } from "../db/schema";
import { log } from "../log";
import { discardSnapshot, enqueueSnapshot, exportEpoch, finishSnapshot, type SnapshotSettings } from "./create";
import type { ExportProgress } from "./export";
import { MANIFEST_FILE, SNAPSHOT_FILES } from "./files";

export type ExportJobOptions = {
  /** Who holds the job (one per worker); the lease is theirs until it runs out. */
  owner: string;
  /** How long a lease lasts without a heartbeat: a process that died frees its job this long after. */
  leaseMs: number;
  /** How often a running job renews its lease (well inside leaseMs). */
  heartbeatMs: number;
  /** After this many started attempts a job is discarded instead of retried. */
  maxAttempts: number;
};

export const EXPORT_JOB_DEFAULTS: Omit<ExportJobOptions, "owner"> = { leaseMs: 30_000, heartbeatMs: 5_000, maxAttempts: 3 };

export const workerName = (role: string) => `${role}:${process.pid}:${randomBytes(3).toString("hex")}`;

const FILES_TOTAL = SNAPSHOT_FILES.length + 1;

/** The lease moved to another worker (this one was too slow to renew it): stop, the other one finishes. */
class LeaseLost extends Error {}

/**
 * Takes the oldest job that is queued or whose lease ran out, in one statement (SKIP LOCKED: two
 * workers never take the same job), and starts a lease on it.
 */
export async function claimExportJob(db: Db, options: ExportJobOptions, epoch?: number): Promise<ExportJob | null> {
  const only = epoch === undefined ? sql`` : sql`and epoch = ${epoch}`;
  const [row] = await queryRows<{ epoch: number }>(
    db,
    sql`update ${exportJobs} set state = 'running', lease_owner = ${options.owner},
          lease_until = now() + make_interval(secs => ${options.leaseMs / 1000}), attempts = attempts + 1,
          started_at = coalesce(started_at, now())
        where epoch = (
          select epoch from ${exportJobs}
          where (state = 'queued' or (state = 'running' and lease_until < now())) ${only}
          order by epoch limit 1 for update skip locked)
        returning epoch`,
  );
  if (!row) return null;
  const [job] = await db.select().from(exportJobs).where(eq(exportJobs.epoch, Number(row.epoch)));
  return job ?? null;
}

/** Renews the lease and records progress; throws LeaseLost when the job is no longer this worker's. */
async function heartbeat(db: Db, epoch: number, options: ExportJobOptions, progress?: ExportJob["progress"]): Promise<void> {
  const rows = await db
    .update(exportJobs)
    .set({ leaseUntil: sql`now() + make_interval(secs => ${options.leaseMs / 1000})`, ...(progress ? { progress } : {}) })
    .where(and(eq(exportJobs.epoch, epoch), eq(exportJobs.leaseOwner, options.owner), eq(exportJobs.state, "running")))
    .returning({ epoch: exportJobs.epoch });
  if (rows.length === 0) throw new LeaseLost(`epoch ${epoch}: the lease passed to another worker`);
}

/**
 * Runs a claimed job: writes the epoch's files (deterministic, so a rerun after a crash writes the
 * same bytes over whatever half was there), then records the result and marks the job done in one
 * transaction. A failure puts the job back in the queue; after `maxAttempts` the epoch is discarded.
 */
export async function runExportJob(
  db: Db,
  job: ExportJob,
  settings: SnapshotSettings,
  options: ExportJobOptions,
  onProgress?: (progress: ExportProgress) => void,
): Promise<Snapshot | null> {
  const epoch = job.epoch;
  let filesDone = 0;
  let latest: ExportJob["progress"] = { file: SNAPSHOT_FILES[0], rows: 0, filesDone: 0, filesTotal: FILES_TOTAL };
  let failure: unknown = null;
  // Progress is written with the heartbeat, so a slow file (millions of rows) keeps the lease alive.
  const beat = setInterval(() => void heartbeat(db, epoch, options, latest).catch((error: unknown) => (failure = error)), options.heartbeatMs);
  try {
    // A worker that died mid-file left its temporary writes behind; the rerun rewrites every file anyway.
    const dropped = await settings.storage.discardUnfinished(epoch);
    if (dropped > 0) log.info("export_unfinished_discarded", { epoch, files: dropped });
    const result = await exportEpoch(db, epoch, settings, (p) => {
      if (failure) throw failure;
      if (p.done) filesDone++;
      latest = { file: p.file, rows: p.rows, filesDone, filesTotal: FILES_TOTAL };
      onProgress?.(p);
    });
    if (failure) throw failure;
    return await db.transaction(async (tx) => {
      const mine = await tx
        .update(exportJobs)
        .set({ state: "done", finishedAt: new Date(), progress: { file: MANIFEST_FILE, rows: 0, filesDone: FILES_TOTAL, filesTotal: FILES_TOTAL }, error: null })
        .where(and(eq(exportJobs.epoch, epoch), eq(exportJobs.leaseOwner, options.owner)))
        .returning({ epoch: exportJobs.epoch });
      if (mine.length === 0) throw new LeaseLost(`epoch ${epoch}: the lease passed to another worker`);
      return finishSnapshot(tx, epoch, result);
    });
  } catch (error) {
    if (error instanceof LeaseLost) {
      log.warn("export_lease_lost", { epoch, owner: options.owner });
      return null;
    }
    log.error("export_failed", { epoch, attempt: job.attempts, error });
    const message = error instanceof Error ? error.message.slice(0, 300) : "export failed";
    if (job.attempts >= options.maxAttempts) {
      await db.transaction(async (tx) => {
        await tx.update(exportJobs).set({ state: "failed", finishedAt: new Date(), error: message, leaseOwner: null }).where(eq(exportJobs.epoch, epoch));
        await discardSnapshot(tx, epoch);
      });
    } else {
      await db.update(exportJobs).set({ state: "queued", error: message, leaseOwner: null, leaseUntil: null }).where(eq(exportJobs.epoch, epoch));
    }
    throw error;
  } finally {
    clearInterval(beat);
  }
}

/**
 * Freezes and exports the next epoch right here (tests, scripts, the demo): the same queue and the
 * same job a worker would run, claimed by this caller.
 */
export async function createSnapshot(db: Db, settings: SnapshotSettings, onProgress?: (p: ExportProgress) => void, now = new Date()): Promise<Snapshot> {
  const epoch = await enqueueSnapshot(db, settings, now);
  const options = { ...EXPORT_JOB_DEFAULTS, owner: workerName("inline"), maxAttempts: 1 };
  const job = await claimExportJob(db, options, epoch);
  if (!job) throw new Error(`epoch ${epoch}: another worker took the export`);
  const snapshot = await runExportJob(db, job, settings, options, onProgress);
  if (!snapshot) throw new Error(`epoch ${epoch}: another worker finished the export`);
  return snapshot;
}

export type ExportJobView = { epoch: number; state: ExportJob["state"]; attempts: number; progress: ExportJob["progress"]; error: string | null };

/** The export job of an epoch as the curator page shows it (null when there is none). */
export async function exportJobView(db: Db, epoch: number): Promise<ExportJobView | null> {
  const [job] = await db.select().from(exportJobs).where(eq(exportJobs.epoch, epoch));
  return job ? { epoch: job.epoch, state: job.state, attempts: job.attempts, progress: job.progress, error: job.error } : null;
}

/** The job of the newest epoch still being exported, if any: what the curator page follows on load. */
export async function currentExportJob(db: Db): Promise<ExportJobView | null> {
  const [row] = await db.select({ epoch: snapshots.epoch }).from(snapshots).where(eq(snapshots.status, "exporting")).orderBy(sql`${snapshots.epoch} desc`).limit(1);
  return row ? exportJobView(db, row.epoch) : null;
}
