import fc from "fast-check";
import { hexToBytes, recoverAddress, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { describe, expect, it } from "vitest";
import { recoverAddressFast, RECOVERY_LIBRARY } from "./fast-recover";

const key = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => `0x${Buffer.from(b).toString("hex")}` as Hex);
const digest = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => `0x${Buffer.from(b).toString("hex")}` as Hex);

async function viemRecovers(hash: Hex, signature: Hex): Promise<string | null> {
  try {
    return (await recoverAddress({ hash, signature })).toLowerCase();
  } catch {
    return null;
  }
}

describe(`recoverAddressFast (${RECOVERY_LIBRARY})`, () => {
  it("recovers the signer of any digest, as viem does", async () => {
    await fc.assert(
      fc.asyncProperty(key, digest, async (privateKey, hash) => {
        fc.pre(BigInt(privateKey) > 0n && BigInt(privateKey) < 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n);
        const account = privateKeyToAccount(privateKey);
        const signature = await account.sign({ hash });
        expect(recoverAddressFast(hexToBytes(hash), signature)).toBe(account.address.toLowerCase());
      }),
      { numRuns: 60 },
    );
  });

  it("agrees with viem on tampered signatures: another address or none", async () => {
    const account = privateKeyToAccount(`0x${"11".repeat(32)}`);
    await fc.assert(
      fc.asyncProperty(digest, fc.nat({ max: 64 }), fc.integer({ min: 1, max: 255 }), async (hash, at, xor) => {
        const bytes = hexToBytes(await account.sign({ hash }));
        bytes[at] = bytes[at]! ^ xor;
        const signature = `0x${Buffer.from(bytes).toString("hex")}` as Hex;
        const ours = recoverAddressFast(hexToBytes(hash), signature);
        expect(ours).not.toBe(account.address.toLowerCase());
        const theirs = await viemRecovers(hash, signature);
        if (theirs !== null && ours !== null) expect(ours).toBe(theirs);
      }),
      { numRuns: 80 },
    );
  });

  it("refuses what is not a 65-byte signature", () => {
    const hash = new Uint8Array(32).fill(7);
    for (const bad of ["0x", "0x1234", `0x${"ab".repeat(64)}`, `0x${"ab".repeat(66)}`, `${"ab".repeat(65)}`, `0x${"zz".repeat(65)}`]) {
      expect(recoverAddressFast(hash, bad)).toBeNull();
    }
    expect(recoverAddressFast(hash, `0x${"ab".repeat(64)}05`)).toBeNull();
  });
});
