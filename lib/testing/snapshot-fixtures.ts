import { keccak256, toBytes } from "viem";
import type { Screening } from "../screening/screen";
import { SIGNAL_NAMES, type Signals } from "../screening/signal-names";
import { datasetScreeningColumns, type DatasetRow } from "../snapshots/rows";

export const testAddress = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;

/**
 * A screening for test item i, in every shape an export meets: flagged every third item, a null stop-word share
 * every fourth, the undetermined language every eighth, and signal values with long binary fractions.
 */
export function testScreening(i: number): Screening {
  const flagged = i % 3 === 1;
  const signals = Object.fromEntries(
    SIGNAL_NAMES.map((name, k) => [name, name === "stop_word_share" && i % 4 === 0 ? null : k === 0 ? 10 + i : ((i * 37 + k * 11) % 1000) / 3000]),
  ) as Signals;
  return {
    language: i % 8 === 7 ? "und" : (["en", "de", "ja", "pt"][i % 4] ?? "en"),
    languageScore: ((i * 13) % 100) / 100,
    verdict: flagged ? "flag" : "pass",
    reasons: flagged ? ["links", "shouting"] : [],
    signals,
  };
}

/** Item i's screening columns: every fifth item was stored before screening existed (nulls). */
export const testScreeningColumns = (i: number) => datasetScreeningColumns(i % 5 === 4 ? null : testScreening(i));

/** A valid data.jsonl row for item `i` with this text (content_hash follows the text); override any field. */
export function datasetRow(i: number, text: string, overrides: Partial<Omit<DatasetRow, "text" | "content_hash">> = {}): DatasetRow {
  return {
    id: `item-${String(i).padStart(4, "0")}`,
    text,
    source_url: `https://example.test/${i}`,
    tags: ["t"],
    license: "cc-by-4.0",
    quality: 4,
    contributor: testAddress(1),
    content_hash: keccak256(toBytes(text)),
    signature: `0x${"cd".repeat(65)}`,
    issued_at: new Date(Date.UTC(2025, 5, 1) + i * 1000).toISOString(),
    submitted_at: new Date(Date.UTC(2025, 5, 1) + i * 1000).toISOString(),
    accepted_at: new Date(Date.UTC(2025, 5, 2) + i * 1000).toISOString(),
    ...testScreeningColumns(i),
    ...overrides,
  };
}

/** RFC 4180 parser: quoted fields with doubled quotes, embedded CR/LF, records ended by CRLF. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i++;
      } else {
        field += c;
        i++;
      }
    } else if (c === '"' && field === "") {
      quoted = true;
      i++;
    } else if (c === ",") {
      record.push(field);
      field = "";
      i++;
    } else if (c === "\r" && text[i + 1] === "\n") {
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      i += 2;
    } else if (c === '"' || c === "\n" || c === "\r") throw new Error(`bare ${JSON.stringify(c)} at ${i}`);
    else {
      field += c;
      i++;
    }
  }
  if (field !== "" || record.length > 0) throw new Error("last record not terminated by CRLF");
  return records;
}
