import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { sql } from "drizzle-orm";
import { NextRequest, NextResponse } from "next/server";
import { z } from "zod";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { openDatabase, useDatabase, type DbHandle } from "../db/client";
import { accounts } from "../db/schema";
import { createTestDb } from "../db/test-db";
import { relaxedRateLimits } from "../testing/rate-limits";
import { holdClockAtMinuteStart } from "../testing/rate-window-clock";
import { errorOf, getRequest, jsonRequest, sessionCookie } from "../testing/requests";
import { route } from "./route";

const SECRET = "0xsecret-signature-and-body-text";
let handle: DbHandle;
let logs: string[] = [];

beforeAll(async () => {
  Object.assign(process.env, relaxedRateLimits(), { LOG_LEVEL: "info", RPC_URL: "http://127.0.0.1:1" });
  handle = await createTestDb();
  useDatabase(handle);
});
afterAll(async () => {
  process.env.LOG_LEVEL = "silent";
  await handle.close();
});
const capture = () => {
  logs = [];
  const keep = (chunk: string | Uint8Array) => {
    logs.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, "write").mockImplementation(keep);
  vi.spyOn(process.stderr, "write").mockImplementation(keep);
};
afterEach(() => {
  vi.restoreAllMocks();
  useDatabase(handle);
});

describe("failures show nothing of the request, in the answer or the log", () => {
  it("a failed query is a 500 without internals, logged as its code and query name, never its SQL parameters", async () => {
    const handler = route({ auth: "public", limit: "reads", body: z.object({ text: z.string() }) }, async ({ db, body }) => {
      await db.execute(sql`select ${body.text}::int`);
      return NextResponse.json({});
    });
    capture();
    const res = await handler(jsonRequest("/api/x", { text: SECRET }));
    vi.restoreAllMocks();
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain(SECRET);
    expect(JSON.parse(text)).toEqual({ error: { code: "internal", message: "Something went wrong on our side." } });
    const line = logs.find((l) => l.includes("request_failed")) ?? "";
    expect(JSON.parse(line)).toMatchObject({ level: "error", event: "request_failed", method: "POST", path: "/api/x", error: { code: "22P02", query: "select" } });
    expect(logs.join("")).not.toContain(SECRET);
    expect(logs.join("")).not.toMatch(/params|Failed query/);
  });

  it("a refusal logs its code, not the body or the cookie", async () => {
    const handler = route({ auth: "session", limit: "reads" }, async () => NextResponse.json({}));
    capture();
    const res = await handler(getRequest("/api/x", `cp_session=${SECRET}`));
    vi.restoreAllMocks();
    expect(res.status).toBe(401);
    expect(logs.join("")).toContain('"code":"unauthorized"');
    expect(logs.join("")).not.toContain(SECRET);
  });

  it("an unreachable database is a 503 with Retry-After, not a 500", async () => {
    const down = await openDatabase({ DATABASE_URL: "postgres://postgres@127.0.0.1:1/none" });
    useDatabase(down);
    const handler = route({ auth: "public", limit: "reads" }, async () => NextResponse.json({}));
    capture();
    const res = await handler(getRequest("/api/x"));
    vi.restoreAllMocks();
    await down.close();
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    expect((await errorOf(res)).code).toBe("unavailable");
  });
});

describe("the declared rules", () => {
  const curator = privateKeyToAccount(generatePrivateKey());
  const member = privateKeyToAccount(generatePrivateKey());
  const ok = async () => NextResponse.json({ ok: true });

  it("checks roles: 403 for a signed-in account without the role", async () => {
    await handle.db.insert(accounts).values({ address: curator.address.toLowerCase(), roles: ["curator"] });
    const curatorOnly = route({ auth: "curator", limit: "reads" }, ok);
    const validatorOnly = route({ auth: "validator", limit: "reads" }, ok);
    const memberCookie = await sessionCookie(handle.db, member.address);
    expect((await curatorOnly(getRequest("/api/x", await sessionCookie(handle.db, curator.address)))).status).toBe(200);
    const refused = await curatorOnly(getRequest("/api/x", memberCookie));
    expect(refused.status).toBe(403);
    expect((await errorOf(refused)).code).toBe("not_curator");
    expect((await errorOf(await validatorOnly(getRequest("/api/x", memberCookie)))).code).toBe("not_validator");
  });

  it("validates path parameters (404) and the query (400 naming the field)", async () => {
    const handler = route(
      { auth: "public", limit: "reads", params: z.object({ epoch: z.string().regex(/^\d+$/) }), query: z.object({ limit: z.coerce.number().int().max(5, "limit is at most 5.") }) },
      ok,
    );
    expect((await handler(getRequest("/api/x?limit=2"), { params: Promise.resolve({ epoch: "7" }) })).status).toBe(200);
    expect((await handler(getRequest("/api/x?limit=2"), { params: Promise.resolve({ epoch: "../7" }) })).status).toBe(404);
    const bad = await handler(getRequest("/api/x?limit=50"), { params: Promise.resolve({ epoch: "7" }) });
    expect(bad.status).toBe(400);
    expect(await errorOf(bad)).toMatchObject({ code: "invalid_input", field: "limit", message: "limit is at most 5." });
  });

  it("adds HSTS to every answer, refusals included, when the app is configured for https", async () => {
    const handler = route({ auth: "session", limit: "reads" }, ok);
    expect((await handler(getRequest("/api/x"))).headers.get("strict-transport-security")).toBeNull();
    process.env.APP_URL = "https://commonplace.example";
    const refused = await handler(getRequest("/api/x"));
    delete process.env.APP_URL;
    expect(refused.status).toBe(401);
    expect(refused.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
  });

  it("shares public data with any origin on reads and refusals alike, never on a write, and never by default", async () => {
    const shared = route({ auth: "public", limit: "reads", cors: true }, ok);
    const notebook = { origin: "https://notebook.example" };
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      const res = await shared(new NextRequest("http://localhost:3000/api/x", { method, headers: notebook }));
      expect(res.headers.get("access-control-allow-origin"), method).toBe("*");
    }
    const write = await shared(jsonRequest("/api/x", {}, undefined, "POST", notebook));
    expect(write.status).toBe(403);
    expect(write.headers.get("access-control-allow-origin")).toBeNull();
    const plain = route({ auth: "public", limit: "reads" }, ok);
    expect((await plain(getRequest("/api/x", undefined, notebook))).headers.get("access-control-allow-origin")).toBeNull();
  });

  it("counts every endpoint against its named limit: 429 with Retry-After", async () => {
    process.env.RATE_LIMIT_GOLD = "2/60";
    process.env.TRUST_PROXY = "1";
    const handler = route({ auth: "public", limit: "gold" }, ok);
    const from = (ip: string) => handler(getRequest("/api/x", undefined, { "x-forwarded-for": ip }));
    const statuses = [];
    const releaseClock = holdClockAtMinuteStart();
    for (let i = 0; i < 3; i++) statuses.push((await from("192.0.2.1")).status);
    const other = await from("192.0.2.2");
    releaseClock();
    delete process.env.TRUST_PROXY;
    process.env.RATE_LIMIT_GOLD = "100000/60";
    expect(statuses).toEqual([200, 200, 429]);
    expect(other.status).toBe(200);
  });
});
