import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { NO_CONSENSUS, type VoteInput } from "./consensus";
import { createRng } from "./gold";
import { REPUTATION_DEFAULTS, reputationUpdates, updateReputation } from "./reputation";

describe("updateReputation", () => {
  it("steps toward 1 on agreement and toward 0 on disagreement, further after gold", () => {
    expect(updateReputation(0.5, true)).toBeCloseTo(0.51, 12);
    expect(updateReputation(0.5, false)).toBeCloseTo(0.49, 12);
    expect(updateReputation(0.5, true, "gold")).toBeCloseTo(0.575, 12);
    expect(updateReputation(0.5, false, "gold")).toBeCloseTo(0.425, 12);
    expect(updateReputation(1, true)).toBe(1);
    expect(updateReputation(0, false, "gold")).toBe(0);
    expect(updateReputation(0, true)).toBeGreaterThan(0);
  });

  it("repairs out-of-range input", () => {
    expect(updateReputation(Number.NaN, true)).toBeCloseTo(0.51, 12);
    expect(updateReputation(2, false)).toBeCloseTo(0.98, 12);
    expect(updateReputation(-1, true)).toBeCloseTo(0.02, 12);
  });

  it("converges to the validator's agreement rate", () => {
    for (const p of [0.5, 0.7, 0.9]) {
      const rng = createRng(`agreement ${p}`);
      let r = REPUTATION_DEFAULTS.initial;
      let sum = 0;
      const steps = 20_000;
      for (let i = 0; i < steps; i++) {
        r = updateReputation(r, rng() < p, i % 10 === 0 ? "gold" : "consensus");
        if (i >= 1000) sum += r;
      }
      expect(sum / (steps - 1000)).toBeCloseTo(p, 1);
    }
  });

  const rate = fc.double({ min: 0, max: 1, noNaN: true });
  const anyNumber = fc.oneof(fc.double(), fc.double({ min: 0, max: 1, noNaN: true }));
  const params = fc.record({ consensusRate: rate, goldRate: rate, initial: fc.double({ min: 0, max: 1, noNaN: true }) });

  it("stays in [0, 1] whatever it is given", () => {
    fc.assert(
      fc.property(anyNumber, fc.boolean(), fc.constantFrom("consensus" as const, "gold" as const), params, (r, agreed, source, p) => {
        const next = updateReputation(r, agreed, source, p);
        expect(next).toBeGreaterThanOrEqual(0);
        expect(next).toBeLessThanOrEqual(1);
      }),
      { numRuns: 1000 },
    );
  });

  it("moves the right way, and gold moves it at least as far", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.boolean(), (r, agreed) => {
        const consensus = updateReputation(r, agreed);
        const gold = updateReputation(r, agreed, "gold");
        if (agreed) {
          expect(consensus).toBeGreaterThanOrEqual(r);
          expect(gold).toBeGreaterThanOrEqual(consensus);
        } else {
          expect(consensus).toBeLessThanOrEqual(r);
          expect(gold).toBeLessThanOrEqual(consensus);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("is deterministic over a history of outcomes", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.boolean()), { maxLength: 200 }), (history) => {
        const run = () => history.reduce((r, [agreed, gold]) => updateReputation(r, agreed, gold ? "gold" : "consensus"), 0.5);
        expect(run()).toBe(run());
      }),
    );
  });
});

describe("reputationUpdates", () => {
  const v = (validator: string, verdict: "accept" | "reject", weight = 0.5): VoteInput => ({
    validator,
    verdict,
    quality: 3,
    flags: [],
    weight,
  });
  const votes = [v("a", "accept"), v("b", "accept"), v("c", "reject", 0.8)];
  const current = new Map([
    ["a", 0.6],
    ["b", 0.3],
  ]);

  it("rewards agreement with the decision and penalises the rest", () => {
    const next = reputationUpdates({ kind: "accepted", quality: 3, acceptShare: 0.7 }, votes, current);
    expect([...next.keys()].sort()).toEqual(["a", "b", "c"]);
    expect(next.get("a")).toBeCloseTo(updateReputation(0.6, true), 12);
    expect(next.get("b")).toBeCloseTo(updateReputation(0.3, true), 12);
    // missing from the map: starts from a new account's reputation
    expect(next.get("c")).toBeCloseTo(updateReputation(REPUTATION_DEFAULTS.initial, false), 12);
    const rejected = reputationUpdates({ kind: "rejected", reason: "spam", acceptShare: 0.2 }, votes, current);
    expect(rejected.get("a")).toBeLessThan(0.6);
    expect(rejected.get("c")).toBeGreaterThan(REPUTATION_DEFAULTS.initial);
  });

  it("moves nobody while pending or after a split ends without consensus", () => {
    expect(reputationUpdates({ kind: "pending" }, votes, current).size).toBe(0);
    expect(reputationUpdates({ kind: "rejected", reason: NO_CONSENSUS, acceptShare: 0.5 }, votes, current).size).toBe(0);
  });

  it("does not depend on the order of the votes", () => {
    const d = { kind: "rejected" as const, reason: "spam", acceptShare: 0.2 };
    fc.assert(
      fc.property(fc.shuffledSubarray(votes, { minLength: votes.length }), (shuffled) => {
        expect(reputationUpdates(d, shuffled, current)).toEqual(reputationUpdates(d, votes, current));
      }),
    );
  });
});
