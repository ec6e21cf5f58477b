import { describe, expect, it } from "vitest";
import { availableParallelism } from "node:os";
import { ConfigError } from "./app-origins";
import { webConcurrency } from "./web-concurrency";

describe("WEB_CONCURRENCY", () => {
  it("is one process unless set; auto is one per core", () => {
    expect(webConcurrency({})).toBe(1);
    expect(webConcurrency({ WEB_CONCURRENCY: "3", DATABASE_URL: "postgres://db/app" })).toBe(3);
    expect(webConcurrency({ WEB_CONCURRENCY: "auto", DATABASE_URL: "postgres://db/app" })).toBe(availableParallelism());
  });

  it("refuses what is not a count, saying what to write", () => {
    for (const value of ["0", "-2", "two", "1.5", "10000"]) expect(() => webConcurrency({ WEB_CONCURRENCY: value, DATABASE_URL: "postgres://db/app" })).toThrow(ConfigError);
  });

  it("refuses several processes on the embedded database, which one process owns", () => {
    expect(() => webConcurrency({ WEB_CONCURRENCY: "2" })).toThrow(/PGlite.*DATABASE_URL/);
    expect(webConcurrency({ WEB_CONCURRENCY: "1" })).toBe(1);
  });
});
