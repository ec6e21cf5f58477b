import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createRng, GOLD_DEFAULTS, hash32, mixGold, scoreGold, shuffled } from "./gold";

describe("seeded randomness", () => {
  it("repeats for a seed and differs between seeds", () => {
    const draw = (seed: string) => Array.from({ length: 5 }, createRng(seed));
    expect(draw("a")).toEqual(draw("a"));
    expect(draw("a")).not.toEqual(draw("b"));
    expect(hash32("0xabc:item-1")).toBe(hash32("0xabc:item-1"));
    expect(hash32("0xabc:item-1")).not.toBe(hash32("0xabc:item-2"));
  });

  it("draws uniformly in [0, 1)", () => {
    const rng = createRng("uniform");
    const buckets = new Array<number>(10).fill(0);
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const x = rng();
      if (!(x >= 0 && x < 1)) outside++;
      const b = Math.floor(x * 10);
      buckets[b] = (buckets[b] ?? 0) + 1;
    }
    expect(outside).toBe(0);
    for (const count of buckets) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it("shuffles into a permutation", () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const out = shuffled(items, createRng("s"));
    expect([...out].sort((a, b) => a - b)).toEqual(items);
    expect(out).not.toEqual(items);
  });
});

const regularArb = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }).map((s) => `r:${s}`), { maxLength: 40 });
const goldArb = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 4 }).map((s) => `g:${s}`), { maxLength: 40 });
const isGold = (x: string) => x.startsWith("g:");

describe("mixGold", () => {
  it("keeps every regular item in order and uses each gold item at most once", () => {
    fc.assert(
      fc.property(regularArb, goldArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.string(), (regular, gold, rate, seed) => {
        const page = mixGold(regular, gold, rate, seed);
        expect(page.filter((x) => !isGold(x))).toEqual(regular);
        const used = page.filter(isGold);
        expect(new Set(used).size).toBe(used.length);
        for (const g of used) expect(gold).toContain(g);
        if (regular.length === 0) expect(page).toEqual([]);
        else expect(isGold(page[page.length - 1] ?? "")).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it("never puts two gold items in a row at rates up to one half", () => {
    fc.assert(
      fc.property(regularArb, goldArb, fc.double({ min: 0, max: 0.5, noNaN: true }), fc.string(), (regular, gold, rate, seed) => {
        const page = mixGold(regular, gold, rate, seed);
        page.forEach((x, i) => {
          if (i > 0 && isGold(x)) expect(isGold(page[i - 1] ?? "")).toBe(false);
        });
      }),
      { numRuns: 500 },
    );
  });

  it("is deterministic for a seed and varies with it", () => {
    const regular = Array.from({ length: 30 }, (_, i) => `r:${i}`);
    const gold = Array.from({ length: 30 }, (_, i) => `g:${i}`);
    expect(mixGold(regular, gold, 0.2, "v1:0")).toEqual(mixGold(regular, gold, 0.2, "v1:0"));
    expect(mixGold(regular, gold, 0.2, "v1:0")).not.toEqual(mixGold(regular, gold, 0.2, "v2:0"));
  });

  it("makes `rate` the gold share of a page on average", () => {
    const regular = Array.from({ length: 20_000 }, (_, i) => `r:${i}`);
    const gold = Array.from({ length: 60_000 }, (_, i) => `g:${i}`);
    for (const rate of [GOLD_DEFAULTS.rate, 0.25, 0.5, 0.7]) {
      const page = mixGold(regular, gold, rate, `rate ${rate}`);
      expect(page.filter(isGold).length / page.length).toBeCloseTo(rate, 2);
    }
  });

  it("mixes nothing at rate 0 and refuses rates outside [0, 1]", () => {
    expect(mixGold(["r:1", "r:2"], ["g:1"], 0, "s")).toEqual(["r:1", "r:2"]);
    expect(mixGold(["r:1", "r:2"], [], 0.5, "s")).toEqual(["r:1", "r:2"]);
    expect(() => mixGold([], [], -0.1, "s")).toThrow(RangeError);
    expect(() => mixGold([], [], 1.5, "s")).toThrow(RangeError);
    expect(() => mixGold([], [], Number.NaN, "s")).toThrow(RangeError);
  });
});

describe("scoreGold", () => {
  it("is right when the verdict matches the known answer", () => {
    expect(scoreGold({ verdict: "accept" }, "accept")).toBe(true);
    expect(scoreGold({ verdict: "reject" }, "reject")).toBe(true);
    expect(scoreGold({ verdict: "accept" }, "reject")).toBe(false);
    expect(scoreGold({ verdict: "reject" }, "accept")).toBe(false);
  });
});
