import { createCipheriv, createHash } from "node:crypto";

/**
 * The bytes kubo's test suite adds with `IPFSAddDeterministic(size, seed)` (test/cli/testutils/random_deterministic.go):
 * the ChaCha20 keystream under key sha256(seed), zero nonce, counter from 0. OpenSSL's 16-byte ChaCha20 IV is the
 * 32-bit little-endian counter followed by the 12-byte nonce, so all zeros is the same stream. Yields `pieceBytes` at a
 * time, so a test can feed gigabytes without holding them.
 */
export async function* kuboRandomBytes(bytes: number, seed: string, pieceBytes = 1 << 20): AsyncGenerator<Uint8Array> {
  const cipher = createCipheriv("chacha20", createHash("sha256").update(seed).digest(), Buffer.alloc(16));
  const zeros = Buffer.alloc(pieceBytes);
  for (let left = bytes; left > 0; left -= pieceBytes) {
    yield cipher.update(left >= pieceBytes ? zeros : zeros.subarray(0, left));
  }
}
