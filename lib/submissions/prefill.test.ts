import { expect, it } from "vitest";
import { prefillFromQuery } from "./prefill";

it("prefills from a share link, normalizing tags and dropping invalid ones", () => {
  expect(prefillFromQuery({ url: "https://example.org/a", text: "Hello", tags: "Machine Learning,c++,  rust ,rust" })).toEqual({
    content: "Hello",
    sourceUrl: "https://example.org/a",
    tags: ["machine-learning", "rust"],
  });
});

it("clips oversized values and tolerates repeated or missing parameters", () => {
  const out = prefillFromQuery({ text: ["x".repeat(20_000), "y"], tags: undefined });
  expect(out.content).toHaveLength(10_000);
  expect(out.sourceUrl).toBe("");
  expect(out.tags).toEqual([]);
});
