import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { queryRows } from "../db/raw";
import { decisionParams, datasetScreeningColumns, type DatasetRow, type DecisionRow, type VoteRow } from "./rows";
import type { ConsensusParams } from "../curation/consensus";
import type { Submission } from "../db/schema";
import { screeningOf } from "../screening/stored";

const PAGE = 2_000;

const iso = (value: Date | string) => new Date(value).toISOString();

type ItemRecord = {
  id: string;
  text: string;
  source_url: string | null;
  tags: string[];
  license: string;
  quality: number | null;
  contributor: string;
  content_hash: string;
  signature: string;
  issued_at: Date | string;
  created_at: Date | string;
  decided_at: Date | string | null;
} & Pick<Submission, "language" | "languageScore" | "screeningVerdict" | "screeningReasons" | "screeningSignals">;

/** Items at positions [from, to] of the epoch, in order: a range of snapshot_items' primary key, then the item by id. */
function itemPage(db: Db, epoch: number, from: number, to: number): Promise<ItemRecord[]> {
  return queryRows<ItemRecord>(
    db,
    sql`select s.id, s.content as text, s.source_url, s.tags, s.license, s.quality, s.contributor, s.content_hash, s.signature,
               s.issued_at, s.created_at, s.decided_at, s.language, s.language_score as "languageScore",
               s.screening_verdict as "screeningVerdict", s.screening_reasons as "screeningReasons", s.screening_signals as "screeningSignals"
        from snapshot_items i join submissions s on s.id = i.submission_id
        where i.epoch = ${epoch} and i.position between ${from} and ${to}
        order by i.position`,
  );
}

/**
 * The frozen rows of an epoch, in snapshot order, read in pages of positions: memory stays flat (two
 * pages) and every pass yields the same rows, since snapshot_items never change. A page is a closed
 * range of the primary key: an open `position > after … limit` let the planner join every remaining
 * item before sorting, once per page (quadratic in the item count). Only the exported columns are
 * read (not the MinHash signature and LSH bands).
 */
export async function* datasetRows(db: Db, epoch: number, pageSize = PAGE): AsyncIterable<DatasetRow> {
  const [range] = await queryRows<{ last: number | string | null }>(db, sql`select max(position) as last from snapshot_items where epoch = ${epoch}`);
  const last = range?.last === null || range?.last === undefined ? -1 : Number(range.last);
  let next = last >= 0 ? itemPage(db, epoch, 0, pageSize - 1) : null;
  try {
    for (let from = 0; next; from += pageSize) {
      const page = await next;
      next = from + pageSize <= last ? itemPage(db, epoch, from + pageSize, from + 2 * pageSize - 1) : null;
      yield* page.map(datasetRow);
    }
  } finally {
    // A reader that stopped early leaves the page in flight: its failure is nobody's to handle.
    next?.catch(() => {});
  }
}

function datasetRow(s: ItemRecord): DatasetRow {
  return {
    id: s.id,
    text: s.text,
    source_url: s.source_url,
    tags: s.tags,
    license: s.license,
    quality: s.quality === null ? 0 : Number(s.quality),
    contributor: s.contributor,
    content_hash: s.content_hash,
    signature: s.signature,
    issued_at: iso(s.issued_at),
    submitted_at: iso(s.created_at),
    accepted_at: iso(s.decided_at ?? s.created_at),
    ...datasetScreeningColumns(screeningOf(s)),
  };
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

/** The scope's decisions page by page, the next page read while this one is used. */
async function* decisionPages(db: Db, scope: DecisionScope, pageSize: number): AsyncIterable<DecisionRecord[]> {
  let next: Promise<DecisionRecord[]> | null = decisionPage(db, scope, null, pageSize);
  try {
    while (next) {
      const page: DecisionRecord[] = await next;
      const last = page.at(-1);
      next = last && page.length === pageSize ? decisionPage(db, scope, { at: iso(last.decided_at), id: last.submission_id }, pageSize) : null;
      if (page.length > 0) yield page;
    }
  } finally {
    next?.catch(() => {});
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

type VoteRecord = {
  submission_id: string;
  validator: string;
  verdict: "accept" | "reject";
  quality: number;
  flags: string[];
  issued_at: Date | string | null;
  created_at: Date | string;
  weight: number;
  signature: string | null;
  signer: string | null;
  key_expires_at: Date | string | null;
  key_signature: string | null;
};

/** The votes on a page of decided items, by item then validator; the ids go as one array literal, not a parameter each. */
function votesOn(db: Db, ids: readonly string[]): Promise<VoteRecord[]> {
  return queryRows<VoteRecord>(
    db,
    sql`select submission_id, validator, verdict, quality, flags, issued_at, created_at, weight, signature, signer, key_expires_at, key_signature
        from votes where submission_id = any(${`{${ids.join(",")}}`}::uuid[])
        order by submission_id, validator`,
  );
}

/** votes.jsonl: every vote on the scope's decided items, in decisions.jsonl's order, then by validator. */
export async function* voteRows(db: Db, scope: DecisionScope, pageSize = PAGE): AsyncIterable<VoteRow> {
  // Each page's votes are asked for as soon as the page is known, and awaited one page later.
  let previous: { page: DecisionRecord[]; votes: Promise<VoteRecord[]> } | null = null;
  try {
    for await (const page of decisionPages(db, scope, pageSize)) {
      const current = { page, votes: votesOn(db, page.map((d) => d.submission_id)) };
      if (previous) yield* votesOf(previous.page, await previous.votes);
      previous = current;
    }
    if (previous) yield* votesOf(previous.page, await previous.votes);
  } finally {
    previous?.votes.catch(() => {});
  }
}

function* votesOf(page: readonly DecisionRecord[], records: readonly VoteRecord[]): Generator<VoteRow> {
  const byItem = new Map<string, VoteRecord[]>();
  for (const v of records) {
    const list = byItem.get(v.submission_id);
    if (list) list.push(v);
    else byItem.set(v.submission_id, [v]);
  }
  for (const d of page) {
    for (const v of byItem.get(d.submission_id) ?? [])
      yield {
        submission_id: v.submission_id,
        content_hash: d.content_hash,
        validator: v.validator,
        verdict: v.verdict,
        quality: Number(v.quality),
        flags: v.flags,
        // Votes cast before votes were signed have no signature: the export carries the gap, the verifier names it.
        issued_at: iso(v.issued_at ?? v.created_at),
        weight: Number(v.weight),
        signature: v.signature ?? "0x",
        key: v.signer ?? v.validator,
        key_expires_at: v.key_expires_at ? iso(v.key_expires_at) : null,
        key_signature: v.key_signature,
      };
  }
}
