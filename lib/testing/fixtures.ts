import type { NewSubmission } from "../db/schema";

/** A storable submission row for tests that need items without going through the signed pipeline. */
export function submissionRow(n: number, contributor: string, overrides: Partial<NewSubmission> = {}): NewSubmission {
  return {
    contributor: contributor.toLowerCase(),
    content: `fixture item ${n}`,
    tags: ["fixture"],
    license: "CC0-1.0",
    contentHash: `0x${n.toString(16).padStart(64, "0")}`,
    normalizedHash: `fixture-${n}`,
    minhash: new Uint8Array(0),
    lshBands: [],
    signature: "0x",
    issuedAt: new Date(),
    ...overrides,
  };
}
