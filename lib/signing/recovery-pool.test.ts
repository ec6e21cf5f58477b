import { afterAll, describe, expect, it } from "vitest";
import { keyFrom, signDigest } from "../testing/signed-epoch";
import { recoverAddressFast } from "./fast-recover";
import { RecoveryPool } from "./recovery-pool";

const pool = new RecoveryPool(2);
afterAll(() => pool.close());

describe("RecoveryPool", () => {
  it("recovers what recoverAddressFast recovers, in the order the recoveries were queued, across batches", async () => {
    const keys = Array.from({ length: 5 }, (_, i) => keyFrom(`pool ${i}`));
    const cases = Array.from({ length: 2500 }, (_, i) => {
      const digest = new Uint8Array(32).fill(i % 251).map((b, j) => (b + j * 7 + (i >> 8)) & 0xff);
      let signature = signDigest(keys[i % keys.length]!, digest);
      if (i % 97 === 0) signature = `${signature.slice(0, 10)}${signature[10] === "0" ? "1" : "0"}${signature.slice(11)}`; // another signer
      if (i % 101 === 0) signature = "0x1234"; // not a signature
      if (i % 103 === 0) signature = `${signature.slice(0, 130)}05`; // no such recovery id
      return { digest, signature };
    });
    const seen: { i: number; signer: string | null }[] = [];
    for (const [i, c] of cases.entries()) await pool.recover(c.digest, c.signature, (signer) => void seen.push({ i, signer }));
    await pool.flush();
    expect(seen.map((s) => s.i)).toEqual(cases.map((_, i) => i));
    expect(seen.map((s) => s.signer)).toEqual(cases.map((c) => recoverAddressFast(c.digest, c.signature)));
    expect(seen.filter((s) => s.signer === null).length).toBeGreaterThan(40);
  });
});
