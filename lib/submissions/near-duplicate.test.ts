import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { accounts } from "../db/schema";
import { createTestDb } from "../db/test-db";
import type { DbHandle } from "../db/client";
import { estimatedJaccard, lshBands, minhash, NEAR_DUPLICATE_JACCARD, signatureBytes } from "./minhash";
import { submit } from "./submit";
import { submissionTypedData } from "./typed-data";

const author = privateKeyToAccount(generatePrivateKey());
let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
  await handle.db.insert(accounts).values({ address: author.address.toLowerCase() });
});
afterAll(() => handle.close());

const WORDS = (
  "careful curation of training data matters more than its sheer size because every duplicated page teaches a model " +
  "the same sentence twice while a missing topic teaches it nothing at all so teams measure coverage diversity and " +
  "quality before they spend a single hour of compute on the next run of the pipeline"
).split(" ");

/** The text with its first `changed` words replaced: similarity to the original falls as `changed` grows. */
const edit = (changed: number) => WORDS.map((w, i) => (i < changed ? `${w}x${changed}` : w)).join(" ");

const start = Date.now();

/** The k-th item arrives k seconds after the first, so "newest" is never a tie of timestamps. */
async function submitText(content: string, k: number) {
  const fields = { content, sourceUrl: null, tags: ["data"], license: "CC-BY-4.0" as const, issuedAt: Math.floor(start / 1000) };
  const signature = await author.signTypedData(submissionTypedData({ ...fields, contributor: author.address }, 31337));
  return submit(handle.db, { ...fields, signature }, { contributor: author.address, chainId: 31337, now: new Date(start + k * 1000) });
}

describe("near duplicates found by the database", () => {
  it("match the reference rule on every edit across the threshold: most similar earlier item sharing a band, ties to the newest", async () => {
    const earlier: { id: string; signature: Uint8Array; bands: Set<number> }[] = [];
    let flagged = 0;
    let clear = 0;
    for (const [k, changed] of [0, 1, 2, 3, 4, 6, 8, 10, 12, 14, 16, 20, 24, 30].entries()) {
      const text = edit(changed);
      const hashes = minhash(text);
      const signature = signatureBytes(hashes);
      const bands = lshBands(hashes);
      let expected: { id: string; similarity: number } | null = null;
      for (const e of earlier) {
        const similarity = estimatedJaccard(signature, e.signature);
        if (similarity >= NEAR_DUPLICATE_JACCARD && bands.some((b) => e.bands.has(b)) && (!expected || similarity >= expected.similarity)) expected = { id: e.id, similarity };
      }
      const result = await submitText(text, k);
      expect(result.nearDuplicateOf, `${changed} words changed`).toBe(expected?.id ?? null);
      if (expected) flagged++;
      else clear++;
      earlier.push({ id: result.id, signature, bands: new Set(bands) });
    }
    // The sweep crosses the threshold: both answers occur.
    expect(flagged).toBeGreaterThan(0);
    expect(clear).toBeGreaterThan(1);
  });
});
