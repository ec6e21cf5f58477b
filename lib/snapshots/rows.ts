/**
 * The rows a snapshot exports. Key order is part of the public format: every writer emits the keys (JSON), the
 * columns (CSV, Parquet) and the Croissant / dataset-card fields in the order of DATASET_FIELDS (dataset-fields.ts),
 * VOTE_COLUMNS and DECISION_COLUMNS.
 */
import type { ConsensusParams } from "@/lib/curation/consensus";
import type { Screening } from "@/lib/screening/screen";
import { SIGNAL_NAMES } from "@/lib/screening/signal-names";
import {
  DATASET_COLUMNS,
  DATASET_FIELDS,
  type DatasetEncoding,
  type DatasetLayout,
  type FieldKind,
  fieldsOf,
  SIGNAL_COLUMNS,
  type DatasetRow,
  type SignalColumn,
} from "./dataset-fields";

export { DATASET_COLUMNS, type DatasetRow };

export type ScreeningColumns = Pick<DatasetRow, "language" | "language_score" | "screening_verdict" | "screening_reasons" | SignalColumn>;

/**
 * A row's screening columns: an item stored before screening existed (null) has nulls and no reasons. A signal the
 * item was screened without (one added later) is null too.
 */
export function datasetScreeningColumns(screening: Screening | null): ScreeningColumns {
  const columns = {
    language: screening?.language ?? null,
    language_score: screening ? Number(screening.languageScore) : null,
    screening_verdict: screening?.verdict ?? null,
    screening_reasons: screening ? [...screening.reasons] : [],
  } as ScreeningColumns;
  for (let i = 0; i < SIGNAL_NAMES.length; i++) columns[SIGNAL_COLUMNS[i]!] = screening?.signals[SIGNAL_NAMES[i]!] ?? null;
  return columns;
}

/**
 * One vote on a decided item of the snapshot, as a row of votes.jsonl: the vote as signed (EIP-712 Vote over
 * validator, content_hash, verdict, quality, flags, issued_at), the weight it counted with, and who signed it: the
 * validator's wallet (`key` = validator, `key_*` null) or a voting key with the validator's VotingKey delegation.
 */
export type VoteRow = {
  submission_id: string;
  content_hash: string;
  /** Lowercase 0x address. */
  validator: string;
  verdict: "accept" | "reject";
  /** 1–5. */
  quality: number;
  flags: string[];
  /** ISO 8601 UTC, whole seconds: the signed issuedAt. */
  issued_at: string;
  /** The weight the vote counted with in consensus (from the validator's reputation when it voted). */
  weight: number;
  signature: string;
  /** Lowercase 0x address that signed: the validator, or its voting key. */
  key: string;
  key_expires_at: string | null;
  key_signature: string | null;
};

export const VOTE_COLUMNS = [
  "submission_id",
  "content_hash",
  "validator",
  "verdict",
  "quality",
  "flags",
  "issued_at",
  "weight",
  "signature",
  "key",
  "key_expires_at",
  "key_signature",
] as const satisfies readonly (keyof VoteRow)[];

/** The consensus parameters of a decision, as decisions.jsonl writes them. */
export type DecisionParams = {
  quorum: number;
  max_votes: number;
  accept_threshold: number;
  reject_threshold: number;
};

/**
 * One decided item, as a row of decisions.jsonl: every accepted item of data.jsonl, and every item rejected since the
 * previous epoch's cut-off (its votes pay validators). Replaying the consensus rule over the item's votes in
 * votes.jsonl with these parameters must give this outcome, reason, share and quality.
 */
export type DecisionRow = {
  submission_id: string;
  content_hash: string;
  outcome: "accepted" | "rejected";
  /** Why a rejected item was rejected (its most weighted flag, or no consensus); null when accepted. */
  reason: string | null;
  accept_share: number;
  /** Null when rejected. */
  quality: number | null;
  vote_count: number;
  /** ISO 8601 UTC. */
  decided_at: string;
  params: DecisionParams;
};

export const DECISION_COLUMNS = [
  "submission_id",
  "content_hash",
  "outcome",
  "reason",
  "accept_share",
  "quality",
  "vote_count",
  "decided_at",
  "params",
] as const satisfies readonly (keyof DecisionRow)[];

export const decisionParams = (p: ConsensusParams): DecisionParams => ({
  quorum: p.quorum,
  max_votes: p.maxVotes,
  accept_threshold: p.acceptThreshold,
  reject_threshold: p.rejectThreshold,
});

const HASH32 = /^0x[0-9a-f]{64}$/;
const ADDRESS = /^0x[0-9a-f]{40}$/;
const SIGNATURE = /^0x[0-9a-f]*$/;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|\+00:00)$/;
const UTC_OFFSET = "+00:00";

/** The encoding a row was written in, told by its timestamps: only the legacy writer ended them in `Z`. */
export const encodingOf = (row: { submitted_at?: unknown }): DatasetEncoding =>
  typeof row.submitted_at === "string" && row.submitted_at.endsWith("Z") ? "legacy" : "typed";

/** A UTC timestamp (either spelling) as the encoding writes it: `…+00:00` (typed) or `…Z` (legacy). */
export function timestampText(iso: string, encoding: DatasetEncoding): string {
  if (encoding === "typed") return iso.endsWith("Z") ? iso.slice(0, -1) + UTC_OFFSET : iso;
  return iso.endsWith(UTC_OFFSET) ? iso.slice(0, -UTC_OFFSET.length) + "Z" : iso;
}

/** A finite float with its fraction (`4.0`, never `4`), so readers that type a column by its values see a double. */
export function floatText(value: number): string {
  const text = String(value);
  return Number.isInteger(value) && !text.includes("e") ? text + ".0" : text;
}

const timestampJson = (iso: string) => `"${timestampText(iso, "typed")}"`;
const nullable =
  <T>(json: (value: T) => string) =>
  (value: T | null) =>
    value === null ? "null" : json(value);

/**
 * A line of JSON with exactly these keys in this order, whatever the caller's object looks like: the same text as
 * `JSON.stringify` of an object built in that order (an undefined value leaves its key out) except for the columns
 * given their own writer (floats with a fraction, timestamps with an offset). Concatenated from precomputed key
 * prefixes, since it runs for every row of the export.
 */
function orderedJson<T>(columns: readonly (keyof T & string)[], writers: { [K in keyof T]?: (value: T[K]) => string } = {}): (row: T) => string {
  const keys = columns.map((c) => `${JSON.stringify(c)}:`);
  const json = columns.map((c) => (writers[c] ?? JSON.stringify) as (value: T[keyof T]) => string);
  return (row) => {
    let out = "";
    for (let i = 0; i < columns.length; i++) {
      const value = row[columns[i]!];
      if (value === undefined) continue;
      out += (out === "" ? "{" : ",") + keys[i]! + json[i]!(value);
    }
    return out === "" ? "{}" : out + "}";
  };
}

type DatasetValue = DatasetRow[keyof DatasetRow];

/** How a dataset column's value is written in an encoding (undefined: JSON.stringify, all that legacy used). */
function datasetValueJson(kind: FieldKind, encoding: DatasetEncoding): ((value: DatasetValue) => string) | undefined {
  if (kind === "timestamp") return (iso) => `"${timestampText(iso as string, encoding)}"`;
  if (encoding === "legacy") return undefined;
  if (kind === "float") return (value) => floatText(value as number);
  if (kind === "nullable-float") return (value) => (value === null ? "null" : floatText(value as number));
  return undefined;
}

const datasetJsonIn = (encoding: DatasetEncoding) =>
  orderedJson<DatasetRow>(DATASET_COLUMNS, Object.fromEntries(DATASET_FIELDS.map((f) => [f.name, datasetValueJson(f.kind, encoding)])));
const DATASET_JSON: Record<DatasetEncoding, (row: DatasetRow) => string> = { typed: datasetJsonIn("typed"), legacy: datasetJsonIn("legacy") };
const voteJson = orderedJson<VoteRow>(VOTE_COLUMNS, { issued_at: timestampJson, weight: floatText, key_expires_at: nullable(timestampJson) });
const paramsJson = (p: DecisionParams) =>
  `{"quorum":${p.quorum},"max_votes":${p.max_votes},"accept_threshold":${floatText(p.accept_threshold)},"reject_threshold":${floatText(p.reject_threshold)}}`;
const decisionJson = orderedJson<DecisionRow>(DECISION_COLUMNS, {
  accept_share: floatText,
  quality: nullable(floatText),
  decided_at: timestampJson,
  params: paramsJson,
});

/**
 * data.jsonl's line for a row (without the newline), keys in DATASET_COLUMNS order, values in the given encoding
 * (the export writes `typed`; the verifier re-writes a published file's rows in the encoding it was written in).
 * Throws on values that would not survive a round trip (a non-finite quality, a malformed hash, address or timestamp)
 * instead of exporting something a verifier would reject.
 */
export function datasetRowJson(row: DatasetRow, layout: DatasetLayout = "screened", encoding: DatasetEncoding = "typed"): string {
  assertDatasetRow(row, layout);
  return DATASET_JSON[encoding](row);
}

/** votes.jsonl's line for a vote (without the newline), keys in VOTE_COLUMNS order; weight a float, times with an offset. */
export function voteRowJson(row: VoteRow): string {
  assertVoteRow(row);
  return voteJson(row);
}

/** decisions.jsonl's line (without the newline), keys in DECISION_COLUMNS order, params in a fixed order too. */
export function decisionRowJson(row: DecisionRow): string {
  assertDecisionRow(row);
  return decisionJson(row);
}

export function assertDatasetRow(row: DatasetRow, layout: DatasetLayout = "screened"): void {
  const where = () => `dataset row ${JSON.stringify(row.id)}`;
  if (typeof row.id !== "string" || row.id === "") throw new Error(`${where()}: empty id`);
  if (typeof row.text !== "string") throw new Error(`${where()}: text is not a string`);
  if (row.source_url !== null && typeof row.source_url !== "string") throw new Error(`${where()}: bad source_url`);
  if (!Array.isArray(row.tags) || row.tags.some((t) => typeof t !== "string")) throw new Error(`${where()}: bad tags`);
  if (typeof row.license !== "string" || !SIGNATURE.test(row.signature)) throw new Error(`${where()}: bad license or signature`);
  if (!Number.isFinite(row.quality)) throw new Error(`${where()}: quality must be a finite number`);
  if (!ADDRESS.test(row.contributor)) throw new Error(`${where()}: contributor must be a lowercase 0x address`);
  if (!HASH32.test(row.content_hash)) throw new Error(`${where()}: content_hash must be lowercase 0x + 64 hex`);
  const times = [row.issued_at, row.submitted_at, row.accepted_at];
  if (!times.every((t) => ISO_UTC.test(t))) throw new Error(`${where()}: timestamps must be ISO 8601 UTC (…+00:00, or …Z in files written before)`);
  // One spelling per row: the encoding of a file is told by its timestamps (encodingOf).
  if (times.some((t) => t.endsWith("Z") !== row.submitted_at.endsWith("Z"))) throw new Error(`${where()}: timestamps spelled two ways (Z and +00:00)`);
  if (layout === "screened") assertScreening(row, where);
  else if (SCREENING_COLUMNS.some((c) => c in row)) throw new Error(`${where()}: screening columns in a file without them`);
}

const SCREENING_COLUMNS = DATASET_COLUMNS.filter((c) => !fieldsOf("items-only").some((f) => f.name === c));

const finiteOrNull = (value: unknown) => value === null || (typeof value === "number" && Number.isFinite(value));

/** Screening columns are all there, typed, and agree: a verdict with its language, a flag with its reasons, no screening with nothing at all. */
function assertScreening(row: DatasetRow, where: () => string): void {
  const reasons = row.screening_reasons;
  if (!Array.isArray(reasons) || reasons.some((r) => typeof r !== "string")) throw new Error(`${where()}: bad screening_reasons`);
  for (const column of SIGNAL_COLUMNS) if (!finiteOrNull(row[column])) throw new Error(`${where()}: ${column} must be a finite number or null`);
  const verdict = row.screening_verdict;
  if (verdict === null) {
    if (row.language !== null || row.language_score !== null || reasons.length > 0 || SIGNAL_COLUMNS.some((c) => row[c] !== null))
      throw new Error(`${where()}: screening values without a screening_verdict`);
    return;
  }
  if (verdict !== "pass" && verdict !== "flag") throw new Error(`${where()}: screening_verdict must be pass, flag or null`);
  if (typeof row.language !== "string" || row.language === "") throw new Error(`${where()}: a screened row needs its language`);
  if (row.language_score === null || !finiteOrNull(row.language_score)) throw new Error(`${where()}: a screened row needs a finite language_score`);
  if ((verdict === "flag") !== (reasons.length > 0)) throw new Error(`${where()}: a flagged row has reasons, a passed one none`);
}

export function assertVoteRow(row: VoteRow): void {
  const where = () => `vote ${JSON.stringify(row.submission_id)}/${row.validator}`;
  if (!ADDRESS.test(row.validator) || !ADDRESS.test(row.key)) throw new Error(`${where()}: validator and key must be lowercase 0x addresses`);
  if (!HASH32.test(row.content_hash)) throw new Error(`${where()}: content_hash must be lowercase 0x + 64 hex`);
  if (row.verdict !== "accept" && row.verdict !== "reject") throw new Error(`${where()}: bad verdict`);
  if (!Number.isFinite(row.quality) || !Number.isFinite(row.weight)) throw new Error(`${where()}: non-finite number`);
  if (!Array.isArray(row.flags) || row.flags.some((f) => typeof f !== "string")) throw new Error(`${where()}: bad flags`);
  if (!ISO_UTC.test(row.issued_at) || (row.key_expires_at !== null && !ISO_UTC.test(row.key_expires_at))) throw new Error(`${where()}: timestamps must be ISO 8601 UTC (…+00:00 or …Z)`);
  if (!SIGNATURE.test(row.signature) || (row.key_signature !== null && !SIGNATURE.test(row.key_signature))) throw new Error(`${where()}: signatures must be lowercase 0x hex`);
}

export function assertDecisionRow(row: DecisionRow): void {
  const where = () => `decision ${JSON.stringify(row.submission_id)}`;
  if (!HASH32.test(row.content_hash)) throw new Error(`${where()}: content_hash must be lowercase 0x + 64 hex`);
  if (row.outcome !== "accepted" && row.outcome !== "rejected") throw new Error(`${where()}: bad outcome`);
  if (!Number.isFinite(row.accept_share) || (row.quality !== null && !Number.isFinite(row.quality))) throw new Error(`${where()}: non-finite number`);
  if (!ISO_UTC.test(row.decided_at)) throw new Error(`${where()}: decided_at must be ISO 8601 UTC (…+00:00 or …Z)`);
}

/** Milliseconds since the epoch of an ISO timestamp already checked by an assert above. */
export function isoToMillis(iso: string): number {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new Error(`not a timestamp: ${iso}`);
  return ms;
}
