import { ByteWriter, ParquetWriter, type ColumnSource, type SchemaElement } from "hyparquet-writer";
import { compressSync } from "snappy";
import { DATASET_FIELDS, type FieldSpec } from "../dataset-fields";
import { assertDatasetRow, isoToMillis, type DatasetRow } from "../rows";
import { DigestingSink, type ByteSink, type WriteResult } from "../storage";
import type { RowHook } from "./jsonl";

/**
 * The Parquet footer's `created_by`. Fixed, with no library version in it, so that a rebuild with the same lockfile
 * is byte-identical and the string does not pretend a version it cannot promise.
 */
export const PARQUET_CREATED_BY = "commonplace snapshot export (hyparquet-writer)";

export type ParquetOptions = {
  /** A row group is flushed once it holds this many rows… (default 50,000) */
  rowGroupRows?: number;
  /** …or about this many UTF-16 code units of row content, whichever comes first (default 16 Mi), so memory stays bounded. */
  rowGroupTextChars?: number;
  onRow?: RowHook<DatasetRow>;
};

const string = (name: string, optional = false): SchemaElement => ({
  name,
  type: "BYTE_ARRAY",
  converted_type: "UTF8",
  logical_type: { type: "STRING" },
  repetition_type: optional ? "OPTIONAL" : "REQUIRED",
});

/** The Parquet schema elements of one column: a list takes three (the standard 3-level LIST). */
function columnSchema(field: FieldSpec): SchemaElement[] {
  switch (field.kind) {
    case "string":
      return [string(field.name)];
    case "url":
    case "nullable-string":
      return [string(field.name, true)];
    case "float":
      return [{ name: field.name, type: "DOUBLE", repetition_type: "REQUIRED" }];
    case "nullable-float":
      return [{ name: field.name, type: "DOUBLE", repetition_type: "OPTIONAL" }];
    case "timestamp":
      return [{ name: field.name, type: "INT64", converted_type: "TIMESTAMP_MILLIS", logical_type: { type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MILLIS" }, repetition_type: "REQUIRED" }];
    case "string-list":
      return [
        { name: field.name, repetition_type: "REQUIRED", num_children: 1, converted_type: "LIST", logical_type: { type: "LIST" } },
        { name: "list", repetition_type: "REPEATED", num_children: 1 },
        { name: "element", type: "BYTE_ARRAY", converted_type: "UTF8", logical_type: { type: "STRING" }, repetition_type: "REQUIRED" },
      ];
  }
}

/**
 * data.parquet's schema, columns in DATASET_FIELDS order: strings as UTF8 (urls and the screening strings the
 * nullable ones), lists a real list<string> (never null, possibly empty), floats DOUBLE (OPTIONAL for the screening
 * numbers), and timestamps TIMESTAMP(MILLIS, UTC) so pandas, Arrow, DuckDB and `datasets` read them as datetimes (the
 * ISO strings of data.jsonl have millisecond precision at most).
 */
export const DATASET_PARQUET_SCHEMA: SchemaElement[] = [{ name: "root", num_children: DATASET_FIELDS.length }, ...DATASET_FIELDS.flatMap(columnSchema)];

/** A row's value as its Parquet column holds it. */
function columnValue(field: FieldSpec, row: DatasetRow): unknown {
  const value = row[field.name as keyof DatasetRow];
  return field.kind === "timestamp" ? BigInt(isoToMillis(value as string)) : value;
}

/**
 * Pages are compressed by the compiled Snappy of the `snappy` package (Rust, prebuilt inside the package for each
 * platform) instead of hyparquet-writer's JavaScript one: several times faster, and deterministic like it (the same
 * page gives the same bytes on every platform), so a rebuild stays byte-identical with the same lockfile.
 */
const snappy = (page: Uint8Array): Uint8Array => compressSync(page);

/**
 * Streams rows into data.parquet one row group at a time: rows are gathered into column arrays until the group is
 * full, encoded (SNAPPY, dictionary where it pays), handed to the sink, and dropped. Peak memory is about one row
 * group, whatever the row count. Only the footer metadata (per row group and page) grows with the file.
 */
export async function writeDatasetParquet(rows: AsyncIterable<DatasetRow>, sink: ByteSink, options: ParquetOptions = {}): Promise<WriteResult> {
  const maxRows = options.rowGroupRows ?? 50_000;
  const maxChars = options.rowGroupTextChars ?? 16 * 1024 * 1024;
  const out = new DigestingSink(sink);
  const writer = new SinkByteWriter(out);
  const parquet = new ParquetWriter({ writer, schema: DATASET_PARQUET_SCHEMA, codec: "SNAPPY", compressors: { SNAPPY: snappy }, createdBy: PARQUET_CREATED_BY });

  let group = DATASET_FIELDS.map((): unknown[] => []);
  let chars = 0;
  let count = 0;
  const flush = async () => {
    const size = group[0]?.length ?? 0;
    if (size === 0) return;
    const columnData: ColumnSource[] = DATASET_FIELDS.map((field, i) => {
      const data = group[i] ?? [];
      return { name: field.name, data: field.kind === "float" ? Float64Array.from(data as number[]) : data };
    });
    await parquet.write({ columnData, rowGroupSize: size });
    group = DATASET_FIELDS.map((): unknown[] => []);
    chars = 0;
  };
  for await (const row of rows) {
    assertDatasetRow(row);
    options.onRow?.(row, count);
    DATASET_FIELDS.forEach((field, i) => group[i]?.push(columnValue(field, row)));
    // The fixed part covers the short strings, timestamps and the screening numbers.
    chars += row.text.length + row.signature.length + (row.source_url?.length ?? 0) + 300;
    count++;
    if ((group[0]?.length ?? 0) >= maxRows || chars >= maxChars) await flush();
  }
  await flush();
  await parquet.finish();
  return { ...(await out.finish()), rows: count };
}

/**
 * hyparquet-writer's byte writer, made to stream: when its buffer would have to grow past `spillBytes`, the bytes so
 * far are set aside, and `flush()` (called by ParquetWriter after each row group) and `finish()` hand everything to
 * the sink, awaiting it. Offsets stay absolute (`offset` counts every byte), which is all the footer needs.
 */
class SinkByteWriter extends ByteWriter {
  private spilled: Uint8Array[] = [];

  constructor(
    private readonly out: DigestingSink,
    private readonly spillBytes = 8 * 1024 * 1024,
  ) {
    super(1024 * 1024);
  }

  override ensure(size: number): void {
    if (this.index + size > this.buffer.byteLength && this.index > 0 && this.buffer.byteLength >= this.spillBytes) {
      this.spilled.push(new Uint8Array(this.buffer.slice(0, this.index)));
      this.index = 0;
    }
    super.ensure(size);
  }

  async flush(): Promise<void> {
    const chunks = this.spilled;
    this.spilled = [];
    if (this.index > 0) chunks.push(new Uint8Array(this.buffer.slice(0, this.index)));
    this.index = 0;
    for (const chunk of chunks) await this.out.bytes(chunk);
  }

  override finish(): Promise<void> {
    return this.flush();
  }
}
