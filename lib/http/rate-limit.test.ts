import { afterAll, beforeAll, expect, it } from "vitest";
import type { DbHandle } from "../db/client";
import { rateLimitWindows } from "../db/schema";
import { createTestDb } from "../db/test-db";
import { parseRateLimit, takeRateLimit } from "./rate-limit";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(() => handle.close());

it("allows the limit per window, refuses beyond with Retry-After, and forgets old windows", async () => {
  const rule = parseRateLimit("2/60", { limit: 99, windowSeconds: 1 });
  expect(rule).toEqual({ limit: 2, windowSeconds: 60 });
  const t0 = new Date("2026-01-01T00:00:10Z");
  await takeRateLimit(handle.db, "k", rule, t0);
  await takeRateLimit(handle.db, "k", rule, t0);
  await expect(takeRateLimit(handle.db, "k", rule, t0)).rejects.toMatchObject({ status: 429, headers: { "retry-after": "50" } });
  await takeRateLimit(handle.db, "k", rule, new Date("2026-01-01T00:01:05Z"));
  const rows = await handle.db.select().from(rateLimitWindows);
  expect(rows).toHaveLength(1);
  expect(rows[0]?.hits).toBe(1);
});
