// Recovers public keys for RecoveryPool (recovery-pool.ts) off the main thread. Plain JavaScript so that it loads in
// any worker, whatever TypeScript loader the parent runs under. `secp256k1` is libsecp256k1's prebuilt binary where
// it loads and the package's own pure-JS fallback elsewhere.
import { createRequire } from "node:module";
import { parentPort } from "node:worker_threads";

const secp256k1 = createRequire(import.meta.url)("secp256k1");

parentPort.on("message", ({ id, digests, signatures, count }) => {
  const keys = new Uint8Array(count * 64);
  const ok = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const v = signatures[i * 65 + 64];
    const recovery = v >= 27 ? v - 27 : v;
    if (recovery !== 0 && recovery !== 1) continue;
    try {
      const key = secp256k1.ecdsaRecover(signatures.subarray(i * 65, i * 65 + 64), recovery, digests.subarray(i * 32, i * 32 + 32), false);
      keys.set(key.subarray(1), i * 64);
      ok[i] = 1;
    } catch {
      // r or s out of range, or no point: no signer
    }
  }
  parentPort.postMessage({ id, keys, ok }, [keys.buffer, ok.buffer]);
});
