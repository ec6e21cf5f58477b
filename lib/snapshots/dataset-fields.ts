/**
 * The columns of data.jsonl, data.parquet and data.csv, in file order: the one definition every writer, the dataset
 * card, Croissant and the verifier derive theirs from. Changing it changes the public format.
 */
import { SCREENING_SIGNALS, SIGNAL_NAMES, type SignalName } from "../screening/signal-names";

/**
 * How a column is typed in every format: a url is a nullable string; floats always carry a fraction in JSON and CSV
 * (`4.0`); timestamps are ISO 8601 strings with an explicit `+00:00` in JSON and CSV, TIMESTAMP(MILLIS, UTC) in
 * Parquet; the nullable kinds are null in JSON, an empty field in CSV and OPTIONAL in Parquet.
 */
export type FieldKind = "string" | "url" | "string-list" | "float" | "timestamp" | "nullable-string" | "nullable-float";

export type FieldSpec = { name: string; kind: FieldKind; doc: string };

const ITEM_FIELDS = [
  { name: "id", kind: "string", doc: "Submission id (UUID)." },
  { name: "text", kind: "string", doc: "The submitted content, exactly as signed (UTF-8)." },
  { name: "source_url", kind: "url", doc: "Where the content was found (http/https); null when not given." },
  { name: "tags", kind: "string-list", doc: "Contributor's tags (1-10)." },
  { name: "license", kind: "string", doc: "License chosen by the contributor." },
  { name: "quality", kind: "float", doc: "Weighted mean of the accepting votes' 1-5 scores." },
  { name: "contributor", kind: "string", doc: "Contributor's address, lowercase 0x hex." },
  { name: "content_hash", kind: "string", doc: "keccak256 of the UTF-8 bytes of text, 0x hex." },
  { name: "signature", kind: "string", doc: "Contributor's EIP-712 Submission signature over content_hash, source_url, tags, license and issued_at." },
  { name: "issued_at", kind: "timestamp", doc: "The issuedAt the contributor signed (whole seconds)." },
  { name: "submitted_at", kind: "timestamp", doc: "When the server stored the item." },
  { name: "accepted_at", kind: "timestamp", doc: "When consensus accepted it." },
] as const satisfies readonly FieldSpec[];

/** What AI screening said at submit time (lib/screening). Items stored before screening existed have none of it. */
const SCREENING_FIELDS = [
  {
    name: "language",
    kind: "nullable-string",
    doc: "Language of the text found by fastText's lid.176 model: ISO 639-1 where the language has a code, else the model's label (und: none found). Null when not screened.",
  },
  { name: "language_score", kind: "nullable-float", doc: "The model's confidence in language, 0-1. Null when not screened." },
  { name: "screening_verdict", kind: "nullable-string", doc: "pass or flag: a hint shown to validators, never a refusal. Null when not screened." },
  { name: "screening_reasons", kind: "string-list", doc: "Why screening flagged the item, as reason codes (the dataset card says what each means); empty when it passed or was not screened." },
] as const satisfies readonly FieldSpec[];

/** ISO 639's "undetermined", the language of a screened text the model found none for: named by no metadata's language list. */
export const UNDETERMINED_LANGUAGE = "und";

export type SignalColumn = `signal_${SignalName}`;

export const signalColumn = <N extends SignalName>(name: N): `signal_${N}` => `signal_${name}`;

/** One nullable DOUBLE per screening signal, in SCREENING_SIGNALS order. */
export const SIGNAL_COLUMNS: readonly SignalColumn[] = SIGNAL_NAMES.map(signalColumn);

const SIGNAL_FIELDS = SIGNAL_NAMES.map((name) => ({
  name: signalColumn(name),
  kind: "nullable-float" as const,
  doc: `Screening signal: ${SCREENING_SIGNALS[name]} Null when not screened.`,
}));

type AnyField = (typeof ITEM_FIELDS)[number] | (typeof SCREENING_FIELDS)[number] | (typeof SIGNAL_FIELDS)[number];

export const DATASET_FIELDS: readonly AnyField[] = [...ITEM_FIELDS, ...SCREENING_FIELDS, ...SIGNAL_FIELDS];

/**
 * Files exported before screening existed carry the item columns only. Published files never change, so the verifier
 * reads both layouts; a file uses one throughout, told by its first row (or the Parquet schema).
 */
export type DatasetLayout = "screened" | "items-only";

export const fieldsOf = (layout: DatasetLayout): readonly AnyField[] => (layout === "screened" ? DATASET_FIELDS : ITEM_FIELDS);

export const layoutOf = (columns: Iterable<string>): DatasetLayout => {
  for (const c of columns) if (c === "screening_verdict") return "screened";
  return "items-only";
};

/**
 * How data.jsonl and data.csv spell numbers and times. `typed` (since issue 15): floats always with a fraction (`4.0`)
 * and timestamps ending in `+00:00`, so readers that type columns from the values (DuckDB, pandas, Arrow) get a double
 * and an offset in every epoch. `legacy`: what epochs exported before wrote, JSON.stringify's numbers (`4`) and `…Z`.
 * Published files never change, so the verifier reads both, told by the first row's timestamps (see encodingOf).
 */
export type DatasetEncoding = "typed" | "legacy";

type ValueOf<K extends FieldKind> = K extends "string" | "timestamp"
  ? string
  : K extends "url" | "nullable-string"
    ? string | null
    : K extends "string-list"
      ? string[]
      : K extends "nullable-float"
        ? number | null
        : number;

/** One accepted item, as a row of data.jsonl / data.parquet / data.csv. */
export type DatasetRow = { [F in AnyField as F["name"]]: ValueOf<F["kind"]> };

export const DATASET_COLUMNS = DATASET_FIELDS.map((f) => f.name) as readonly (keyof DatasetRow)[];
