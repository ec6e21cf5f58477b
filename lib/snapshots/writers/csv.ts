import { DATASET_FIELDS, type DatasetEncoding, type FieldSpec } from "../dataset-fields";
import { assertDatasetRow, DATASET_COLUMNS, floatText, timestampText, type DatasetRow } from "../rows";
import { DigestingSink, type ByteSink, type WriteResult } from "../storage";
import type { RowHook } from "./jsonl";

/**
 * data.csv, RFC 4180: a header row with the `DATASET_COLUMNS` names, CRLF after every record, UTF-8 without BOM.
 * A field is quoted when it contains a comma, a double quote, CR or LF, and quotes inside are doubled; newlines
 * inside a text stay in its quoted field.
 *
 * Value mapping, for spreadsheet users (data.jsonl and data.parquet carry the exact values; the dataset root is over
 * data.jsonl):
 * - `tags` is a JSON array (`["news","ai"]`, `[]` when empty): lossless whatever a tag contains, one `json.loads` away
 *   in any language, and a list in DuckDB with `from_json(tags, '["VARCHAR"]')` (the dataset card gives the query).
 * - `screening_reasons` is a JSON array too, like `tags`.
 * - numbers and times are spelled as in data.jsonl (`4.0`, `…+00:00`), so CSV readers that type by value see doubles
 *   and offsets.
 * - null (`source_url`, and the screening columns of an item stored before screening existed) is an empty field; a
 *   present value is never empty.
 * - formula-injection guard: a text cell starting with `=`, `+`, `-`, `@`, tab, CR or `'` gets a leading `'` so
 *   that Excel, LibreOffice and Google Sheets show it as text instead of evaluating it (OWASP "CSV injection").
 *   Reading a cell back, one leading `'` is dropped, which restores the exact value (a value that itself starts with
 *   `'` is written with two). Numbers (quality, language_score, the signals) are never prefixed.
 */
export async function writeDatasetCsv(rows: AsyncIterable<DatasetRow>, sink: ByteSink, onRow?: RowHook<DatasetRow>): Promise<WriteResult> {
  const out = new DigestingSink(sink);
  await out.text(DATASET_COLUMNS.join(",") + "\r\n");
  let count = 0;
  for await (const row of rows) {
    assertDatasetRow(row);
    onRow?.(row, count);
    await out.text(datasetCsvRecord(row));
    count++;
  }
  return { ...(await out.finish()), rows: count };
}

/**
 * One CSV record for a row, CRLF included: each field as its kind says (see the header comment), numbers and times in
 * the given encoding (the verifier re-writes a published file's rows in the one it was written in).
 */
export function datasetCsvRecord(row: DatasetRow, fields: readonly FieldSpec[] = DATASET_FIELDS, encoding: DatasetEncoding = "typed"): string {
  return fields.map((field) => csvField(field, row[field.name as keyof DatasetRow], encoding)).join(",") + "\r\n";
}

function csvField(field: FieldSpec, value: DatasetRow[keyof DatasetRow], encoding: DatasetEncoding): string {
  if (value === null) return "";
  if (field.kind === "float" || field.kind === "nullable-float") return encoding === "typed" ? floatText(value as number) : String(value);
  if (field.kind === "timestamp") return timestampText(value as string, encoding);
  return csvText(Array.isArray(value) ? JSON.stringify(value) : String(value));
}

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r']/;

/** A text value as a CSV field: formula guard first, then RFC 4180 quoting. */
export function csvText(value: string): string {
  const guarded = FORMULA_START.test(value) ? "'" + value : value;
  return NEEDS_QUOTES.test(guarded) ? '"' + guarded.replaceAll('"', '""') + '"' : guarded;
}
