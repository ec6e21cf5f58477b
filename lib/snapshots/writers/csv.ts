import { assertDatasetRow, DATASET_COLUMNS, type DatasetRow } from "../rows";
import { DigestingSink, type ByteSink, type WriteResult } from "../storage";
import type { RowHook } from "./jsonl";

/**
 * data.csv, RFC 4180: a header row with the `DATASET_COLUMNS` names, CRLF after every record, UTF-8 without BOM.
 * A field is quoted when it contains a comma, a double quote, CR or LF, and quotes inside are doubled; newlines
 * inside a text stay in its quoted field.
 *
 * Value mapping, for spreadsheet users (data.jsonl and data.parquet carry the exact values; the dataset root is over
 * data.jsonl):
 * - `tags` is a JSON array (`["news","ai"]`, `[]` when empty): lossless whatever a tag contains, and one
 *   `json.loads` away in any language.
 * - a null `source_url` is an empty field (a present URL is never empty).
 * - formula-injection guard: a text cell starting with `=`, `+`, `-`, `@`, tab or CR gets a leading `'` so that
 *   Excel, LibreOffice and Google Sheets show it as text instead of evaluating it (OWASP "CSV injection"). This
 *   changes such cells by one character; numbers (quality) are never prefixed.
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

/** One CSV record for a row, CRLF included. */
export function datasetCsvRecord(row: DatasetRow): string {
  return (
    [
      csvText(row.id),
      csvText(row.text),
      row.source_url === null ? "" : csvText(row.source_url),
      csvText(JSON.stringify(row.tags)),
      csvText(row.license),
      String(row.quality),
      csvText(row.contributor),
      csvText(row.content_hash),
      csvText(row.signature),
      csvText(row.submitted_at),
      csvText(row.accepted_at),
    ].join(",") + "\r\n"
  );
}

const NEEDS_QUOTES = /[",\r\n]/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text value as a CSV field: formula guard first, then RFC 4180 quoting. */
export function csvText(value: string): string {
  const guarded = FORMULA_START.test(value) ? "'" + value : value;
  return NEEDS_QUOTES.test(guarded) ? '"' + guarded.replaceAll('"', '""') + '"' : guarded;
}
