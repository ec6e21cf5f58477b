import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { ConfigError } from "../config/app-origins";
import type { DbHandle } from "../db/client";
import { rateLimitWindows } from "../db/schema";
import { createTestDb } from "../db/test-db";
import { clientAddress } from "./client-address";
import { takeRateLimit } from "./rate-limit";
import { CLIENT_FACTOR, parseRateLimit, rateLimitRule } from "./rate-limit-rules";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(() => handle.close());
afterEach(() => {
  delete process.env.RATE_LIMIT_VOTES;
});

it("allows the limit per window, refuses beyond with Retry-After, and forgets windows nobody can hit any more", async () => {
  process.env.RATE_LIMIT_VOTES = "2/60";
  const t0 = new Date("2026-01-01T00:00:10Z");
  const alice = { address: "0xA11CE00000000000000000000000000000000001", client: "10.0.0.1" };
  await takeRateLimit(handle.db, "votes", alice, t0);
  await takeRateLimit(handle.db, "votes", alice, t0);
  await expect(takeRateLimit(handle.db, "votes", alice, t0)).rejects.toMatchObject({ status: 429, code: "rate_limited", headers: { "retry-after": "50" } });
  // Another address on the same client still has room: the client counts CLIENT_FACTOR times the rule.
  await takeRateLimit(handle.db, "votes", { address: "0xB0B0000000000000000000000000000000000002", client: "10.0.0.1" }, t0);
  await takeRateLimit(handle.db, "votes", alice, new Date("2026-01-01T00:01:05Z"));
  // Two hours later the first windows are gone.
  await takeRateLimit(handle.db, "votes", alice, new Date("2026-01-01T02:00:00Z"));
  const rows = await handle.db.select().from(rateLimitWindows);
  expect(rows.every((r) => r.windowStart >= new Date("2026-01-01T01:00:00Z"))).toBe(true);
});

it("counts anonymous requests per client and signed-in ones also per client at a multiple", async () => {
  process.env.RATE_LIMIT_VOTES = "1/60";
  const t0 = new Date("2026-02-01T00:00:00Z");
  await takeRateLimit(handle.db, "votes", { client: "10.0.0.9" }, t0);
  await expect(takeRateLimit(handle.db, "votes", { client: "10.0.0.9" }, t0)).rejects.toMatchObject({ status: 429 });
  await takeRateLimit(handle.db, "votes", { client: "10.0.0.10" }, t0);
  const many = Array.from({ length: CLIENT_FACTOR + 1 }, (_, i) => `0x${String(i + 1).padStart(40, "0")}`);
  const results = await Promise.allSettled(many.map((address) => takeRateLimit(handle.db, "votes", { address, client: "10.0.0.11" }, t0)));
  expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(CLIENT_FACTOR);
});

it("reads limits from RATE_LIMIT_<NAME> and refuses malformed ones", () => {
  expect(rateLimitRule("sign-in", { RATE_LIMIT_SIGN_IN: "5/30" })).toEqual({ limit: 5, windowSeconds: 30 });
  expect(rateLimitRule("votes", {})).toEqual({ limit: 120, windowSeconds: 60 });
  for (const bad of ["20", "0/60", "5/0", "5/7200", "-1/60", "a/b"]) expect(() => parseRateLimit(bad, "RATE_LIMIT_VOTES")).toThrow(ConfigError);
});

it("believes X-Forwarded-For only as far as TRUST_PROXY says", () => {
  const headers = new Headers({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.2" });
  // No trusted proxy and no server of ours stamping the socket address: the header proves nothing.
  expect(clientAddress(headers, {})).toBeNull();
  expect(clientAddress(headers, { TRUST_PROXY: "1" })).toBe("10.0.0.2");
  expect(clientAddress(headers, { TRUST_PROXY: "2" })).toBe("203.0.113.7");
  expect(clientAddress(new Headers({ "x-forwarded-for": "not an ip" }), { TRUST_PROXY: "1" })).toBeNull();
  expect(() => clientAddress(headers, { TRUST_PROXY: "yes" })).toThrow(ConfigError);
});
