/**
 * The rows a snapshot exports. Key order is part of the public format: every writer emits the keys (JSON), the
 * columns (CSV, Parquet) and the Croissant / dataset-card fields in exactly the order of the `*_COLUMNS` lists.
 */

/** One accepted item, as a row of data.jsonl / data.parquet / data.csv. */
export type DatasetRow = {
  id: string;
  text: string;
  source_url: string | null;
  tags: string[];
  license: string;
  /** Weighted mean of the accepting votes' scores, 1–5. */
  quality: number;
  /** Lowercase 0x address. */
  contributor: string;
  /** 0x keccak256 of the UTF-8 bytes of `text`: with `contributor`, the dataset-root leaf. */
  content_hash: string;
  /** The contributor's EIP-712 `Submission` signature. */
  signature: string;
  /** ISO 8601, UTC, e.g. 2025-01-31T12:00:00.000Z. */
  submitted_at: string;
  accepted_at: string;
};

/** One vote on an item of the snapshot, as a row of votes.jsonl. */
export type VoteRow = {
  submission_id: string;
  /** Lowercase 0x address. */
  validator: string;
  verdict: "accept" | "reject";
  /** 1–5. */
  quality: number;
  flags: string[];
  /** The validator's reputation when the vote was cast. */
  weight: number;
  /** ISO 8601, UTC. */
  created_at: string;
};

export const DATASET_COLUMNS = [
  "id",
  "text",
  "source_url",
  "tags",
  "license",
  "quality",
  "contributor",
  "content_hash",
  "signature",
  "submitted_at",
  "accepted_at",
] as const satisfies readonly (keyof DatasetRow)[];

export const VOTE_COLUMNS = [
  "submission_id",
  "validator",
  "verdict",
  "quality",
  "flags",
  "weight",
  "created_at",
] as const satisfies readonly (keyof VoteRow)[];

const HASH32 = /^0x[0-9a-f]{64}$/;
const ADDRESS = /^0x[0-9a-f]{40}$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/**
 * data.jsonl's line for a row (without the newline). Builds a fresh object so the key order is the documented one
 * whatever the caller's object looks like, and throws on values that would not survive a round trip (a non-finite
 * quality, a malformed hash, address or timestamp) instead of exporting something a verifier would reject.
 */
export function datasetRowJson(row: DatasetRow): string {
  assertDatasetRow(row);
  return JSON.stringify({
    id: row.id,
    text: row.text,
    source_url: row.source_url,
    tags: row.tags,
    license: row.license,
    quality: row.quality,
    contributor: row.contributor,
    content_hash: row.content_hash,
    signature: row.signature,
    submitted_at: row.submitted_at,
    accepted_at: row.accepted_at,
  });
}

/** votes.jsonl's line for a vote (without the newline), keys in `VOTE_COLUMNS` order. */
export function voteRowJson(row: VoteRow): string {
  assertVoteRow(row);
  return JSON.stringify({
    submission_id: row.submission_id,
    validator: row.validator,
    verdict: row.verdict,
    quality: row.quality,
    flags: row.flags,
    weight: row.weight,
    created_at: row.created_at,
  });
}

export function assertDatasetRow(row: DatasetRow): void {
  const where = () => `dataset row ${JSON.stringify(row.id)}`;
  if (typeof row.id !== "string" || row.id === "") throw new Error(`${where()}: empty id`);
  if (typeof row.text !== "string") throw new Error(`${where()}: text is not a string`);
  if (row.source_url !== null && typeof row.source_url !== "string") throw new Error(`${where()}: bad source_url`);
  if (!Array.isArray(row.tags) || row.tags.some((t) => typeof t !== "string")) throw new Error(`${where()}: bad tags`);
  if (typeof row.license !== "string" || typeof row.signature !== "string") throw new Error(`${where()}: bad license or signature`);
  if (!Number.isFinite(row.quality)) throw new Error(`${where()}: quality must be a finite number`);
  if (!ADDRESS.test(row.contributor)) throw new Error(`${where()}: contributor must be a lowercase 0x address`);
  if (!HASH32.test(row.content_hash)) throw new Error(`${where()}: content_hash must be lowercase 0x + 64 hex`);
  if (!ISO_UTC.test(row.submitted_at) || !ISO_UTC.test(row.accepted_at)) {
    throw new Error(`${where()}: timestamps must be ISO 8601 UTC (…Z)`);
  }
}

export function assertVoteRow(row: VoteRow): void {
  const where = () => `vote ${JSON.stringify(row.submission_id)}/${row.validator}`;
  if (!ADDRESS.test(row.validator)) throw new Error(`${where()}: validator must be a lowercase 0x address`);
  if (row.verdict !== "accept" && row.verdict !== "reject") throw new Error(`${where()}: bad verdict`);
  if (!Number.isFinite(row.quality) || !Number.isFinite(row.weight)) throw new Error(`${where()}: non-finite number`);
  if (!Array.isArray(row.flags) || row.flags.some((f) => typeof f !== "string")) throw new Error(`${where()}: bad flags`);
  if (!ISO_UTC.test(row.created_at)) throw new Error(`${where()}: created_at must be ISO 8601 UTC (…Z)`);
}

/** Milliseconds since the epoch of an ISO timestamp already checked by `assertDatasetRow`. */
export function isoToMillis(iso: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new Error(`not a timestamp: ${iso}`);
  return ms;
}
