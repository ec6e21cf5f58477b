import { normalizeText } from "./normalize";

/**
 * Near duplicates by MinHash over word 3-shingles with LSH banding.
 *
 * Two items are near duplicates when the estimated Jaccard similarity of their shingle sets is at
 * least NEAR_DUPLICATE_JACCARD (0.7): a re-post with a few words changed scores ~0.8, texts that
 * merely share a topic score well under 0.3. The 128 hashes are cut into 16 bands of 8; items
 * sharing any band are candidates — the LSH threshold (1/16)^(1/8) ≈ 0.71 sits at our cut, so a
 * pair at J = 0.8 is found with probability 0.95 and one at J = 0.5 is even looked at with 0.06.
 */
export const NEAR_DUPLICATE_JACCARD = 0.7;
export const MINHASH_SIZE = 128;
const BANDS = 16;
const ROWS = MINHASH_SIZE / BANDS;
const SHINGLE = 3;

/** murmur3's 32-bit finalizer: a bijection, so `fmix32(x ^ seed)` is a random permutation of shingle hashes. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Fixed seeds: signatures must stay comparable across releases, so never change them. */
const SEEDS = Uint32Array.from({ length: MINHASH_SIZE }, (_, i) => fmix32(0x9e3779b9 + Math.imul(i + 1, 0x632be5ab)));

function shingleHashes(text: string): Uint32Array {
  const words = normalizeText(text)
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .split(/\s+/)
    .filter(Boolean);
  if (words.length <= SHINGLE) return Uint32Array.of(fnv1a(words.join(" ")));
  const out = new Uint32Array(words.length - SHINGLE + 1);
  for (let i = 0; i < out.length; i++) out[i] = fnv1a(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  return out;
}

export function minhash(text: string): Uint32Array {
  const signature = new Uint32Array(MINHASH_SIZE).fill(0xffffffff);
  for (const h of shingleHashes(text)) {
    for (let i = 0; i < MINHASH_SIZE; i++) {
      const v = fmix32(h ^ (SEEDS[i] ?? 0));
      if (v < (signature[i] ?? 0)) signature[i] = v;
    }
  }
  return signature;
}

/** The stored form of a signature: its 128 hashes as 32-bit big-endian words (512 bytes). */
export function signatureBytes(signature: Uint32Array): Uint8Array {
  const bytes = new Uint8Array(MINHASH_SIZE * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < MINHASH_SIZE; i++) view.setUint32(i * 4, signature[i] ?? 0);
  return bytes;
}

/** How many of the 128 positions two stored signatures agree on (0 when either is not a whole signature). */
export function equalPositions(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== MINHASH_SIZE * 4 || b.length !== MINHASH_SIZE * 4) return 0;
  let equal = 0;
  for (let i = 0; i < a.length; i += 4) if (a[i] === b[i] && a[i + 1] === b[i + 1] && a[i + 2] === b[i + 2] && a[i + 3] === b[i + 3]) equal++;
  return equal;
}

/** Fraction of equal positions: an unbiased estimate of the Jaccard similarity of the shingle sets. */
export function estimatedJaccard(a: Uint8Array, b: Uint8Array): number {
  return equalPositions(a, b) / MINHASH_SIZE;
}

/** One key per band: the band's index above its 32-bit hash, so equal hashes of different bands never match. */
export function lshBands(signature: Uint32Array): number[] {
  const bands: number[] = [];
  for (let band = 0; band < BANDS; band++) {
    let h = 0x811c9dc5;
    for (let r = 0; r < ROWS; r++) {
      h ^= signature[band * ROWS + r] ?? 0;
      h = fmix32(h);
    }
    bands.push(band * 2 ** 32 + h);
  }
  return bands;
}

