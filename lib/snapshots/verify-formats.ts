import { parquetMetadataAsync, parquetReadObjects, type AsyncBuffer } from "hyparquet";
import { type DatasetEncoding, type DatasetLayout, fieldsOf, layoutOf } from "./dataset-fields";
import { Peekable, textLines, type Line } from "./json-lines";
import { datasetRowJson, encodingOf, type DatasetRow } from "./rows";
import { datasetCsvRecord } from "./writers/csv";

/**
 * data.parquet and data.csv against data.jsonl, row by row: each returns null when the file holds exactly the rows
 * of data.jsonl in the same order, else the first row that differs. data.jsonl's rows stream alongside; memory is
 * one Parquet row group. Each compares in the encoding data.jsonl was written in (DatasetEncoding, told by its first
 * row), so epochs exported before floats and offsets were spelled out still verify.
 */

/** The encoding of data.jsonl, from its first line (typed when there is none, or it does not parse: reported elsewhere). */
function encodingOfLine(line: Line | undefined): DatasetEncoding {
  if (!line) return "typed";
  try {
    return encodingOf(JSON.parse(line.text) as DatasetRow);
  } catch {
    return "typed";
  }
}

/** Reads data.parquet with an independent reader (hyparquet) and compares every row's JSON with data.jsonl's line. */
export async function compareParquet(file: AsyncBuffer, jsonl: AsyncIterable<Uint8Array>): Promise<string | null> {
  const lines = new Peekable(textLines(jsonl)[Symbol.asyncIterator]());
  let metadata;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    return `data.parquet is not a Parquet file: ${error instanceof Error ? error.message : String(error)}`;
  }
  const layout = layoutOf(metadata.schema.map((element) => element.name));
  const columns = fieldsOf(layout).map((f) => f.name);
  const encoding = encodingOfLine(await lines.peek());
  let rowStart = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    const rows = await parquetReadObjects({ file, metadata, rowStart, rowEnd, columns });
    for (const [i, record] of rows.entries()) {
      const n = rowStart + i + 1;
      const line = await lines.next();
      if (!line) return `data.parquet row ${n} is past the end of data.jsonl`;
      let json: string;
      try {
        json = datasetRowJson(fromParquet(record, layout), layout, encoding);
      } catch (error) {
        return `data.parquet row ${n} is not a dataset row: ${error instanceof Error ? error.message : String(error)}`;
      }
      if (json !== line.text) return `data.parquet row ${n} differs from data.jsonl line ${line.n}`;
    }
    rowStart = rowEnd;
  }
  const extra = await lines.next();
  return extra ? `data.parquet has ${rowStart} rows; data.jsonl has more (line ${extra.n} is not in data.parquet)` : null;
}

function fromParquet(record: Record<string, unknown>, layout: DatasetLayout): DatasetRow {
  const row: Record<string, unknown> = {};
  for (const field of fieldsOf(layout)) {
    const value = record[field.name];
    row[field.name] = field.kind === "timestamp" ? isoOf(value) : field.kind === "string-list" ? [...((value as string[] | null) ?? [])] : value ?? null;
  }
  return row as DatasetRow;
}

function isoOf(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint" || typeof value === "number") return new Date(Number(value)).toISOString();
  throw new Error(`not a timestamp: ${String(value)}`);
}

/**
 * data.csv must be, byte for byte, what the CSV writer makes of data.jsonl's rows: a header, then one record per
 * row, in data.jsonl's encoding. Quoted fields may hold newlines, so the comparison walks the expected records, not
 * the file's lines.
 */
export async function compareCsv(csv: AsyncIterable<Uint8Array>, jsonl: AsyncIterable<Uint8Array>): Promise<string | null> {
  const lines = textLines(jsonl)[Symbol.asyncIterator]();
  let record = 0; // 0 is the header
  const first = await lines.next();
  const pending: DatasetRow | null = first.done ? null : (JSON.parse(first.value.text) as DatasetRow);
  // The layout and encoding of data.jsonl's rows (see DatasetLayout, DatasetEncoding), which data.csv must share.
  const fields = fieldsOf(layoutOf(Object.keys(pending ?? {})));
  const encoding = encodingOf(pending ?? {});
  let expected = fields.map((f) => f.name).join(",") + "\r\n";
  let next = pending;
  const nextRecord = async (): Promise<boolean> => {
    let row = next;
    next = null;
    if (!row) {
      const line = await lines.next();
      if (line.done) return false;
      row = JSON.parse(line.value.text) as DatasetRow;
    }
    record++;
    expected = datasetCsvRecord(row, fields, encoding);
    return true;
  };
  const what = () => (record === 0 ? "the header" : `record ${record} (data.jsonl line ${record})`);
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const chunk of csv) {
      let text = decoder.decode(chunk, { stream: true });
      while (text.length > 0) {
        if (expected.length === 0 && !(await nextRecord())) return `data.csv has bytes after its last record (${record} rows)`;
        const k = Math.min(text.length, expected.length);
        if (text.slice(0, k) !== expected.slice(0, k)) return `data.csv ${what()} differs from data.jsonl`;
        text = text.slice(k);
        expected = expected.slice(k);
      }
    }
    decoder.decode();
  } catch (error) {
    return `data.csv cannot be compared: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (expected.length > 0) return `data.csv ends inside ${what()}`;
  if (await nextRecord()) return `data.csv ends after ${record - 1} rows; data.jsonl has more (line ${record})`;
  return null;
}
