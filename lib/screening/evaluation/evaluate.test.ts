import { describe, expect, it } from "vitest";
import { EVALUATION_TARGETS, evaluate, loadLabelledSet } from "./evaluate";

describe("screening on the labelled set", () => {
  it("flags or refuses ≥ 90 % of bad items, passes ≥ 95 % of good ones and names their language", async () => {
    const e = await evaluate(loadLabelledSet(), { timedRounds: 0 });
    expect(e.items.length).toBeGreaterThanOrEqual(200);
    expect(e.badCaught).toBeGreaterThanOrEqual(EVALUATION_TARGETS.badCaught);
    expect(e.goodPassed).toBeGreaterThanOrEqual(EVALUATION_TARGETS.goodPassed);
    expect(e.languageRight).toBeGreaterThanOrEqual(EVALUATION_TARGETS.languageRight);
    // Every near-empty post is refused outright, whatever its language.
    expect(e.confusion["near-empty"].refused).toBe(e.confusion["near-empty"].refused + e.confusion["near-empty"].flagged + e.confusion["near-empty"].passed);
  }, 60_000);
});
