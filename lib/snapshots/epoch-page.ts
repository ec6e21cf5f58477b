import "server-only";
import { unstable_cache } from "next/cache";
import { PROCESS_CACHE_SCOPE } from "../cache/process-scope";
import { getDb } from "../db/client";
import type { Snapshot } from "../db/schema";
import { datasetStats, findDataset, summarize, type DatasetStats, type DatasetSummary } from "./catalog";

/** What /datasets/[epoch] shows. `stats` (the slower queries) is a function so the page can stream it in after the rest. */
export type EpochPage = {
  dataset: DatasetSummary;
  /** From the manifest: the chain and distributor the snapshot was made for. */
  chainId: number | null;
  distributor: string | null;
  stats: () => Promise<DatasetStats>;
};

class NotPublished extends Error {}

const pageFields = (row: Snapshot) => ({ dataset: summarize(row), chainId: row.manifest?.chain_id ?? null, distributor: row.manifest?.contracts?.distributor ?? null });

/**
 * A published epoch never changes again (DESIGN.md: snapshots are immutable once published), so
 * its page data is cached for the life of the process. An epoch not published yet throws instead of returning, since
 * Next caches results but never errors, and its data is read again on every request.
 */
const publishedEpoch = unstable_cache(
  async (epoch: number) => {
    const db = await getDb();
    const row = await findDataset(db, String(epoch));
    if (row.status !== "published") throw new NotPublished();
    return { ...pageFields(row), stats: await datasetStats(db, epoch) };
  },
  ["published-epoch", PROCESS_CACHE_SCOPE],
  { revalidate: false },
);

/** The page of `ref` (an epoch number or "latest"); an unknown one throws ApiError 404. */
export async function epochPage(ref: string): Promise<EpochPage> {
  if (/^[1-9]\d{0,8}$/.test(ref)) {
    const cached = await publishedEpoch(Number(ref)).catch((error: unknown) => {
      if (error instanceof NotPublished) return null;
      throw error;
    });
    if (cached) return { ...cached, stats: async () => cached.stats };
  }
  const db = await getDb();
  const row = await findDataset(db, ref);
  return { ...pageFields(row), stats: () => datasetStats(db, row.epoch) };
}
