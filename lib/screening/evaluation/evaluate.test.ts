import { describe, expect, it } from "vitest";
import { EVALUATION_SETS, EVALUATION_TARGETS, evaluate, loadLabelledSet } from "./evaluate";

describe.each(EVALUATION_SETS.slice(0, 2))("screening on the $name", ({ path }) => {
  it("flags or refuses ≥ 90 % of bad items, passes ≥ 95 % of good ones and names their language", async () => {
    const e = await evaluate(loadLabelledSet(path), { timedRounds: 0 });
    expect(e.items.length).toBeGreaterThanOrEqual(100);
    expect(e.badCaught).toBeGreaterThanOrEqual(EVALUATION_TARGETS.badCaught);
    expect(e.goodPassed).toBeGreaterThanOrEqual(EVALUATION_TARGETS.goodPassed);
    expect(e.languageRight).toBeGreaterThanOrEqual(EVALUATION_TARGETS.languageRight);
    // Every near-empty post is refused outright, whatever its language.
    const empty = e.confusion["near-empty"];
    expect(empty.flagged + empty.passed).toBe(0);
  }, 60_000);
});
