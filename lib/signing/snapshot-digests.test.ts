import fc from "fast-check";
import { bytesToHex, hashTypedData, type Address, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import { VOTE_TYPES, VOTING_KEY_TYPES } from "../curation/vote-typed-data";
import { SUBMISSION_TYPES } from "../submissions/typed-data";
import { eip712Domain } from "./domain";
import { submissionDigest, voteDigest, votingKeyDigest } from "./snapshot-digests";

const hex = (bytes: number) => fc.uint8Array({ minLength: bytes, maxLength: bytes }).map((b) => `0x${Buffer.from(b).toString("hex")}`);
const address = hex(20);
const instant = fc.integer({ min: 0, max: 4_000_000_000 }).map((s) => new Date(s * 1000).toISOString());
const chainId = fc.constantFrom(1, 8453, 31337, 11155111);
const text = fc.string({ unit: "grapheme", maxLength: 80 });
const seconds = (iso: string) => BigInt(Date.parse(iso) / 1000);

describe("snapshot digests equal viem's hashTypedData", () => {
  it("Submission", () => {
    fc.assert(
      fc.property(address, hex(32), fc.option(text), fc.array(text, { maxLength: 10 }), text, instant, chainId, (contributor, content_hash, source_url, tags, license, issued_at, id) => {
        const ours = submissionDigest({ contributor, content_hash, source_url, tags, license, issued_at }, id);
        const viem = hashTypedData({
          domain: eip712Domain(id),
          types: SUBMISSION_TYPES,
          primaryType: "Submission",
          message: { contributor: contributor as Address, contentHash: content_hash as Hex, sourceUrl: source_url ?? "", tags, license, issuedAt: seconds(issued_at) },
        });
        expect(bytesToHex(ours)).toBe(viem);
      }),
      { numRuns: 300 },
    );
  });

  it("Vote", () => {
    fc.assert(
      fc.property(address, hex(32), fc.constantFrom("accept", "reject"), fc.integer({ min: 0, max: 255 }), fc.array(text, { maxLength: 6 }), instant, chainId, (validator, content_hash, verdict, quality, flags, issued_at, id) => {
        const ours = voteDigest({ validator, content_hash, verdict, quality, flags, issued_at }, id);
        const viem = hashTypedData({
          domain: eip712Domain(id),
          types: VOTE_TYPES,
          primaryType: "Vote",
          message: { validator: validator as Address, contentHash: content_hash as Hex, verdict, quality, flags, issuedAt: seconds(issued_at) },
        });
        expect(bytesToHex(ours)).toBe(viem);
      }),
      { numRuns: 300 },
    );
  });

  it("VotingKey", () => {
    fc.assert(
      fc.property(address, address, instant, chainId, (validator, key, expires_at, id) => {
        const ours = votingKeyDigest({ validator, key, expires_at }, id);
        const viem = hashTypedData({
          domain: eip712Domain(id),
          types: VOTING_KEY_TYPES,
          primaryType: "VotingKey",
          message: { validator: validator as Address, key: key as Address, expiresAt: seconds(expires_at) },
        });
        expect(bytesToHex(ours)).toBe(viem);
      }),
      { numRuns: 200 },
    );
  });

  it("refuses a vote quality no uint8 holds instead of signing something else", () => {
    const vote = { validator: `0x${"1".repeat(40)}`, content_hash: `0x${"2".repeat(64)}`, verdict: "accept", flags: [], issued_at: "2025-01-01T00:00:00.000Z" };
    for (const quality of [-1, 256, 2.5]) expect(() => voteDigest({ ...vote, quality }, 1)).toThrow(/uint8/);
  });
});
