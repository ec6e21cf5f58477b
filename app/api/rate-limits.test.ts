import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { count } from "drizzle-orm";
import { NextRequest } from "next/server";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { grantValidator } from "@/lib/curation/admin";
import { useDatabase, type DbHandle } from "@/lib/db/client";
import { accounts, sessions, submissions, votes } from "@/lib/db/schema";
import { createTestDb } from "@/lib/db/test-db";
import { RATE_LIMITS } from "@/lib/http/rate-limit-rules";
import { submissionRow } from "@/lib/testing/fixtures";
import { holdClockAtMinuteStart } from "@/lib/testing/rate-window-clock";
import { errorOf, jsonRequest, sessionCookie, TEST_ORIGIN } from "@/lib/testing/requests";
import { fetchNonce, postSignIn, siweMessage } from "@/lib/testing/sign-in";
import { signedVote } from "@/lib/testing/votes";
import { GET as nonceRoute } from "./auth/nonce/route";
import { POST as voteRoute } from "./votes/route";

/** The default limits, as a stranger meets them; each burst comes from its own client address behind a trusted proxy. */
let handle: DbHandle;
beforeAll(async () => {
  for (const name of Object.keys(process.env)) if (name.startsWith("RATE_LIMIT_")) delete process.env[name];
  Object.assign(process.env, { LOG_LEVEL: "silent", TRUST_PROXY: "1", RPC_URL: "http://127.0.0.1:1" });
  handle = await createTestDb();
  useDatabase(handle);
});
afterAll(async () => {
  delete process.env.TRUST_PROXY;
  await handle.close();
});

const statuses = (responses: Response[]) => responses.map((r) => r.status);

let releaseClock = () => {};
beforeEach(() => {
  releaseClock = holdClockAtMinuteStart();
});
afterEach(() => releaseClock());

describe("bursts meet the default limits with 429 and Retry-After", () => {
  it("300 nonce requests from one client: the first 30 pass", async () => {
    const from = { "x-forwarded-for": "203.0.113.10" };
    const results: Response[] = [];
    for (let i = 0; i < 300; i++) results.push(await nonceRoute(new NextRequest(`${TEST_ORIGIN}/api/auth/nonce`, { headers: from })));
    expect(statuses(results).filter((s) => s === 200)).toHaveLength(RATE_LIMITS.nonce.rule.limit);
    const refused = results.at(-1) as Response;
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await errorOf(refused)).code).toBe("rate_limited");
    // Another client is not affected.
    expect((await nonceRoute(new NextRequest(`${TEST_ORIGIN}/api/auth/nonce`, { headers: { "x-forwarded-for": "203.0.113.11" } }))).status).toBe(200);
  });

  it("50 bad sign-ins from one client: the first 20 are judged, the rest refused unread", async () => {
    const wallet = privateKeyToAccount(generatePrivateKey());
    const { nonce, cookie } = await fetchNonce();
    const message = siweMessage(wallet.address, nonce);
    const forged = await privateKeyToAccount(generatePrivateKey()).signMessage({ message });
    const results: Response[] = [];
    for (let i = 0; i < 50; i++) results.push(await postSignIn({ message, signature: forged }, { cookie, "x-forwarded-for": "203.0.113.20" }));
    expect(statuses(results).slice(0, RATE_LIMITS["sign-in"].rule.limit).every((s) => s === 401)).toBe(true);
    expect(statuses(results).slice(RATE_LIMITS["sign-in"].rule.limit).every((s) => s === 429)).toBe(true);
    const [row] = await handle.db.select({ n: count() }).from(sessions);
    expect(row?.n).toBe(0);
  });

  it("a validator's burst of votes: the first 120 are counted", async () => {
    const author = "0x" + "a1".repeat(20);
    await handle.db.insert(accounts).values({ address: author });
    const ids = (await handle.db.insert(submissions).values(Array.from({ length: 130 }, (_, i) => submissionRow(1000 + i, author))).returning()).map((r) => r.id);
    const validator = privateKeyToAccount(generatePrivateKey());
    await grantValidator(handle.db, validator.address);
    const cookie = await sessionCookie(handle.db, validator.address);
    const results: Response[] = [];
    for (const id of ids)
      results.push(await voteRoute(jsonRequest("/api/votes", await signedVote(handle.db, validator, id, "accept", 3), cookie, "POST", { "x-forwarded-for": "203.0.113.30" })));
    expect(statuses(results).filter((s) => s === 201)).toHaveLength(RATE_LIMITS.votes.rule.limit);
    expect(statuses(results).slice(RATE_LIMITS.votes.rule.limit).every((s) => s === 429)).toBe(true);
    const [row] = await handle.db.select({ n: count() }).from(votes);
    expect(row?.n).toBe(RATE_LIMITS.votes.rule.limit);
  });
});
