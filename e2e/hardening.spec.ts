import { spawnSync } from "node:child_process";
import { RPC_URL, PUBLIC_RPC_URL } from "./fixtures/chain";
import { signInAs } from "./fixtures/session";
import { expect, test } from "./fixtures/test";

const PAGES = ["/", "/submit", "/validate", "/datasets", "/rewards", "/curator", "/no-such-page"];

test("no page carries the session token or the server's RPC URL in its HTML, and scripts cannot read the token", async ({ page }) => {
  await signInAs(page, 0, "/curator");
  const session = (await page.context().cookies()).find((c) => c.name === "cp_session");
  expect(session?.value, "signed in").toBeTruthy();
  expect(session?.httpOnly).toBe(true);
  const token = session?.value ?? "";
  for (const path of PAGES) {
    // As the browser loads it, and as the server sends it with the session cookie.
    await page.goto(path);
    expect(await page.content(), path).not.toContain(token);
    const html = await (await page.request.get(path)).text();
    expect(html, path).not.toContain(token);
    expect(html, path).not.toContain(RPC_URL);
    expect(html, path).toContain(PUBLIC_RPC_URL);
  }
  expect(await page.evaluate(() => document.cookie)).not.toContain("cp_session");
});

test("pages carry a nonce-based Content-Security-Policy that their own scripts follow", async ({ page }) => {
  const nonces = new Set<string>();
  for (const path of PAGES) {
    const res = await page.request.get(path);
    const policy = res.headers()["content-security-policy"] ?? "";
    const scriptSrc = /script-src ([^;]+)/.exec(policy)?.[1] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(scriptSrc)?.[1] ?? "";
    expect(nonce, path).toMatch(/^[A-Za-z0-9+/=]{22,}$/);
    expect(scriptSrc, path).not.toContain("unsafe-inline");
    expect(scriptSrc, path).toContain("'strict-dynamic'");
    expect(policy, path).toContain("frame-ancestors 'none'");
    expect(policy, path).toContain("object-src 'none'");
    expect(/connect-src ([^;]+)/.exec(policy)?.[1], path).toBe(`'self' ${new URL(PUBLIC_RPC_URL).origin}`);
    const html = await res.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
    nonces.add(nonce);
  }
  expect(nonces.size, "a fresh nonce per response").toBe(PAGES.length);
});

test("every answer carries the security headers: pages, API, files and static assets", async ({ page, request }) => {
  await page.goto("/");
  const asset = await page.evaluate(() => document.querySelector<HTMLScriptElement>("script[src*='/_next/static/']")?.src ?? "");
  expect(asset).toContain("/_next/static/");
  for (const url of ["/", "/datasets", "/api/datasets", "/api/auth/nonce", "/api/me", "/api/datasets/latest/files/data.jsonl", asset]) {
    const res = await request.get(url);
    const headers = res.headers();
    expect(headers["x-content-type-options"], url).toBe("nosniff");
    expect(headers["referrer-policy"], url).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], url).toContain("camera=()");
    // Served over plain http here: HSTS only comes with an https APP_URL (unit-tested).
    expect(headers["strict-transport-security"], url).toBeUndefined();
    if (url.startsWith("/api/")) expect(headers["content-security-policy"], url).toBe("default-src 'none'; frame-ancestors 'none'");
  }
});

test("in production the server refuses to start without APP_URL or on the demo's local chain, saying what to set", async () => {
  const run = spawnSync(process.execPath, [require.resolve("tsx/cli"), "scripts/serve.ts"], {
    env: { ...process.env, NODE_ENV: "production", APP_URL: "", PORT: "0", PGLITE_DIR: "memory://", LOG_LEVEL: "info" },
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(run.status).toBe(1);
  expect(run.stderr).toContain("APP_URL is required in production");

  // With APP_URL, the demo's local chain (its burner wallet and faucet) is refused next, until allowed on purpose.
  const local = spawnSync(process.execPath, [require.resolve("tsx/cli"), "scripts/serve.ts"], {
    env: { ...process.env, NODE_ENV: "production", APP_URL: "https://commonplace.example", CHAIN_ID: "", ALLOW_LOCAL_CHAIN: "", PORT: "0", PGLITE_DIR: "memory://", LOG_LEVEL: "info" },
    encoding: "utf8",
    timeout: 60_000,
  });
  expect(local.status).toBe(1);
  expect(local.stderr).toContain("CHAIN_ID is 31337, the local anvil chain with its burner wallet and faucet");
});
