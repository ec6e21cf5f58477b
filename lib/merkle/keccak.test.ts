import { keccak_256 } from "@noble/hashes/sha3";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareHashWords, keccak256, keccak256Into, leafHashWords, sortedPairHashWords } from "./keccak";

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");
const words = (bytes: Uint8Array) => new Uint32Array(bytes.slice().buffer);
const bytesOf = (w: Uint32Array, at = 0, count = 8) => new Uint8Array(w.buffer, w.byteOffset + at * 4, count * 4);

describe("keccak256", () => {
  it("matches the known digests of empty and short inputs", () => {
    expect(hex(keccak256(new Uint8Array(0)))).toBe("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    expect(hex(keccak256(new TextEncoder().encode("abc")))).toBe(
      "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
    );
  });

  it("matches @noble/hashes for every length 0..300, around each rate boundary", () => {
    for (let len = 0; len <= 300; len++) {
      const data = new Uint8Array(len).map((_, i) => (i * 131 + len * 7) & 0xff);
      expect(hex(keccak256(data)), `length ${len}`).toBe(hex(keccak_256(data)));
    }
  });

  it("matches @noble/hashes on random inputs of 0..300 bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 300 }), (data) => {
        expect(hex(keccak256(data))).toBe(hex(keccak_256(data)));
      }),
      { numRuns: 500 },
    );
  });

  it("writes into a buffer at an offset, leaving the rest alone", () => {
    const out = new Uint8Array(40).fill(0xee);
    keccak256Into(new Uint8Array([1, 2, 3]), out, 5);
    expect(hex(out.subarray(5, 37))).toBe(hex(keccak_256(new Uint8Array([1, 2, 3]))));
    expect([...out.subarray(0, 5), ...out.subarray(37)]).toEqual(Array(8).fill(0xee));
  });
});

describe("word-level hashes", () => {
  it("leafHashWords is keccak256(keccak256(64 bytes)), also in place", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), fc.nat(4), (block, at) => {
        const expected = hex(keccak_256(keccak_256(block)));
        const src = new Uint32Array(16 + at);
        bytesOf(src, at, 16).set(block);
        const dst = new Uint32Array(8 + at);
        leafHashWords(src, at, dst, at);
        expect(hex(bytesOf(dst, at))).toBe(expected);
        leafHashWords(src, at, src, at);
        expect(hex(bytesOf(src, at))).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("sortedPairHashWords hashes the pair in ascending byte order, commutatively", () => {
    const hash32 = fc.uint8Array({ minLength: 32, maxLength: 32 });
    const samePrefix = fc.tuple(hash32, fc.nat(31)).map(([a, keep]) => {
      const b = a.slice();
      b[keep] = (b[keep]! + 1) & 0xff;
      return [a, b] as const;
    });
    fc.assert(
      fc.property(fc.oneof(fc.tuple(hash32, hash32), samePrefix), ([a, b]) => {
        const [lo, hi] = Buffer.compare(a, b) <= 0 ? [a, b] : [b, a];
        const expected = hex(keccak_256(new Uint8Array([...lo, ...hi])));
        const wa = words(a);
        const wb = words(b);
        const out = new Uint32Array(8);
        sortedPairHashWords(wa, 0, wb, 0, out, 0);
        expect(hex(bytesOf(out))).toBe(expected);
        sortedPairHashWords(wb, 0, wa, 0, out, 0);
        expect(hex(bytesOf(out))).toBe(expected);
        sortedPairHashWords(wa, 0, wb, 0, wa, 0);
        expect(hex(bytesOf(wa))).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("compareHashWords orders hashes as bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (a, b) => {
        expect(compareHashWords(words(a), 0, words(b), 0)).toBe(Buffer.compare(a, b));
        expect(compareHashWords(words(a), 0, words(a), 0)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});
