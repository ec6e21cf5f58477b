import { datasetRowJson, type DatasetRow } from "../rows";
import { DigestingSink, type ByteSink, type WriteResult } from "../storage";

export type RowHook<T> = (row: T, index: number) => void;

/**
 * JSON Lines: one JSON object per line, `\n` after every line (also the last), UTF-8 without BOM. Newlines, quotes
 * and control characters inside values are escaped by JSON itself, so a line is always one record. Text such as
 * `<script>` is written as is: the file is data, served as `application/jsonl`, never as markup.
 */
export async function writeJsonLines<T>(
  rows: AsyncIterable<T>,
  sink: ByteSink,
  line: (row: T) => string,
  onRow?: RowHook<T>,
): Promise<WriteResult> {
  const out = new DigestingSink(sink);
  let count = 0;
  for await (const row of rows) {
    const text = line(row);
    onRow?.(row, count);
    await out.text(text + "\n");
    count++;
  }
  return { ...(await out.finish()), rows: count };
}

/** data.jsonl: rows in the given order (the dataset root's leaf order), keys in `DATASET_COLUMNS` order. */
export function writeDatasetJsonl(rows: AsyncIterable<DatasetRow>, sink: ByteSink, onRow?: RowHook<DatasetRow>): Promise<WriteResult> {
  return writeJsonLines(rows, sink, datasetRowJson, onRow);
}
