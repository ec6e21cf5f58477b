import { desc, eq, sql } from "drizzle-orm";
import { parseUnits } from "viem";
import type { Db } from "../db/client";
import { rewardAllocations, snapshotItems, snapshots, type Snapshot } from "../db/schema";
import { ApiError } from "../http/api-error";
import { allocateEpoch, DEFAULT_CONTRIBUTOR_SHARE_BPS, rewardLeaves } from "../rewards/allocation";
import { cumulativeAfter, epochRewardInputs } from "../rewards/epoch-inputs";
import { datasetRows, decisionRows, voteRows } from "./db-rows";
import { exportSnapshot, type ExportProgress, type ExportResult } from "./export";
import type { SnapshotStorage } from "./storage";

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

/** The epoch a new snapshot would get; refuses while the latest one is not published yet. */
export async function nextEpoch(db: Db): Promise<number> {
  const [previous] = await db.select().from(snapshots).orderBy(desc(snapshots.epoch)).limit(1);
  if (previous && previous.status !== "published")
    throw new ApiError(409, "previous_unpublished", `Publish epoch ${previous.epoch} before creating the next snapshot.`);
  return (previous?.epoch ?? 0) + 1;
}

/**
 * Freezes epoch N and exports it. The freeze is one statement — every accepted, non-gold item
 * decided up to the cut-off, numbered in (decided_at, id) order — so it is one consistent read.
 * The previous epoch must be published first: reward trees are cumulative and on-chain epochs
 * are sequential. A failed export removes the epoch again so it can be retried.
 */
export async function createSnapshot(db: Db, settings: SnapshotSettings, onProgress?: (p: ExportProgress) => void, now = new Date()) {
  const epoch = await nextEpoch(db);
  const cutoff = now;
  const contributorShareBps = settings.contributorShareBps ?? DEFAULT_CONTRIBUTOR_SHARE_BPS;

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
      contributorShareBps,
      status: "exporting",
    });
    await tx.execute(sql`
      insert into ${snapshotItems} (epoch, submission_id, position)
      select ${epoch}, id, (row_number() over (order by decided_at, id) - 1)::int
      from submissions
      where status = 'accepted' and gold_verdict is null and decided_at <= ${cutoff.toISOString()}::timestamptz`);
  });

  try {
    const result = await exportEpoch(db, epoch, settings, onProgress);
    const [row] = await db
      .update(snapshots)
      .set({
        itemCount: result.itemCount,
        voteCount: result.voteCount,
        datasetRoot: result.datasetRoot,
        rewardRoot: result.rewardRoot,
        manifestHash: result.manifestHash,
        totalCumulative: result.totalCumulative,
        manifest: result.manifest,
        status: "exported",
      })
      .where(eq(snapshots.epoch, epoch))
      .returning();
    return row as Snapshot;
  } catch (error) {
    await db.delete(rewardAllocations).where(eq(rewardAllocations.epoch, epoch));
    await db.delete(snapshotItems).where(eq(snapshotItems.epoch, epoch));
    await db.delete(snapshots).where(eq(snapshots.epoch, epoch));
    throw error;
  }
}

/**
 * Writes the files of a frozen epoch from the database. Used by createSnapshot and to rebuild a
 * snapshot: the same database state gives byte-identical files and the same roots.
 */
export async function exportEpoch(
  db: Db,
  epoch: number,
  settings: SnapshotSettings,
  onProgress?: (p: ExportProgress) => void,
): Promise<ExportResult> {
  const [current] = await db.select().from(snapshots).where(eq(snapshots.epoch, epoch));
  if (!current) throw new ApiError(404, "not_found", `No snapshot for epoch ${epoch}.`);
  const [previous] = epoch > 1 ? await db.select().from(snapshots).where(eq(snapshots.epoch, epoch - 1)) : [];
  const previousCumulative = await cumulativeAfter(db, epoch - 1);
  const inputs = await epochRewardInputs(db, epoch, previous?.cutoff ?? null, current.cutoff);
  const allocation = allocateEpoch({ budget: current.budget, ...inputs, contributorShareBps: current.contributorShareBps, previousCumulative });
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
      ...inputs,
    },
    allocation,
    previousCumulative,
    onProgress,
  });

  const byAddress = new Map(allocation.allocations.map((a) => [a.address, a]));
  const leaves = rewardLeaves(allocation.allocations, previousCumulative);
  await db.delete(rewardAllocations).where(eq(rewardAllocations.epoch, epoch));
  for (let i = 0; i < leaves.length; i += 1000) {
    await db.insert(rewardAllocations).values(
      leaves.slice(i, i + 1000).map((leaf) => ({
        epoch,
        address: leaf.account,
        contributorAmount: byAddress.get(leaf.account)?.contributorAmount ?? 0n,
        validatorAmount: byAddress.get(leaf.account)?.validatorAmount ?? 0n,
        cumulative: leaf.amount,
      })),
    );
  }
  return result;
}
