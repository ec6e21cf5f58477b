/**
 * The columns of data.jsonl, data.parquet and data.csv, in file order: the one definition every writer, the dataset
 * card, Croissant and the verifier derive theirs from. Changing it changes the public format.
 */

/**
 * How a column is typed in every format: a url is a nullable string; timestamps are ISO 8601 UTC strings in JSON and
 * CSV, TIMESTAMP(MILLIS, UTC) in Parquet.
 */
export type FieldKind = "string" | "url" | "string-list" | "float" | "timestamp";

export type FieldSpec = { name: string; kind: FieldKind; doc: string };

export const DATASET_FIELDS = [
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

type ValueOf<K extends FieldKind> = K extends "string" | "timestamp"
  ? string
  : K extends "url"
    ? string | null
    : K extends "string-list"
      ? string[]
      : number;

/** One accepted item, as a row of data.jsonl / data.parquet / data.csv. */
export type DatasetRow = { [F in (typeof DATASET_FIELDS)[number] as F["name"]]: ValueOf<F["kind"]> };

export const DATASET_COLUMNS = DATASET_FIELDS.map((f) => f.name) as readonly (keyof DatasetRow)[];
