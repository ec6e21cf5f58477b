import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { orderQueue, QUEUE_DEFAULTS, type QueueCandidate } from "./queue-order";

const me = "0x" + "a".repeat(40);
const other = "0x" + "b".repeat(40);
const item = (id: string, voteCount: number, minute: number, contributor = other): QueueCandidate => ({
  id,
  contributor,
  voteCount,
  createdAt: new Date(Date.UTC(2025, 0, 1, 0, minute)),
});

describe("orderQueue", () => {
  it("serves fewest votes first, then oldest (no spreading with a window of 1)", () => {
    const items = [item("d", 1, 0), item("a", 0, 5), item("c", 2, 1), item("b", 0, 3), item("e", 0, 3)];
    expect(orderQueue(items, me, { spreadWindow: 1 }).map((c) => c.id)).toEqual(["b", "e", "a", "d", "c"]);
  });

  it("never serves the validator's own items, voted items, or an item twice", () => {
    const items = [item("own", 0, 0, me.toUpperCase().replace("0X", "0x")), item("voted", 0, 1), item("ok", 0, 2), item("ok", 0, 2)];
    expect(orderQueue(items, me, { excluded: new Set(["voted"]) }).map((c) => c.id)).toEqual(["ok"]);
    expect(orderQueue(items, me.toUpperCase(), { excluded: new Set(["voted"]) }).map((c) => c.id)).toEqual(["ok"]);
  });

  it("hands validators who open the queue together different first items", () => {
    const items = Array.from({ length: 20 }, (_, i) => item(`item-${i}`, 0, i));
    const validators = Array.from({ length: 24 }, (_, i) => `0x${i.toString(16).padStart(40, "0")}`);
    const firsts = validators.map((v) => orderQueue(items, v)[0]?.id);
    expect(new Set(firsts).size).toBeGreaterThanOrEqual(5);
    // ...all from the oldest window
    const oldest = new Set(items.slice(0, QUEUE_DEFAULTS.spreadWindow).map((c) => c.id));
    for (const id of firsts) expect(oldest.has(id ?? "")).toBe(true);
  });

  it("keeps a validator's order stable", () => {
    const items = Array.from({ length: 20 }, (_, i) => item(`item-${i}`, i % 3, i));
    expect(orderQueue(items, me)).toEqual(orderQueue([...items].reverse(), me));
  });

  it("does not let the caller's limit change the first places", () => {
    const items = Array.from({ length: 30 }, (_, i) => item(`item-${i}`, 0, i));
    const limit = 10;
    const full = orderQueue(items, me).slice(0, limit);
    const fetched = orderQueue(items.slice(0, limit + QUEUE_DEFAULTS.spreadWindow - 1), me).slice(0, limit);
    expect(fetched).toEqual(full);
  });

  const candidatesArb = fc.uniqueArray(
    fc.record({
      id: fc.string({ minLength: 1, maxLength: 6 }),
      contributor: fc.constantFrom(me, other, "0x" + "c".repeat(40)),
      voteCount: fc.integer({ min: 0, max: 4 }),
      createdAt: fc.integer({ min: 0, max: 50 }).map((m) => new Date(Date.UTC(2025, 0, 1, 0, m))),
    }),
    { selector: (c) => c.id, maxLength: 60 },
  );

  it("returns exactly the eligible items, fewest votes first, each near its age rank", () => {
    fc.assert(
      fc.property(
        candidatesArb,
        fc.integer({ min: 1, max: 10 }),
        fc.constantFrom(me, other, "0x1234"),
        fc.func(fc.boolean()),
        (candidates, window, v, isExcluded) => {
          const excluded = new Set(candidates.filter((c) => isExcluded(c.id)).map((c) => c.id));
          const out = orderQueue(candidates, v, { excluded, spreadWindow: window });
          const eligible = candidates.filter((c) => c.contributor !== v && !excluded.has(c.id));
          expect(out.map((c) => c.id).sort()).toEqual(eligible.map((c) => c.id).sort());
          for (let i = 1; i < out.length; i++) expect(out[i]?.voteCount).toBeGreaterThanOrEqual(out[i - 1]?.voteCount ?? 0);
          const byAge = [...eligible].sort(
            (a, b) => a.voteCount - b.voteCount || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1),
          );
          out.forEach((c, i) => expect(Math.abs(byAge.indexOf(c) - i)).toBeLessThan(window));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("does not depend on the order of the candidates", () => {
    fc.assert(
      fc.property(
        candidatesArb.chain((cs) => fc.tuple(fc.constant(cs), fc.shuffledSubarray(cs, { minLength: cs.length }))),
        ([candidates, shuffled]) => {
          expect(orderQueue(shuffled, other)).toEqual(orderQueue(candidates, other));
        },
      ),
    );
  });

  it("serves flagged items first to a trusted validator and last to everyone else, fewest votes first within each", () => {
    const items = [
      { ...item("flag-old", 0, 0), flagged: true },
      item("plain-1", 1, 1),
      item("plain-0", 0, 2),
      { ...item("flag-voted", 1, 3), flagged: true },
    ];
    const order = (flaggedFirst: boolean) => orderQueue(items, me, { spreadWindow: 1, flaggedFirst }).map((c) => c.id);
    expect(order(true)).toEqual(["flag-old", "flag-voted", "plain-0", "plain-1"]);
    expect(order(false)).toEqual(["plain-0", "plain-1", "flag-old", "flag-voted"]);
  });

  it("keeps flagged and unflagged items in separate spread windows", () => {
    const items = Array.from({ length: 12 }, (_, i) => ({ ...item(`item-${i}`, 0, i), flagged: i % 2 === 0 }));
    for (const v of [me, other, "0x1234"]) {
      const out = orderQueue(items, v, { flaggedFirst: true });
      expect(out.slice(0, 6).every((c) => c.flagged)).toBe(true);
      expect(out.slice(6).some((c) => c.flagged)).toBe(false);
    }
  });

  it("refuses a window below 1", () => {
    expect(() => orderQueue([], me, { spreadWindow: 0 })).toThrow(RangeError);
  });
});
