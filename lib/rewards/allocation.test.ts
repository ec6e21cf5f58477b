import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateEpoch, apportion, rewardLeaves, type AllocateEpochInput } from "./allocation";

const addressArb = fc.integer({ min: 1, max: 12 }).map((n) => `0x${n.toString(16).padStart(40, "0")}`);
const mixedCase = (a: string) => a.replace(/[a-f]/g, (c) => c.toUpperCase());

const inputArb: fc.Arbitrary<AllocateEpochInput> = fc.record({
  budget: fc.bigInt({ min: 0n, max: 10n ** 27n }),
  contributions: fc.array(
    fc.record({ address: addressArb, quality: fc.oneof(fc.double({ min: 0, max: 5, noNaN: true }), fc.constantFrom(1, 3, 5)) }),
    { maxLength: 30 },
  ),
  validatorAgreements: fc.array(fc.record({ address: addressArb, agreedVotes: fc.nat(50) }), { maxLength: 10 }),
  contributorShareBps: fc.integer({ min: 0, max: 10_000 }),
  previousCumulative: fc
    .uniqueArray(fc.tuple(addressArb, fc.bigInt({ min: 0n, max: 10n ** 24n })), { selector: ([a]) => a, maxLength: 8 })
    .map((entries) => new Map(entries)),
});

const shuffledArb = inputArb.chain((input) =>
  fc.tuple(
    fc.constant(input),
    fc.shuffledSubarray([...input.contributions], { minLength: input.contributions.length }),
    fc.shuffledSubarray([...input.validatorAgreements], { minLength: input.validatorAgreements.length }),
  ),
);

const micro = (q: number) => BigInt(Math.round(q * 1_000_000));

describe("allocateEpoch", () => {
  it("pays exactly the budget whenever anyone has a positive weight, and nothing otherwise", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = allocateEpoch(input);
        const paid = result.allocations.reduce((s, a) => s + a.epochAmount, 0n);
        const anyone =
          input.contributions.some((c) => micro(c.quality) > 0n) || input.validatorAgreements.some((v) => v.agreedVotes > 0);
        expect(paid + result.unallocated).toBe(input.budget);
        expect(result.unallocated).toBe(anyone ? 0n : input.budget);
        expect(result.contributorPool + result.validatorPool).toBe(paid);
      }),
    );
  });

  it("never pays a negative amount and never lowers a cumulative amount", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        for (const a of allocateEpoch(input).allocations) {
          expect(a.contributorAmount).toBeGreaterThanOrEqual(0n);
          expect(a.validatorAmount).toBeGreaterThanOrEqual(0n);
          expect(a.epochAmount).toBe(a.contributorAmount + a.validatorAmount);
          expect(a.cumulative).toBe((input.previousCumulative.get(a.address) ?? 0n) + a.epochAmount);
        }
      }),
    );
  });

  it("pays each participant within 1 wei of its exact proportional share", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const result = allocateEpoch(input);
        const cw = new Map<string, bigint>();
        for (const c of input.contributions) cw.set(c.address, (cw.get(c.address) ?? 0n) + micro(c.quality));
        const vw = new Map<string, bigint>();
        for (const v of input.validatorAgreements) vw.set(v.address, (vw.get(v.address) ?? 0n) + BigInt(v.agreedVotes));
        const check = (pool: bigint, weights: Map<string, bigint>, amountOf: (address: string) => bigint) => {
          const total = [...weights.values()].reduce((s, w) => s + w, 0n);
          if (total === 0n) return;
          for (const [address, weight] of weights) {
            // |amount − pool·w/total| < 1  ⇔  |amount·total − pool·w| < total
            const diff = amountOf(address) * total - pool * weight;
            expect(diff < 0n ? -diff : diff).toBeLessThan(total);
          }
        };
        const find = (address: string) => result.allocations.find((a) => a.address === address);
        check(result.contributorPool, cw, (a) => find(a)?.contributorAmount ?? 0n);
        check(result.validatorPool, vw, (a) => find(a)?.validatorAmount ?? 0n);
      }),
    );
  });

  it("does not depend on the order (or the letter case) of its inputs", () => {
    fc.assert(
      fc.property(shuffledArb, ([input, contributions, validatorAgreements]) => {
        const shuffled = {
          ...input,
          contributions: contributions.map((c) => ({ ...c, address: mixedCase(c.address) })),
          validatorAgreements,
          previousCumulative: new Map([...input.previousCumulative].reverse()),
        };
        expect(allocateEpoch(shuffled)).toEqual(allocateEpoch(input));
      }),
    );
  });

  it("splits 70/30 by default and gives the whole budget to the only side with participants", () => {
    const a = "0x" + "a".repeat(40);
    const b = "0x" + "b".repeat(40);
    const none = new Map<string, bigint>();
    const both = allocateEpoch({
      budget: 1000n,
      contributions: [{ address: a, quality: 4 }],
      validatorAgreements: [{ address: b, agreedVotes: 3 }],
      previousCumulative: none,
    });
    expect(both.allocations.map((x) => [x.address, x.epochAmount])).toEqual([
      [a, 700n],
      [b, 300n],
    ]);
    const onlyValidators = allocateEpoch({ budget: 1000n, contributions: [], validatorAgreements: [{ address: b, agreedVotes: 1 }], previousCumulative: none });
    expect(onlyValidators.allocations).toEqual([{ address: b, contributorAmount: 0n, validatorAmount: 1000n, epochAmount: 1000n, cumulative: 1000n }]);
    const nobody = allocateEpoch({ budget: 1000n, contributions: [], validatorAgreements: [], previousCumulative: none });
    expect(nobody).toEqual({ allocations: [], contributorPool: 0n, validatorPool: 0n, unallocated: 1000n });
  });

  it("breaks equal remainders by address", () => {
    const w = new Map([
      ["0x" + "c".repeat(40), 1n],
      ["0x" + "a".repeat(40), 1n],
      ["0x" + "b".repeat(40), 1n],
    ]);
    expect([...apportion(2n, w)].sort()).toEqual([
      ["0x" + "a".repeat(40), 1n],
      ["0x" + "b".repeat(40), 1n],
      ["0x" + "c".repeat(40), 0n],
    ]);
  });

  it("rejects malformed input", () => {
    const none = new Map<string, bigint>();
    expect(() => allocateEpoch({ budget: -1n, contributions: [], validatorAgreements: [], previousCumulative: none })).toThrow();
    expect(() => allocateEpoch({ budget: 1n, contributions: [{ address: "0x12", quality: 1 }], validatorAgreements: [], previousCumulative: none })).toThrow();
    expect(() =>
      allocateEpoch({ budget: 1n, contributions: [{ address: "0x" + "a".repeat(40), quality: Number.NaN }], validatorAgreements: [], previousCumulative: none }),
    ).toThrow();
    expect(() =>
      allocateEpoch({ budget: 1n, contributions: [], validatorAgreements: [], previousCumulative: none, contributorShareBps: 10_001 }),
    ).toThrow();
  });
});

describe("rewardLeaves", () => {
  it("keeps earlier earners, updates this epoch's, and is sorted and monotone", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const { allocations } = allocateEpoch(input);
        const leaves = rewardLeaves(allocations, input.previousCumulative);
        const byAccount = new Map(leaves.map((l) => [l.account, l.amount]));
        expect(leaves.map((l) => l.account)).toEqual([...byAccount.keys()].sort());
        for (const [address, before] of input.previousCumulative) {
          if (before > 0n) expect(byAccount.get(address)).toBeGreaterThanOrEqual(before);
        }
        for (const a of allocations) if (a.cumulative > 0n) expect(byAccount.get(a.address)).toBe(a.cumulative);
        expect(leaves.every((l) => l.amount > 0n)).toBe(true);
      }),
    );
  });
});
