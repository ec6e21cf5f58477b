import { describe, expect, it } from "vitest";
import { normalizedHash, normalizeText } from "./normalize";
import { detectPersonalData } from "./personal-data";
import { estimatedJaccard, lshBands, minhash, NEAR_DUPLICATE_JACCARD, signatureBytes } from "./minhash";

const stored = (text: string) => signatureBytes(minhash(text));
import { isValidTag, normalizeTag } from "./tags";

const ARTICLE =
  "Retrieval augmented generation combines a language model with a search index so that answers cite sources. " +
  "The retriever finds passages, the generator conditions on them, and evaluation checks faithfulness against the passages. " +
  "Chunk size, embedding model and re-ranking all change the quality of what the model sees before it answers.";

describe("exact duplicates", () => {
  it("ignore case, whitespace and Unicode compatibility forms", () => {
    expect(normalizeText("  Hello\n\tWORLD  ")).toBe("hello world");
    expect(normalizedHash("Ｈｅｌｌｏ　world")).toBe(normalizedHash("hello world"));
    expect(normalizedHash("hello world")).not.toBe(normalizedHash("hello, world"));
  });
});

describe("near duplicates", () => {
  it("estimate a lightly edited copy above the threshold and another text far below", () => {
    const edited = ARTICLE.replace("combines", "pairs").replace("all change", "each change");
    const other = "Sourdough needs a lively starter, a long cold proof and a very hot oven with steam for the first twenty minutes of the bake.";
    expect(estimatedJaccard(stored(ARTICLE), stored(ARTICLE.toUpperCase()))).toBe(1);
    expect(estimatedJaccard(stored(ARTICLE), stored(edited))).toBeGreaterThanOrEqual(NEAR_DUPLICATE_JACCARD);
    expect(estimatedJaccard(stored(ARTICLE), stored(other))).toBeLessThan(0.1);
  });

  it("put a lightly edited copy in a shared LSH band and an unrelated text in none", () => {
    const edited = ARTICLE.replace("quality", "usefulness");
    const other = "Tide tables depend on the moon, the sun and the shape of the coastline, so two nearby harbours can differ by an hour.";
    const bands = new Set(lshBands(minhash(ARTICLE)));
    expect(lshBands(minhash(edited)).some((b) => bands.has(b))).toBe(true);
    expect(lshBands(minhash(other)).some((b) => bands.has(b))).toBe(false);
  });
});

describe("personal data", () => {
  it("flags emails and phone numbers but not years or prices", () => {
    expect(detectPersonalData("write to jane.doe@example.org today")).toEqual(["email"]);
    expect(detectPersonalData("call +1 (415) 555-0132 now")).toEqual(["phone"]);
    expect(detectPersonalData("(415) 555-0132 or 0044 20 7946 0958")).toEqual(["phone"]);
    expect(detectPersonalData("in 2024 it cost 1,299.00 dollars")).toEqual([]);
    expect(detectPersonalData("build 1795532199878 of 2024-01-15")).toEqual([]);
  });
});

describe("tags", () => {
  it("normalize to lowercase hyphenated words", () => {
    expect(normalizeTag("  Machine Learning_101 ")).toBe("machine-learning-101");
    expect(isValidTag("machine-learning")).toBe(true);
    expect(isValidTag("c++")).toBe(false);
    expect(isValidTag("")).toBe(false);
    expect(isValidTag("a".repeat(33))).toBe(false);
  });
});
