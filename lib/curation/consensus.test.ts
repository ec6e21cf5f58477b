import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  acceptShare,
  CONSENSUS_DEFAULTS,
  consensusParams,
  decide,
  NO_CONSENSUS,
  REJECTED_BY_VALIDATORS,
  type VoteInput,
  voteAgrees,
  voteWeight,
} from "./consensus";

let n = 0;
/** A vote by a validator of `reputation` (default 0.5), counting with the weight that reputation gives. */
type Over = Partial<Omit<VoteInput, "weight">> & { reputation?: number };
const vote = (verdict: "accept" | "reject", { reputation = 0.5, ...over }: Over = {}): VoteInput => ({
  validator: `0x${(++n).toString(16).padStart(40, "0")}`,
  verdict,
  quality: 3,
  flags: [],
  weight: voteWeight(reputation),
  ...over,
});
const accept = (over: Over = {}) => vote("accept", over);
const reject = (over: Over = {}) => vote("reject", over);

describe("decide", () => {
  it("waits for the quorum", () => {
    expect(decide([])).toEqual({ kind: "pending" });
    expect(decide([accept(), accept()])).toEqual({ kind: "pending" });
    expect(decide([reject({ reputation: 1 }), reject({ reputation: 1 })])).toEqual({ kind: "pending" });
  });

  it("accepts unanimous votes with the mean quality", () => {
    expect(decide([accept({ quality: 5 }), accept({ quality: 4 }), accept({ quality: 3 })])).toEqual({
      kind: "accepted",
      quality: 4,
      acceptShare: 1,
    });
  });

  it("accepts at exactly 2/3 and rejects at exactly 1/3 of equal weights", () => {
    expect(decide([accept(), accept(), reject()])).toMatchObject({ kind: "accepted" });
    expect(decide([accept(), reject(), reject()])).toMatchObject({ kind: "rejected", reason: REJECTED_BY_VALIDATORS });
    for (const w of [0.1, 0.3, 0.7, 0.9, 1]) {
      expect(decide([accept({ reputation: w }), accept({ reputation: w }), reject({ reputation: w })]).kind).toBe("accepted");
      expect(decide([accept({ reputation: w }), reject({ reputation: w }), reject({ reputation: w })]).kind).toBe("rejected");
    }
  });

  it("weights votes by reputation: two weak accepts do not outvote a strong reject", () => {
    const votes = [accept({ reputation: 0.5 }), accept({ reputation: 0.5 }), reject({ reputation: 0.9 })];
    // 2·0.25 / (2·0.25 + 0.81) ≈ 0.38: between the thresholds
    expect(acceptShare(votes)).toBeCloseTo(0.5 / 1.31, 12);
    expect(decide(votes)).toEqual({ kind: "pending" });
    expect(decide([...votes, reject({ reputation: 0.5 })])).toMatchObject({ kind: "rejected" });
    expect(decide([...votes, accept({ reputation: 0.9 })])).toEqual({ kind: "pending" }); // (0.5 + 0.81) / 2.12 ≈ 0.62
    expect(decide([...votes, accept({ reputation: 0.9 }), accept({ reputation: 0.9 })])).toMatchObject({ kind: "accepted" });
  });

  it("rejects for lack of consensus at maxVotes", () => {
    const split = [accept({ reputation: 1 }), accept({ reputation: 1 }), accept({ reputation: 1 }), reject({ reputation: 1 }), reject({ reputation: 1 })];
    expect(decide(split)).toEqual({ kind: "pending" });
    expect(decide([...split, reject({ reputation: 1 })])).toEqual({ kind: "pending" });
    expect(decide([...split, reject({ reputation: 1 }), accept({ reputation: 1 })])).toEqual({
      kind: "rejected",
      reason: NO_CONSENSUS,
      acceptShare: 4 / 7,
    });
  });

  it("lets zero-reputation validators count a little (the weight floor)", () => {
    expect(voteWeight(0)).toBe(CONSENSUS_DEFAULTS.minWeight);
    expect(voteWeight(Number.NaN)).toBe(CONSENSUS_DEFAULTS.minWeight);
    expect(voteWeight(-3)).toBe(CONSENSUS_DEFAULTS.minWeight);
    expect(voteWeight(7)).toBe(1);
    const zero = { reputation: 0 };
    expect(decide([accept(zero), accept(zero), reject(zero)])).toMatchObject({ kind: "accepted", acceptShare: 2 / 3 });
    expect(decide([accept(zero), reject(zero), reject(zero)])).toMatchObject({ kind: "rejected" });
  });

  it("takes quality from the accepting votes only, weighted", () => {
    const d = decide([accept({ quality: 5, reputation: 1 }), accept({ quality: 2, reputation: 0.5 }), accept({ quality: 1, reputation: 0 }), reject({ quality: 1, reputation: 0 })]);
    // weights 1, 0.25, 0.05 (floor) on the accepts; the reject's quality is ignored
    expect(d).toMatchObject({ kind: "accepted" });
    expect(d.kind === "accepted" && d.quality).toBeCloseTo((5 + 0.5 + 0.05) / 1.3, 12);
  });

  it("gives the flag carrying the most rejecting weight as the reason", () => {
    const strong = { reputation: 1 };
    const weak = { reputation: 0.3 };
    expect(
      decide([reject({ ...strong, flags: ["offensive"] }), reject({ ...weak, flags: ["spam"] }), reject({ ...weak, flags: ["spam"] })]),
    ).toMatchObject({ kind: "rejected", reason: "offensive" });
    expect(
      decide([reject({ flags: ["spam", "spam"] }), reject({ flags: ["off-topic"] }), reject({ flags: ["off-topic", "duplicate"] })]),
    ).toMatchObject({ reason: "off-topic" });
    // a tie goes to the alphabetically first flag
    expect(decide([reject({ flags: ["spam"] }), reject({ flags: ["duplicate"] }), reject()])).toMatchObject({ reason: "duplicate" });
    // flags on accepting votes do not count
    expect(
      decide([accept({ flags: ["spam"] }), accept({ flags: ["spam"] }), reject({ flags: ["low quality"] }), reject({ flags: [] }), reject(), reject(), reject()]),
    ).toMatchObject({ kind: "rejected", reason: "low quality" });
  });

  it("refuses inputs the votes table cannot hold", () => {
    const a = accept();
    expect(() => decide([a, { ...a, verdict: "reject" }, accept()])).toThrow(RangeError);
    expect(() => decide([accept({ quality: 0 }), accept(), accept()])).toThrow(RangeError);
    expect(() => decide([accept({ quality: 6 }), accept(), accept()])).toThrow(RangeError);
    expect(() => decide([accept({ quality: 2.5 }), accept(), accept()])).toThrow(RangeError);
  });
});

describe("consensusParams", () => {
  it("merges overrides into the defaults", () => {
    expect(consensusParams({ quorum: 5, maxVotes: 9 })).toEqual({ ...CONSENSUS_DEFAULTS, quorum: 5, maxVotes: 9 });
    expect(decide([accept(), accept(), accept()], consensusParams({ quorum: 4 }))).toEqual({ kind: "pending" });
  });

  it("refuses nonsense", () => {
    expect(() => consensusParams({ quorum: 0 })).toThrow(RangeError);
    expect(() => consensusParams({ quorum: 8 })).toThrow(RangeError);
    expect(() => consensusParams({ acceptThreshold: 0.3 })).toThrow(RangeError);
    expect(() => consensusParams({ minWeight: 0 })).toThrow(RangeError);
    expect(() => consensusParams({ weightExponent: 0 })).toThrow(RangeError);
    expect(() => decide([], { ...CONSENSUS_DEFAULTS, maxVotes: 1 })).toThrow(RangeError);
  });
});

describe("voteAgrees", () => {
  it("compares a verdict with the decision, and with nothing when there is none", () => {
    expect(voteAgrees({ kind: "accepted", quality: 3, acceptShare: 1 }, "accept")).toBe(true);
    expect(voteAgrees({ kind: "accepted", quality: 3, acceptShare: 1 }, "reject")).toBe(false);
    expect(voteAgrees({ kind: "rejected", reason: "spam", acceptShare: 0 }, "reject")).toBe(true);
    expect(voteAgrees({ kind: "rejected", reason: "spam", acceptShare: 0 }, "accept")).toBe(false);
    expect(voteAgrees({ kind: "rejected", reason: NO_CONSENSUS, acceptShare: 0.5 }, "reject")).toBeNull();
    expect(voteAgrees({ kind: "pending" }, "accept")).toBeNull();
  });
});

const flagArb = fc.constantFrom("spam", "duplicate", "personal data", "offensive", "off-topic", "low quality");
const votesArb = fc.uniqueArray(
  fc.record({
    validator: fc.stringMatching(/^0x[0-9a-f]{6}$/),
    verdict: fc.constantFrom("accept" as const, "reject" as const),
    quality: fc.integer({ min: 1, max: 5 }),
    flags: fc.array(flagArb, { maxLength: 3 }),
    weight: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 0.5, 1)).map((reputation) => voteWeight(reputation)),
  }),
  { selector: (v) => v.validator, maxLength: 9 },
);

describe("decide, properties", () => {
  it("does not depend on the order of the votes", () => {
    fc.assert(
      fc.property(
        votesArb.chain((votes) => fc.tuple(fc.constant(votes), fc.shuffledSubarray(votes, { minLength: votes.length }))),
        ([votes, shuffled]) => {
          expect(decide(shuffled)).toEqual(decide(votes));
          expect(acceptShare(shuffled)).toBe(acceptShare(votes));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("decides exactly as the thresholds say", () => {
    fc.assert(
      fc.property(votesArb, (votes) => {
        const d = decide(votes);
        const share = acceptShare(votes);
        const p = CONSENSUS_DEFAULTS;
        if (votes.length < p.quorum) {
          expect(d).toEqual({ kind: "pending" });
          return;
        }
        if (d.kind === "accepted") {
          expect(share).toBeGreaterThanOrEqual(p.acceptThreshold - 1e-9);
          expect(d.quality).toBeGreaterThanOrEqual(1);
          expect(d.quality).toBeLessThanOrEqual(5);
        } else if (d.kind === "rejected" && d.reason === NO_CONSENSUS) {
          expect(votes.length).toBeGreaterThanOrEqual(p.maxVotes);
          expect(share).toBeGreaterThan(p.rejectThreshold);
          expect(share).toBeLessThan(p.acceptThreshold);
        } else if (d.kind === "rejected") {
          expect(share).toBeLessThanOrEqual(p.rejectThreshold + 1e-9);
          const rejectFlags = new Set<string>(votes.filter((v) => v.verdict === "reject").flatMap((v) => v.flags));
          if (rejectFlags.size > 0) expect(rejectFlags.has(d.reason)).toBe(true);
          else expect(d.reason).toBe(REJECTED_BY_VALIDATORS);
        } else {
          expect(votes.length).toBeLessThan(p.maxVotes);
          expect(share).toBeGreaterThan(p.rejectThreshold);
          expect(share).toBeLessThan(p.acceptThreshold);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it("with equal weights is the plain count: accepted at ≥ 2/3 of the votes, rejected at ≤ 1/3", () => {
    fc.assert(
      fc.property(votesArb, fc.double({ min: 0, max: 1, noNaN: true }), (votes, w) => {
        const equal = votes.map((v) => ({ ...v, weight: voteWeight(w) }));
        const accepts = equal.filter((v) => v.verdict === "accept").length;
        const d = decide(equal);
        if (equal.length < 3) expect(d.kind).toBe("pending");
        else if (3 * accepts >= 2 * equal.length) expect(d.kind).toBe("accepted");
        else if (3 * accepts <= equal.length) expect(d).toMatchObject({ kind: "rejected" });
        else expect(d.kind === "pending" || (d.kind === "rejected" && d.reason === NO_CONSENSUS)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("never lowers the accept share when an accept vote is added", () => {
    fc.assert(
      fc.property(votesArb, fc.double({ min: 0, max: 1, noNaN: true }), (votes, weight) => {
        const more = [...votes, { validator: "0xffffffff", verdict: "accept" as const, quality: 3, flags: [], weight: voteWeight(weight) }];
        expect(acceptShare(more)).toBeGreaterThanOrEqual(acceptShare(votes) - 1e-12);
      }),
    );
  });
});
