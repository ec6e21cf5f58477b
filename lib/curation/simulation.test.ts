import { describe, expect, it } from "vitest";
import { compareFlaggedFirst, compareWeightings, simulate, SIMULATION_DEFAULTS } from "./simulation";

const seeds = ["seed-1", "seed-2"];

describe("simulation", () => {
  it.each([
    ["half random, half colluding", 0.5],
    ["all colluding", 1],
  ])("weighting beats plain majority with bad validators %s", (_, colludingShareOfBad) => {
    const rows = compareWeightings({ ...SIMULATION_DEFAULTS, colludingShareOfBad }, [0.1, 0.3, 0.45], seeds);
    for (const row of rows) {
      expect(row.minDelta).toBeGreaterThanOrEqual(0);
      // reputation itself, not just extra votes on uneven splits, earns the gain
      expect(row.weighted.accuracy).toBeGreaterThan(row.shuffled.accuracy);
    }
    const at30 = rows.find((r) => r.badShare === 0.3);
    expect(at30?.minDelta).toBeGreaterThan(0.02);
    expect(at30?.weighted.meanReputation.honest).toBeGreaterThan(0.85);
    expect(at30?.weighted.meanReputation.colluding).toBeLessThan(0.75);
  });

  it("is reproducible, and equals majority when reputation cannot move", () => {
    const config = { ...SIMULATION_DEFAULTS, items: 300, seed: "fixed", badShare: 0.3, colludingShareOfBad: 0.5 };
    expect(simulate(config, "reputation")).toEqual(simulate(config, "reputation"));
    const frozen = { ...config, goldRate: 0, reputation: { ...config.reputation, consensusRate: 0 } };
    const { meanReputation: _m, ...majority } = simulate(frozen, "majority");
    const { meanReputation: _w, ...weighted } = simulate(frozen, "reputation");
    expect(weighted).toEqual(majority);
  });

  it("serving flagged items to trusted validators first costs fewer reviews per flagged item and lets less spam through", () => {
    const base = { ...SIMULATION_DEFAULTS, colludingShareOfBad: 0.5 };
    for (const row of compareFlaggedFirst(base, { flagSpam: 0.9, flagGood: 0.05 }, [0.3, 0.45], seeds)) {
      expect(row.on.flagged.items).toBe(row.off.flagged.items);
      expect(row.on.flagged.meanVotes).toBeLessThan(row.off.flagged.meanVotes);
      expect(row.on.spamAccepted).toBeLessThan(row.off.spamAccepted);
      expect(row.on.accuracy).toBeGreaterThanOrEqual(row.off.accuracy);
    }
  });
});
