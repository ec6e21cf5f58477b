import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { queryRows } from "../db/raw";
import { snapshotItems, submissions, votes } from "../db/schema";
import type { DatasetRow, VoteRow } from "./rows";

const PAGE = 2_000;

/**
 * The frozen rows of an epoch, in snapshot order, read in keyset pages: memory stays flat and
 * every pass (one per file format) yields the same rows, since snapshot_items never change.
 */
export async function* datasetRows(db: Db, epoch: number, pageSize = PAGE): AsyncIterable<DatasetRow> {
  let after = -1;
  for (;;) {
    const page = await db
      .select({ position: snapshotItems.position, s: submissions })
      .from(snapshotItems)
      .innerJoin(submissions, eq(submissions.id, snapshotItems.submissionId))
      .where(and(eq(snapshotItems.epoch, epoch), gt(snapshotItems.position, after)))
      .orderBy(asc(snapshotItems.position))
      .limit(pageSize);
    for (const { s } of page) {
      yield {
        id: s.id,
        text: s.content,
        source_url: s.sourceUrl,
        tags: s.tags,
        license: s.license,
        quality: s.quality ?? 0,
        contributor: s.contributor,
        content_hash: s.contentHash,
        signature: s.signature,
        submitted_at: s.createdAt.toISOString(),
        accepted_at: (s.decidedAt ?? s.createdAt).toISOString(),
      };
    }
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    after = last.position;
  }
}

/** Every vote on the epoch's items, in snapshot order then by validator. */
export async function* voteRows(db: Db, epoch: number, pageSize = PAGE): AsyncIterable<VoteRow> {
  // Positions are 0..n-1 and frozen: page through position ranges up to the last one.
  const [{ last } = { last: -1 }] = await queryRows<{ last: number }>(
    db,
    sql`select coalesce(max(position), -1) as last from ${snapshotItems} where epoch = ${epoch}`,
  );
  for (let after = -1; after < Number(last); after += pageSize) {
    const rows = await queryRows<{ position: number; submission_id: string; validator: string; verdict: "accept" | "reject"; quality: number; flags: string[]; weight: number; created_at: Date | string }>(
      db,
      sql`select i.position, v.submission_id, v.validator, v.verdict, v.quality, v.flags, v.weight, v.created_at
          from ${snapshotItems} i join ${votes} v on v.submission_id = i.submission_id
          where i.epoch = ${epoch} and i.position > ${after} and i.position <= ${after + pageSize}
          order by i.position, v.validator`,
    );
    for (const r of rows)
      yield {
        submission_id: r.submission_id,
        validator: r.validator,
        verdict: r.verdict,
        quality: Number(r.quality),
        flags: r.flags,
        weight: Number(r.weight),
        created_at: new Date(r.created_at).toISOString(),
      };
  }
}
