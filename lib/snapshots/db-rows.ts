import { and, asc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { queryRows } from "../db/raw";
import { snapshotItems, submissions, votes } from "../db/schema";
import { decisionParams, type DatasetRow, type DecisionRow, type VoteRow } from "./rows";
import type { ConsensusParams } from "../curation/consensus";

const PAGE = 2_000;

const iso = (value: Date | string) => new Date(value).toISOString();

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
        issued_at: s.issuedAt.toISOString(),
        submitted_at: s.createdAt.toISOString(),
        accepted_at: (s.decidedAt ?? s.createdAt).toISOString(),
      };
    }
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    after = last.position;
  }
}

/** Which decisions an epoch's evidence holds: every accepted item up to the cut-off, and what was rejected since the previous one. */
export type DecisionScope = { cutoff: Date; previousCutoff: Date | null };

type DecisionRecord = {
  submission_id: string;
  content_hash: string;
  outcome: "accepted" | "rejected";
  reason: string | null;
  accept_share: number;
  quality: number | null;
  vote_count: number;
  decided_at: Date | string;
  params: ConsensusParams;
};

/** One page of the scope's decisions in (decided_at, submission_id) order, after the given one. */
function decisionPage(db: Db, scope: DecisionScope, after: { at: string; id: string } | null, pageSize: number) {
  const since = scope.previousCutoff ? sql`or d.decided_at > ${scope.previousCutoff.toISOString()}::timestamptz` : sql`or true`;
  const cursor = after ? sql`and (d.decided_at, d.submission_id) > (${after.at}::timestamptz, ${after.id}::uuid)` : sql``;
  return queryRows<DecisionRecord>(
    db,
    sql`select d.submission_id, s.content_hash, d.outcome, d.reason, d.accept_share, d.quality, s.vote_count, d.decided_at, d.params
        from decisions d join submissions s on s.id = d.submission_id
        where s.gold_verdict is null and d.decided_at <= ${scope.cutoff.toISOString()}::timestamptz
          and (d.outcome = 'accepted' ${since}) ${cursor}
        order by d.decided_at, d.submission_id
        limit ${pageSize}`,
  );
}

async function* decisionPages(db: Db, scope: DecisionScope, pageSize: number): AsyncIterable<DecisionRecord[]> {
  let after: { at: string; id: string } | null = null;
  for (;;) {
    const page = await decisionPage(db, scope, after, pageSize);
    if (page.length > 0) yield page;
    const last = page.at(-1);
    if (!last || page.length < pageSize) return;
    after = { at: iso(last.decided_at), id: last.submission_id };
  }
}

/** decisions.jsonl: the scope's decisions, in (decided_at, submission_id) order. */
export async function* decisionRows(db: Db, scope: DecisionScope, pageSize = PAGE): AsyncIterable<DecisionRow> {
  for await (const page of decisionPages(db, scope, pageSize)) {
    for (const d of page)
      yield {
        submission_id: d.submission_id,
        content_hash: d.content_hash,
        outcome: d.outcome,
        reason: d.reason,
        accept_share: Number(d.accept_share),
        quality: d.quality === null ? null : Number(d.quality),
        vote_count: Number(d.vote_count),
        decided_at: iso(d.decided_at),
        params: decisionParams(d.params),
      };
  }
}

/** votes.jsonl: every vote on the scope's decided items, in decisions.jsonl's order, then by validator. */
export async function* voteRows(db: Db, scope: DecisionScope, pageSize = PAGE): AsyncIterable<VoteRow> {
  for await (const page of decisionPages(db, scope, pageSize)) {
    const rows = await db
      .select()
      .from(votes)
      .where(inArray(votes.submissionId, page.map((d) => d.submission_id)))
      .orderBy(asc(votes.submissionId), asc(votes.validator));
    const byItem = new Map<string, typeof rows>();
    for (const v of rows) byItem.set(v.submissionId, [...(byItem.get(v.submissionId) ?? []), v]);
    for (const d of page) {
      for (const v of byItem.get(d.submission_id) ?? [])
        yield {
          submission_id: v.submissionId,
          content_hash: d.content_hash,
          validator: v.validator,
          verdict: v.verdict,
          quality: v.quality,
          flags: v.flags,
          // Votes cast before votes were signed have no signature: the export carries the gap, the verifier names it.
          issued_at: iso(v.issuedAt ?? v.createdAt),
          weight: v.weight,
          signature: v.signature ?? "0x",
          key: v.signer ?? v.validator,
          key_expires_at: v.keyExpiresAt ? iso(v.keyExpiresAt) : null,
          key_signature: v.keySignature,
        };
    }
  }
}
