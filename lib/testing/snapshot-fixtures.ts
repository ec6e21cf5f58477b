import { keccak256, toBytes } from "viem";
import type { DatasetRow } from "../snapshots/rows";

export const testAddress = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;

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
    ...overrides,
  };
}
