import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { queryRows } from "../db/raw";
import { snapshotItems, snapshots, submissions, type Snapshot } from "../db/schema";
import { notFound } from "../http/api-error";
import { datasetRows } from "./db-rows";
import { fileUrl } from "./files";
import type { DatasetRow } from "./rows";
import { screeningStats, type ScreeningStats } from "./screening-stats";
import { manifestJson } from "./writers/manifest";

export type DatasetFile = { name: string; bytes: number; sha256: string; mediaType: string; url: string };
export type DatasetSummary = {
  epoch: number;
  status: "exported" | "published";
  cutoff: string;
  itemCount: number;
  voteCount: number;
  datasetRoot: string;
  rewardRoot: string;
  manifestHash: string;
  /** The content address of the snapshot's files (manifest.cid), or null for a snapshot exported before there was one. */
  cid: string | null;
  totalCumulative: string;
  txHash: string | null;
  publishedAt: string | null;
  /** A reported publication transaction the chain has not settled yet, and why the last one was refused. */
  pendingTxHash: string | null;
  publicationError: { code: string; message: string } | null;
  files: DatasetFile[];
};

export function summarize(s: Snapshot): DatasetSummary {
  const files = (s.manifest?.files ?? []).map((f) => ({ name: f.name, bytes: f.bytes, sha256: f.sha256, mediaType: f.media_type, url: fileUrl(s.epoch, f.name) }));
  return {
    epoch: s.epoch,
    status: s.status === "published" ? "published" : "exported",
    cutoff: s.cutoff.toISOString(),
    itemCount: s.itemCount,
    voteCount: s.voteCount,
    datasetRoot: s.datasetRoot,
    rewardRoot: s.rewardRoot,
    manifestHash: s.manifestHash,
    cid: s.manifest?.cid ?? null,
    totalCumulative: s.totalCumulative.toString(),
    txHash: s.txHash,
    publishedAt: s.publishedAt?.toISOString() ?? null,
    pendingTxHash: s.pendingTxHash,
    publicationError: s.publicationError,
    files: s.manifest
      ? [
          ...files,
          // manifest.json's bytes are manifestJson(manifest) exactly; its sha256 is the published manifest hash.
          { name: "manifest.json", bytes: Buffer.byteLength(manifestJson(s.manifest)), sha256: s.manifestHash.replace(/^0x/, ""), mediaType: "application/json", url: fileUrl(s.epoch, "manifest.json") },
        ]
      : [],
  };
}

/** Every finished snapshot, newest first (one being exported right now is not listed). */
export async function listDatasets(db: Db): Promise<DatasetSummary[]> {
  const rows = await db.select().from(snapshots).where(inArray(snapshots.status, ["exported", "published"])).orderBy(desc(snapshots.epoch));
  return rows.map(summarize);
}

/** `latest` is the newest published snapshot: the one AI teams should pin. */
export async function findDataset(db: Db, ref: string): Promise<Snapshot> {
  const where =
    ref === "latest"
      ? eq(snapshots.status, "published")
      : /^[1-9]\d{0,8}$/.test(ref)
        ? and(eq(snapshots.epoch, Number(ref)), inArray(snapshots.status, ["exported", "published"]))
        : undefined;
  if (!where) throw notFound(`No dataset "${ref}". Use an epoch number or "latest".`);
  const [row] = await db.select().from(snapshots).where(where).orderBy(desc(snapshots.epoch)).limit(1);
  if (!row) throw notFound(ref === "latest" ? "No snapshot has been published yet." : `No dataset for epoch ${ref}.`);
  return row;
}

const PREVIEW_ROWS = 5;

export type DatasetStats = {
  tags: { tag: string; count: number }[];
  quality: { bucket: number; count: number }[];
  contributors: { address: string; count: number }[];
  screening: ScreeningStats;
  preview: DatasetRow[];
};

export async function datasetStats(db: Db, epoch: number): Promise<DatasetStats> {
  const items = sql`(select s.* from ${snapshotItems} i join ${submissions} s on s.id = i.submission_id where i.epoch = ${epoch}) as items`;
  const [tags, quality, contributors, screening] = await Promise.all([
    queryRows<{ tag: string; count: string }>(db, sql`select tag, count(*) as count from ${items}, unnest(items.tags) as tag group by tag order by count(*) desc, tag limit 12`),
    queryRows<{ bucket: number; count: string }>(db, sql`select least(5, greatest(1, round(items.quality)))::int as bucket, count(*) as count from ${items} group by 1 order by 1`),
    queryRows<{ address: string; count: string }>(db, sql`select items.contributor as address, count(*) as count from ${items} group by 1 order by count(*) desc, 1 limit 10`),
    screeningStats(db, epoch),
  ]);
  const preview: DatasetRow[] = [];
  // One page of exactly the rows shown, not an export-sized page.
  for await (const row of datasetRows(db, epoch, PREVIEW_ROWS)) {
    preview.push(row);
    if (preview.length === PREVIEW_ROWS) break;
  }
  const byBucket = new Map(quality.map((q) => [Number(q.bucket), Number(q.count)]));
  return {
    tags: tags.map((t) => ({ tag: t.tag, count: Number(t.count) })),
    quality: [1, 2, 3, 4, 5].map((bucket) => ({ bucket, count: byBucket.get(bucket) ?? 0 })),
    contributors: contributors.map((c) => ({ address: c.address, count: Number(c.count) })),
    screening,
    preview,
  };
}

