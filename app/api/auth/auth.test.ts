import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { count } from "drizzle-orm";
import { NextRequest } from "next/server";
import { privateKeyToAccount, generatePrivateKey } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";
import { useDatabase, type DbHandle } from "@/lib/db/client";
import { sessions } from "@/lib/db/schema";
import { createTestDb } from "@/lib/db/test-db";
import { GET as nonceRoute } from "./nonce/route";
import { POST as verifyRoute } from "./verify/route";
import { POST as logoutRoute } from "./logout/route";
import { GET as meRoute } from "../me/route";

const ORIGIN = "http://localhost:3000";
const wallet = privateKeyToAccount(generatePrivateKey());
const stranger = privateKeyToAccount(generatePrivateKey());

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
  useDatabase(handle);
  process.env.LOG_LEVEL = "silent";
});
afterAll(() => handle.close());

async function freshNonce(): Promise<string> {
  const res = await nonceRoute(new NextRequest(`${ORIGIN}/api/auth/nonce`), undefined);
  expect(res.status).toBe(200);
  return ((await res.json()) as { nonce: string }).nonce;
}

function message(nonce: string, overrides: Partial<Parameters<typeof createSiweMessage>[0]> = {}) {
  return createSiweMessage({
    address: wallet.address,
    chainId: 31337,
    domain: "localhost:3000",
    uri: ORIGIN,
    nonce,
    version: "1",
    statement: "Sign in to Commonplace.",
    issuedAt: new Date(),
    ...overrides,
  });
}

function verify(body: unknown, raw = false) {
  return verifyRoute(
    new NextRequest(`${ORIGIN}/api/auth/verify`, {
      method: "POST",
      headers: { "content-type": "application/json", host: "localhost:3000" },
      body: raw ? (body as string) : JSON.stringify(body),
    }),
    undefined,
  );
}

async function sessionCount() {
  const [row] = await handle.db.select({ n: count() }).from(sessions);
  return row?.n ?? 0;
}

async function expectRefused(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(res.headers.get("set-cookie")).toBeNull();
}

describe("sign-in with Ethereum", () => {
  let before = 0;
  beforeEach(async () => {
    before = await sessionCount();
  });

  it("signs in, reports the profile, and logs out revoking the session", async () => {
    const msg = message(await freshNonce());
    const res = await verify({ message: msg, signature: await wallet.signMessage({ message: msg }) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ address: wallet.address });
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/cp_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=lax/i);
    const token = /cp_session=([^;]+)/.exec(cookie)?.[1] ?? "";

    const headers = { cookie: `cp_session=${token}` };
    const me = await meRoute(new NextRequest(`${ORIGIN}/api/me`, { headers }), undefined);
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({ address: wallet.address, roles: { validator: false, curator: false }, reputation: 0.5 });

    const out = await logoutRoute(new NextRequest(`${ORIGIN}/api/auth/logout`, { method: "POST", headers }), undefined);
    expect(out.status).toBe(200);
    const after = await meRoute(new NextRequest(`${ORIGIN}/api/me`, { headers }), undefined);
    await expectRefused(after, 401, "unauthorized");
  });

  it("refuses a replayed nonce", async () => {
    const msg = message(await freshNonce());
    const signature = await wallet.signMessage({ message: msg });
    expect((await verify({ message: msg, signature })).status).toBe(200);
    const countAfterFirst = await sessionCount();
    await expectRefused(await verify({ message: msg, signature }), 401, "invalid_nonce");
    expect(await sessionCount()).toBe(countAfterFirst);
  });

  it("refuses an unknown nonce", async () => {
    const msg = message("unknownnonce12345");
    await expectRefused(await verify({ message: msg, signature: await wallet.signMessage({ message: msg }) }), 401, "invalid_nonce");
    expect(await sessionCount()).toBe(before);
  });

  it("refuses an expired message", async () => {
    const msg = message(await freshNonce(), { expirationTime: new Date(Date.now() - 1000) });
    await expectRefused(await verify({ message: msg, signature: await wallet.signMessage({ message: msg }) }), 401, "message_expired");
    expect(await sessionCount()).toBe(before);
  });

  it("refuses a message for another domain", async () => {
    const msg = message(await freshNonce(), { domain: "evil.example", uri: "https://evil.example" });
    await expectRefused(await verify({ message: msg, signature: await wallet.signMessage({ message: msg }) }), 401, "wrong_domain");
    expect(await sessionCount()).toBe(before);
  });

  it("refuses a message for another chain id", async () => {
    const msg = message(await freshNonce(), { chainId: 1 });
    await expectRefused(await verify({ message: msg, signature: await wallet.signMessage({ message: msg }) }), 401, "wrong_chain");
    expect(await sessionCount()).toBe(before);
  });

  it("refuses a signature by another key", async () => {
    const msg = message(await freshNonce());
    await expectRefused(await verify({ message: msg, signature: await stranger.signMessage({ message: msg }) }), 401, "bad_signature");
    expect(await sessionCount()).toBe(before);
  });

  it("refuses malformed bodies", async () => {
    await expectRefused(await verify("{not json", true), 400, "invalid_json");
    await expectRefused(await verify({ message: 42 }), 400, "invalid_input");
    await expectRefused(await verify({ message: "hello", signature: "0x1234" }), 400, "invalid_message");
    await expectRefused(await verify({ message: "x", signature: "0x" + "a".repeat(20_000) }), 413, "payload_too_large");
    expect(await sessionCount()).toBe(before);
  });

  it("refuses /api/me without a session", async () => {
    await expectRefused(await meRoute(new NextRequest(`${ORIGIN}/api/me`), undefined), 401, "unauthorized");
  });
});
