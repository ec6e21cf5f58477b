import { ByteWriter, ParquetWriter, type ColumnSource, type SchemaElement } from "hyparquet-writer";
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
const timestampMillisUtc = (name: string): SchemaElement => ({
  name,
  type: "INT64",
  converted_type: "TIMESTAMP_MILLIS",
  logical_type: { type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MILLIS" },
  repetition_type: "REQUIRED",
});

/**
 * data.parquet's schema, columns in `DATASET_COLUMNS` order: strings as UTF8 (`source_url` the only nullable one),
 * `tags` a real list<string> (standard 3-level LIST, never null, possibly empty), `quality` a DOUBLE, and the two
 * timestamps TIMESTAMP(MILLIS, UTC) so pandas, Arrow, DuckDB and `datasets` read them as datetimes (the ISO
 * strings of data.jsonl are what JavaScript Dates give, millisecond precision, so nothing is lost).
 */
export const DATASET_PARQUET_SCHEMA: SchemaElement[] = [
  { name: "root", num_children: 11 },
  string("id"),
  string("text"),
  string("source_url", true),
  { name: "tags", repetition_type: "REQUIRED", num_children: 1, converted_type: "LIST", logical_type: { type: "LIST" } },
  { name: "list", repetition_type: "REPEATED", num_children: 1 },
  { name: "element", type: "BYTE_ARRAY", converted_type: "UTF8", logical_type: { type: "STRING" }, repetition_type: "REQUIRED" },
  string("license"),
  { name: "quality", type: "DOUBLE", repetition_type: "REQUIRED" },
  string("contributor"),
  string("content_hash"),
  string("signature"),
  timestampMillisUtc("submitted_at"),
  timestampMillisUtc("accepted_at"),
];

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
  const parquet = new ParquetWriter({ writer, schema: DATASET_PARQUET_SCHEMA, codec: "SNAPPY", createdBy: PARQUET_CREATED_BY });

  let group = newGroup();
  let chars = 0;
  let count = 0;
  const flush = async () => {
    if (group.id.length === 0) return;
    await parquet.write({ columnData: columnData(group), rowGroupSize: group.id.length });
    group = newGroup();
    chars = 0;
  };
  for await (const row of rows) {
    assertDatasetRow(row);
    options.onRow?.(row, count);
    group.id.push(row.id);
    group.text.push(row.text);
    group.source_url.push(row.source_url);
    group.tags.push(row.tags);
    group.license.push(row.license);
    group.quality.push(row.quality);
    group.contributor.push(row.contributor);
    group.content_hash.push(row.content_hash);
    group.signature.push(row.signature);
    group.submitted_at.push(BigInt(isoToMillis(row.submitted_at)));
    group.accepted_at.push(BigInt(isoToMillis(row.accepted_at)));
    chars += row.text.length + row.signature.length + (row.source_url?.length ?? 0) + 200;
    count++;
    if (group.id.length >= maxRows || chars >= maxChars) await flush();
  }
  await flush();
  await parquet.finish();
  return { ...(await out.finish()), rows: count };
}

type Group = {
  id: string[];
  text: string[];
  source_url: (string | null)[];
  tags: string[][];
  license: string[];
  quality: number[];
  contributor: string[];
  content_hash: string[];
  signature: string[];
  submitted_at: bigint[];
  accepted_at: bigint[];
};

function newGroup(): Group {
  return { id: [], text: [], source_url: [], tags: [], license: [], quality: [], contributor: [], content_hash: [], signature: [], submitted_at: [], accepted_at: [] };
}

function columnData(g: Group): ColumnSource[] {
  return [
    { name: "id", data: g.id },
    { name: "text", data: g.text },
    { name: "source_url", data: g.source_url },
    { name: "tags", data: g.tags },
    { name: "license", data: g.license },
    { name: "quality", data: Float64Array.from(g.quality) },
    { name: "contributor", data: g.contributor },
    { name: "content_hash", data: g.content_hash },
    { name: "signature", data: g.signature },
    { name: "submitted_at", data: g.submitted_at },
    { name: "accepted_at", data: g.accepted_at },
  ];
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
