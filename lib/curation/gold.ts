import type { Verdict } from "./consensus";

/**
 * Gold items carry a known answer. Mixed into every validator's queue, indistinguishable from
 * regular items, they measure validators directly: an always-accept spam ring scores no better
 * than a coin on a gold set balanced between accept and reject answers.
 */
export const GOLD_DEFAULTS = Object.freeze({
  /** Fraction of a queue page that is gold, on average. */
  rate: 0.1,
});

/** 32-bit hash of a string (xmur3 with a murmur3 finalizer): stable across runtimes, not cryptographic. */
export function hash32(text: string): number {
  return xmur3(text)();
}

function xmur3(text: string): () => number {
  let h = 1779033703 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  return () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    h ^= h >>> 16;
    return h >>> 0;
  };
}

/** Seeded PRNG (sfc32 seeded through xmur3): uniform numbers in [0, 1), the same sequence for the same seed. */
export function createRng(seed: string): () => number {
  const next = xmur3(seed);
  let a = next();
  let b = next();
  let c = next();
  let d = next();
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
}

/** A shuffled copy (Fisher–Yates) driven by `rng`. */
export function shuffled<T>(items: readonly T[], rng: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = out[i] as T;
    out[i] = out[j] as T;
    out[j] = tmp;
  }
  return out;
}

/**
 * A queue page with gold items slipped between the regular ones. Every regular item appears once,
 * in its order; gold items are drawn, each at most once, in an order shuffled by `seed` (so
 * validators do not all meet the same gold first). A gold slot follows a regular item with
 * probability rate/(1−rate), which makes `rate` the expected gold fraction of the page and never
 * puts two gold items in a row while rate ≤ 0.5. With no regular items the page is empty, so an
 * idle queue never reveals which items are gold.
 * Seed it with something per validator and page (e.g. `${validator}:${cursor}`).
 */
export function mixGold<T>(regular: readonly T[], gold: readonly T[], rate: number, seed: string): T[] {
  if (!(rate >= 0 && rate <= 1)) throw new RangeError(`gold rate must be in [0, 1], got ${rate}`);
  const rng = createRng(`gold:${seed}`);
  const pool = shuffled(gold, rng);
  // Stationary gold fraction of the two-state chain below equals `rate`.
  const afterRegular = rate >= 0.5 ? 1 : rate / (1 - rate);
  const afterGold = rate <= 0.5 ? 0 : 2 - 1 / rate;
  const out: T[] = [];
  let next = 0;
  let previousGold = false;
  for (const item of regular) {
    while (next < pool.length && rng() < (previousGold ? afterGold : afterRegular)) {
      out.push(pool[next++] as T);
      previousGold = true;
    }
    out.push(item);
    previousGold = false;
  }
  return out;
}

/** Whether a vote on a gold item gave the known answer. */
export function scoreGold(vote: { verdict: Verdict }, goldVerdict: Verdict): boolean {
  return vote.verdict === goldVerdict;
}
