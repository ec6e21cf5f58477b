import { createRequire } from "node:module";
import { secp256k1 as nobleSecp256k1 } from "@noble/curves/secp256k1";
import { keccak256Into } from "../merkle/keccak";

/**
 * Signer recovery for the ingest path and the verifier (which recovers millions of signatures): libsecp256k1 through the
 * `secp256k1` package's prebuilt N-API binary (about 20× viem's pure-JS recovery here), with @noble/curves (what
 * viem uses) as the fallback where the binary cannot load. Both accept exactly what viem's `recoverAddress` accepts;
 * fast-recover.test.ts checks them against it.
 */
type Recover = (signature64: Uint8Array, recovery: number, digest: Uint8Array) => Uint8Array;

const native: Recover | null = (() => {
  try {
    const require = createRequire(import.meta.url);
    const lib = require("secp256k1/bindings") as { ecdsaRecover: (sig: Uint8Array, recid: number, msg: Uint8Array, compressed: boolean) => Uint8Array };
    return (sig, recid, msg) => lib.ecdsaRecover(sig, recid, msg, false);
  } catch {
    return null;
  }
})();

const noble: Recover = (sig, recid, msg) =>
  nobleSecp256k1.Signature.fromCompact(sig).addRecoveryBit(recid).recoverPublicKey(msg).toRawBytes(false);

const recover = native ?? noble;

/** Which implementation recovers: for the benchmark's table and the verifier's report. */
export const RECOVERY_LIBRARY = native ? "libsecp256k1 (secp256k1 npm, native)" : "@noble/curves (pure JS)";

const HEX_SIGNATURE = /^0x[0-9a-fA-F]{130}$/;

/**
 * The lowercase 0x address whose key made the 65-byte r‖s‖v `signature` over the 32-byte `digest`, or null when
 * none can have (malformed, v not 0/1/27/28, r or s out of range, no point).
 */
export function recoverAddressFast(digest: Uint8Array, signature: string): string | null {
  if (!HEX_SIGNATURE.test(signature)) return null;
  const bytes = Buffer.from(signature.slice(2), "hex");
  const v = bytes[64]!;
  const recovery = v >= 27 ? v - 27 : v;
  if (recovery !== 0 && recovery !== 1) return null;
  let publicKey: Uint8Array;
  try {
    publicKey = recover(bytes.subarray(0, 64), recovery, digest);
  } catch {
    return null;
  }
  const hash = new Uint8Array(32);
  keccak256Into(publicKey.subarray(1), hash);
  return `0x${Buffer.from(hash.subarray(12)).toString("hex")}`;
}
