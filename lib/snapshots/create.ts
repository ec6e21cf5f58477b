import { and, desc, eq, sql } from "drizzle-orm";
import { parseUnits } from "viem";
import type { Db } from "../db/client";
import { exportJobs, rewardAllocations, snapshotItems, snapshots, type Snapshot } from "../db/schema";
import { ApiError } from "../http/api-error";
import { allocateWeights, DEFAULT_CONTRIBUTOR_SHARE_BPS, rewardLeaves, validatorWeights } from "../rewards/allocation";
import { cumulativeAfter, epochContributions, epochRewardInputs } from "../rewards/epoch-inputs";
import { datasetRows, decisionRows, voteRows } from "./db-rows";
import { exportSnapshot, type ExportProgress, type ExportResult } from "./export";
import type { SnapshotStorage } from "./storage";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export type SnapshotSettings = {
  storage: SnapshotStorage;
  chainId: number;
  contracts: { token: string; distributor: string; staking: string } | null;
  /** Wei paid out by this epoch. */
  budget: bigint;
  contributorShareBps?: number;
  siteUrl?: string;
};

/** EPOCH_BUDGET in whole tokens (18 decimals), default 10,000. */
export function epochBudget(env: Record<string, string | undefined> = process.env): bigint {
  return parseUnits(env.EPOCH_BUDGET ?? "10000", 18);
}

/** The epoch a new snapshot would get; refuses while the latest one is being exported or awaits publication. */
export async function nextEpoch(db: Db): Promise<number> {
  const [previous] = await db.select().from(snapshots).orderBy(desc(snapshots.epoch)).limit(1);
  if (previous?.status === "exporting")
    throw new ApiError(409, "export_in_progress", `Epoch ${previous.epoch} is still being exported: wait for it, then publish it.`);
  if (previous && previous.status !== "published")
    throw new ApiError(409, "previous_unpublished", `Publish epoch ${previous.epoch} before creating the next snapshot.`);
  return (previous?.epoch ?? 0) + 1;
}

/**
 * Freezes epoch N and queues its export, in one transaction: the snapshot row, every accepted,
 * non-gold item decided up to the cut-off numbered in (decided_at, id) order (one consistent
 * read), and the export job a worker runs. The previous epoch must be published first: reward
 * trees are cumulative and on-chain epochs are sequential. Two requests at once cannot both
 * freeze an epoch: the second one's insert meets the first one's row.
 */
export async function enqueueSnapshot(db: Db, settings: Pick<SnapshotSettings, "budget" | "contributorShareBps">, now = new Date()): Promise<number> {
  const epoch = await nextEpoch(db);
  const cutoff = now;
  try {
    await db.transaction(async (tx) => {
      await tx.insert(snapshots).values({
        epoch,
        cutoff,
        itemCount: 0,
        datasetRoot: "",
        rewardRoot: "",
        manifestHash: "",
        budget: settings.budget,
        totalCumulative: 0n,
        contributorShareBps: settings.contributorShareBps ?? DEFAULT_CONTRIBUTOR_SHARE_BPS,
        status: "exporting",
      });
      await tx.execute(sql`
        insert into ${snapshotItems} (epoch, submission_id, position)
        select ${epoch}, id, (row_number() over (order by decided_at, id) - 1)::int
        from submissions
        where status = 'accepted' and gold_verdict is null and decided_at <= ${cutoff.toISOString()}::timestamptz`);
      // An epoch number whose earlier export failed and was discarded gets a fresh job.
      const job = await tx
        .insert(exportJobs)
        .values({ epoch, createdAt: now })
        .onConflictDoUpdate({
          target: exportJobs.epoch,
          set: { state: "queued", attempts: 0, leaseOwner: null, leaseUntil: null, progress: null, error: null, createdAt: now, startedAt: null, finishedAt: null },
          setWhere: sql`${exportJobs.state} = 'failed'`,
        })
        .returning({ epoch: exportJobs.epoch });
      if (job.length === 0) throw new ApiError(409, "export_in_progress", `Epoch ${epoch} already has an export job.`);
    });
  } catch (error) {
    const { code, cause } = error as { code?: string; cause?: { code?: string } };
    if ((cause?.code ?? code) === "23505")
      throw new ApiError(409, "export_in_progress", `Epoch ${epoch} was just created by another request: it is being exported.`);
    throw error;
  }
  return epoch;
}

/** The files of an epoch, written, and the reward allocations they publish, not yet recorded. */
export type EpochExport = ExportResult & { allocations: (typeof rewardAllocations.$inferInsert)[] };

/** Records a finished export on its epoch, allocations included (in the caller's transaction). */
export async function finishSnapshot(db: Db | Tx, epoch: number, exported: EpochExport): Promise<Snapshot> {
  await db.delete(rewardAllocations).where(eq(rewardAllocations.epoch, epoch));
  for (let i = 0; i < exported.allocations.length; i += 1000) await db.insert(rewardAllocations).values(exported.allocations.slice(i, i + 1000));
  const [row] = await db
    .update(snapshots)
    .set({
      itemCount: exported.itemCount,
      voteCount: exported.voteCount,
      datasetRoot: exported.datasetRoot,
      rewardRoot: exported.rewardRoot,
      manifestHash: exported.manifestHash,
      totalCumulative: exported.totalCumulative,
      manifest: exported.manifest,
      status: "exported",
    })
    .where(eq(snapshots.epoch, epoch))
    .returning();
  return row as Snapshot;
}

/** Removes an epoch whose export cannot finish, so the next one can be created; its files stay unlisted. */
export async function discardSnapshot(db: Db | Tx, epoch: number): Promise<void> {
  await db.delete(rewardAllocations).where(eq(rewardAllocations.epoch, epoch));
  await db.delete(snapshotItems).where(eq(snapshotItems.epoch, epoch));
  await db.delete(snapshots).where(and(eq(snapshots.epoch, epoch), eq(snapshots.status, "exporting")));
}

/**
 * Writes the files of a frozen epoch from the database and returns what finishSnapshot records.
 * It changes no row, so a worker that lost its job half-way harms nothing; the same database
 * state gives byte-identical files and the same roots (a rerun after a crash, or a rebuild).
 */
export async function exportEpoch(
  db: Db,
  epoch: number,
  settings: SnapshotSettings,
  onProgress?: (p: ExportProgress) => void,
): Promise<EpochExport> {
  const [current] = await db.select().from(snapshots).where(eq(snapshots.epoch, epoch));
  if (!current) throw new ApiError(404, "not_found", `No snapshot for epoch ${epoch}.`);
  const [previous] = epoch > 1 ? await db.select().from(snapshots).where(eq(snapshots.epoch, epoch - 1)) : [];
  const previousCumulative = await cumulativeAfter(db, epoch - 1);
  const inputs = await epochRewardInputs(db, epoch, previous?.cutoff ?? null, current.cutoff);
  const allocation = allocateWeights({
    budget: current.budget,
    contributorWeights: inputs.contributorWeights,
    validatorWeights: validatorWeights(inputs.validatorAgreements),
    contributorShareBps: current.contributorShareBps,
    previousCumulative,
  });
  const scope = { cutoff: current.cutoff, previousCutoff: previous?.cutoff ?? null };

  const result = await exportSnapshot({
    storage: settings.storage,
    meta: {
      epoch,
      cutoff: current.cutoff.toISOString(),
      chainId: settings.chainId,
      contracts: settings.contracts,
      budget: current.budget,
      contributorShareBps: current.contributorShareBps,
      siteUrl: settings.siteUrl,
    },
    rows: () => datasetRows(db, epoch),
    decisions: () => decisionRows(db, scope),
    votes: () => voteRows(db, scope),
    rewardInputs: {
      previous: previous ? { epoch: previous.epoch, manifestHash: previous.manifestHash as `0x${string}`, cutoff: previous.cutoff.toISOString() } : null,
      contributions: epochContributions(db, epoch),
      validatorAgreements: inputs.validatorAgreements,
    },
    allocation,
    previousCumulative,
    onProgress,
  });

  const byAddress = new Map(allocation.allocations.map((a) => [a.address, a]));
  const allocations = rewardLeaves(allocation.allocations, previousCumulative).map((leaf) => ({
    epoch,
    address: leaf.account,
    contributorAmount: byAddress.get(leaf.account)?.contributorAmount ?? 0n,
    validatorAmount: byAddress.get(leaf.account)?.validatorAmount ?? 0n,
    cumulative: leaf.amount,
  }));
  return { ...result, allocations };
}
