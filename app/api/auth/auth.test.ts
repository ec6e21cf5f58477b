import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { count } from "drizzle-orm";
import { NextRequest } from "next/server";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { appOrigins, ConfigError } from "@/lib/config/app-origins";
import { checkConfiguration } from "@/lib/config/startup-checks";
import { useDatabase, type DbHandle } from "@/lib/db/client";
import { authNonces, sessions } from "@/lib/db/schema";
import { createTestDb } from "@/lib/db/test-db";
import { relaxedRateLimits } from "@/lib/testing/rate-limits";
import { TEST_ORIGIN } from "@/lib/testing/requests";
import { fetchNonce, postSignIn, signIn, siweMessage } from "@/lib/testing/sign-in";
import { GET as meRoute } from "../me/route";
import { POST as logoutRoute } from "./logout/route";

const wallet = privateKeyToAccount(generatePrivateKey());
const stranger = privateKeyToAccount(generatePrivateKey());

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
  useDatabase(handle);
  Object.assign(process.env, relaxedRateLimits(), { LOG_LEVEL: "silent" });
});
afterAll(() => handle.close());

async function sessionCount() {
  const [row] = await handle.db.select({ n: count() }).from(sessions);
  return row?.n ?? 0;
}

async function expectRefused(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(0);
  expect(res.headers.get("set-cookie") ?? "").not.toMatch(/cp_session=[^;]/);
}

/** Signs `message` with the wallet and posts it from the browser holding `cookie`. */
async function post(message: string, cookie: string, headers: Record<string, string> = {}) {
  return postSignIn({ message, signature: await wallet.signMessage({ message }) }, { cookie, ...headers });
}

describe("sign-in with Ethereum", () => {
  let before = 0;
  beforeEach(async () => {
    before = await sessionCount();
  });

  it("signs in, reports the profile, and logs out revoking the session", async () => {
    const res = await signIn(wallet);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ address: wallet.address });
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/cp_session=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=lax/i);
    const token = /cp_session=([^;]+)/.exec(cookie)?.[1] ?? "";

    const headers = { cookie: `cp_session=${token}` };
    const me = await meRoute(new NextRequest(`${TEST_ORIGIN}/api/me`, { headers }));
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ address: wallet.address, roles: { validator: false, curator: false }, reputation: 0.5, slashes: [] });

    const out = await logoutRoute(
      new NextRequest(`${TEST_ORIGIN}/api/auth/logout`, { method: "POST", headers: { ...headers, origin: TEST_ORIGIN, "content-type": "application/json" }, body: "{}" }),
    );
    expect(out.status).toBe(200);
    await expectRefused(await meRoute(new NextRequest(`${TEST_ORIGIN}/api/me`, { headers })), 401, "unauthorized");
  });

  it("refuses a replayed nonce", async () => {
    const { nonce, cookie } = await fetchNonce();
    const msg = siweMessage(wallet.address, nonce);
    expect((await post(msg, cookie)).status).toBe(200);
    const countAfterFirst = await sessionCount();
    await expectRefused(await post(msg, cookie), 401, "invalid_nonce");
    expect(await sessionCount()).toBe(countAfterFirst);
  });

  it("refuses an unknown nonce", async () => {
    const { cookie } = await fetchNonce();
    await expectRefused(await post(siweMessage(wallet.address, "unknownnonce12345"), cookie), 401, "invalid_nonce");
    expect(await sessionCount()).toBe(before);
  });

  it("refuses an expired message", async () => {
    const { nonce, cookie } = await fetchNonce();
    await expectRefused(await post(siweMessage(wallet.address, nonce, { expirationTime: new Date(Date.now() - 1000) }), cookie), 401, "message_expired");
    expect(await sessionCount()).toBe(before);
  });

  it("refuses a message for another chain id", async () => {
    const { nonce, cookie } = await fetchNonce();
    await expectRefused(await post(siweMessage(wallet.address, nonce, { chainId: 1 }), cookie), 401, "wrong_chain");
    expect(await sessionCount()).toBe(before);
  });

  it("refuses a signature by another key", async () => {
    const { nonce, cookie } = await fetchNonce();
    const msg = siweMessage(wallet.address, nonce);
    await expectRefused(await postSignIn({ message: msg, signature: await stranger.signMessage({ message: msg }) }, { cookie }), 401, "bad_signature");
    expect(await sessionCount()).toBe(before);
  });

  it("refuses malformed bodies", async () => {
    await expectRefused(await postSignIn("{not json"), 400, "invalid_json");
    await expectRefused(await postSignIn({ message: 42 }), 400, "invalid_input");
    await expectRefused(await postSignIn({ message: "hello", signature: "0x1234" }), 400, "invalid_message");
    await expectRefused(await postSignIn({ message: "x", signature: "0x" + "a".repeat(20_000) }), 413, "payload_too_large");
    expect(await sessionCount()).toBe(before);
  });

  it("refuses /api/me without a session", async () => {
    await expectRefused(await meRoute(new NextRequest(`${TEST_ORIGIN}/api/me`)), 401, "unauthorized");
  });
});

describe("the expected domain comes from configuration, never from request headers", () => {
  afterEach(() => {
    delete process.env.APP_URL;
  });

  it("refuses a message signed for the Host a request claims (no APP_URL: http://localhost:$PORT)", async () => {
    const before = await sessionCount();
    const claims: Record<string, string>[] = [{ host: "evil.example" }, { "x-forwarded-host": "evil.example" }, { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" }];
    for (const headers of claims) {
      const { nonce, cookie } = await fetchNonce();
      const msg = siweMessage(wallet.address, nonce, { domain: "evil.example", uri: "https://evil.example" });
      await expectRefused(await post(msg, cookie, headers), 401, "wrong_domain");
    }
    expect(await sessionCount()).toBe(before);
  });

  it("refuses a message whose URI is on another site than its domain", async () => {
    const { nonce, cookie } = await fetchNonce();
    await expectRefused(await post(siweMessage(wallet.address, nonce, { uri: "https://evil.example/login" }), cookie), 401, "wrong_domain");
  });

  it("accepts each configured origin of APP_URL and nothing else", async () => {
    process.env.APP_URL = "https://commonplace.example, https://www.commonplace.example";
    const at = (origin: string) => ({ origin });
    for (const origin of ["https://commonplace.example", "https://www.commonplace.example"]) {
      const { nonce, cookie } = await fetchNonce();
      const msg = siweMessage(wallet.address, nonce, { domain: new URL(origin).host, uri: `${origin}/` });
      const res = await post(msg, cookie, at(origin));
      expect(res.status, origin).toBe(200);
      expect(res.headers.get("set-cookie")).toMatch(/; Secure/i);
    }
    const { nonce, cookie } = await fetchNonce();
    const local = siweMessage(wallet.address, nonce);
    await expectRefused(await post(local, cookie, at("https://commonplace.example")), 401, "wrong_domain");
  });

  it("requires APP_URL in production and refuses malformed values", () => {
    expect(() => appOrigins({ NODE_ENV: "production" })).toThrow(ConfigError);
    expect(() => checkConfiguration({ NODE_ENV: "production" })).toThrow(/APP_URL is required in production/);
    expect(() => appOrigins({ APP_URL: "commonplace.example" })).toThrow(/not a URL/);
    expect(appOrigins({})).toEqual(["http://localhost:3000"]);
    expect(appOrigins({ PORT: "3100" })).toEqual(["http://localhost:3100"]);
    expect(appOrigins({ NODE_ENV: "production", APP_URL: "https://a.example/app/ https://b.example" })).toEqual(["https://a.example", "https://b.example"]);
  });
});

describe("nonces", () => {
  it("are 128 random bits, never a shift of the previous one", async () => {
    const nonces: string[] = [];
    for (let i = 0; i < 50; i++) nonces.push((await fetchNonce()).nonce);
    expect(new Set(nonces).size).toBe(nonces.length);
    for (const n of nonces) expect(n).toMatch(/^[0-9a-f]{32}$/);
    for (let i = 1; i < nonces.length; i++) expect(nonces[i]?.slice(0, 8)).not.toBe(nonces[i - 1]?.slice(1, 9));
  });

  it("are bound to the browser that asked: an httpOnly, strict, short-lived cookie", async () => {
    const { setCookie, cookie } = await fetchNonce();
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=strict/i);
    expect(setCookie).toMatch(/Path=\/api\/auth/i);
    expect(setCookie).toMatch(/Max-Age=600/i);
    // The same browser keeps its binding, so sign-ins started in two tabs both work.
    expect((await fetchNonce(cookie)).cookie).toBe(cookie);
  });

  it("fetched in one browser cannot be redeemed from another, or without the cookie", async () => {
    const before = await sessionCount();
    const elsewhere = await fetchNonce();
    const here = await fetchNonce();
    const msg = siweMessage(wallet.address, elsewhere.nonce);
    await expectRefused(await post(msg, here.cookie), 401, "invalid_nonce");
    await expectRefused(await post(msg, ""), 401, "invalid_nonce");
    expect(await sessionCount()).toBe(before);
    // The refusals did not burn it: the browser that asked can still use it.
    expect((await post(msg, elsewhere.cookie)).status).toBe(200);
  });
});

describe("messages must parse completely as EIP-4361", () => {
  it("refuses a malformed Expiration Time instead of skipping the expiry check", async () => {
    const before = await sessionCount();
    const [nonceCount] = await handle.db.select({ n: count() }).from(authNonces);
    const { nonce, cookie } = await fetchNonce();
    const valid = siweMessage(wallet.address, nonce, { expirationTime: new Date("2000-01-01T00:00:00Z") });
    const junk = valid.replace(/Expiration Time: .*/, "Expiration Time: 2000-01-01T00:00:00Zjunk");
    await expectRefused(await post(junk, cookie), 400, "invalid_message");
    for (const broken of [
      `${siweMessage(wallet.address, nonce)}\nExtra: field`,
      siweMessage(wallet.address, nonce).replace(wallet.address, wallet.address.toLowerCase()),
      siweMessage(wallet.address, nonce).replace(/Issued At: .*/, "Issued At: yesterday"),
      siweMessage(wallet.address, nonce).replace("Version: 1", "Version: 2"),
    ])
      await expectRefused(await post(broken, cookie), 400, "invalid_message");
    expect(await sessionCount()).toBe(before);
    // Nothing was consumed: the nonce still signs in with a well-formed message.
    expect((await handle.db.select({ n: count() }).from(authNonces))[0]?.n).toBe((nonceCount?.n ?? 0) + 1);
    expect((await post(siweMessage(wallet.address, nonce), cookie)).status).toBe(200);
  });
});
