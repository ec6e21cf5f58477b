import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NextRequest } from "next/server";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { useDatabase, type DbHandle } from "@/lib/db/client";
import { accounts, submissions } from "@/lib/db/schema";
import { createTestDb } from "@/lib/db/test-db";
import { submissionTypedData } from "@/lib/submissions/typed-data";
import { votingKeyTypedData } from "@/lib/curation/vote-typed-data";
import { submissionRow } from "@/lib/testing/fixtures";
import { signedVote } from "@/lib/testing/votes";
import { relaxedRateLimits } from "@/lib/testing/rate-limits";
import { errorOf, sessionCookie, TEST_ORIGIN } from "@/lib/testing/requests";
import { fetchNonce, siweMessage } from "@/lib/testing/sign-in";
import { tableDigest } from "@/lib/testing/table-digest";
import { NextRequest as Request } from "next/server";
import { POST as logout } from "./auth/logout/route";
import { POST as verify } from "./auth/verify/route";
import { POST as gold } from "./gold/route";
import { POST as slashEvidence } from "./slashes/evidence/route";
import { POST as slashReport } from "./slashes/route";
import { POST as snapshots } from "./snapshots/route";
import { POST as publication } from "./snapshots/[epoch]/publication/route";
import { POST as submit } from "./submissions/route";
import { POST as grant } from "./validators/route";
import { POST as vote } from "./votes/route";
import { DELETE as revokeKey } from "./voting-keys/[key]/route";
import { POST as registerKey } from "./voting-keys/route";

const curator = privateKeyToAccount(generatePrivateKey());
let handle: DbHandle;
let cookie = "";
let itemId = "";

beforeAll(async () => {
  Object.assign(process.env, relaxedRateLimits(), { LOG_LEVEL: "silent", RPC_URL: "http://127.0.0.1:1" });
  handle = await createTestDb();
  useDatabase(handle);
  await handle.db.insert(accounts).values([{ address: curator.address.toLowerCase(), roles: ["curator", "validator"] }, { address: "0x" + "11".repeat(20) }]);
  const [row] = await handle.db.insert(submissions).values(submissionRow(1, "0x" + "11".repeat(20))).returning();
  itemId = row?.id ?? "";
  cookie = await sessionCookie(handle.db, curator.address);
});
afterAll(() => handle.close());

describe("every route handler goes through the one guard", () => {
  it("exports nothing but handlers built by route(…)", () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else if (entry.name === "route.ts") files.push(join(dir, entry.name));
      }
    };
    walk(join(process.cwd(), "app"));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const exports = readFileSync(file, "utf8").match(/^export .*$/gm) ?? [];
      expect(exports.length, relative(process.cwd(), file)).toBeGreaterThan(0);
      for (const line of exports) expect(line, relative(process.cwd(), file)).toMatch(/^export const (GET|HEAD|OPTIONS|POST|PUT|PATCH|DELETE) = route\(/);
    }
  });
});

type Write = { name: string; send: (headers: Record<string, string>) => Promise<Response> };

async function signedSubmission() {
  const fields = { content: `A cross-site attempt to submit this item from a page on another origin ${Math.random()}`, tags: ["security"], license: "CC0-1.0" as const, issuedAt: Math.floor(Date.now() / 1000) };
  return { ...fields, signature: await curator.signTypedData(submissionTypedData({ ...fields, contributor: curator.address }, 31337)) };
}

function request(path: string, body: unknown, headers: Record<string, string>, method = "POST"): NextRequest {
  return new Request(`${TEST_ORIGIN}${path}`, { method, headers: { cookie, ...headers }, body: JSON.stringify(body) });
}

/** Each state-changing endpoint with a body it would accept from our own pages. */
async function writes(): Promise<Write[]> {
  const submission = await signedSubmission();
  const { nonce, cookie: binding } = await fetchNonce();
  const message = siweMessage(curator.address, nonce);
  const signIn = { message, signature: await curator.signMessage({ message }) };
  const epoch = { params: Promise.resolve({ epoch: "1" }) };
  const ballot = await signedVote(handle.db, curator, itemId, "accept", 4);
  const key = privateKeyToAccount(generatePrivateKey());
  const expiresAt = Math.floor(Date.now() / 1000) + 3600;
  const delegation = { key: key.address, expiresAt, signature: await curator.signTypedData(votingKeyTypedData({ validator: curator.address, key: key.address, expiresAt }, 31337)) };
  return [
    { name: "submission", send: (h) => submit(request("/api/submissions", submission, h)) },
    { name: "vote", send: (h) => vote(request("/api/votes", ballot, h)) },
    { name: "voting key", send: (h) => registerKey(request("/api/voting-keys", delegation, h)) },
    { name: "voting key revocation", send: (h) => revokeKey(request(`/api/voting-keys/${key.address}`, {}, h, "DELETE"), { params: Promise.resolve({ key: key.address }) }) },
    { name: "sign-in", send: (h) => verify(request("/api/auth/verify", signIn, { ...h, cookie: binding })) },
    { name: "logout", send: (h) => logout(request("/api/auth/logout", {}, h)) },
    { name: "snapshot", send: (h) => snapshots(request("/api/snapshots", {}, h)) },
    { name: "publication", send: (h) => publication(request("/api/snapshots/1/publication", { txHash: `0x${"ab".repeat(32)}` }, h), epoch) },
    { name: "validator grant", send: (h) => grant(request("/api/validators", { address: "0x" + "22".repeat(20) }, h)) },
    { name: "gold item", send: (h) => gold(request("/api/gold", { content: `A gold item with a known answer that measures how validators vote ${Math.random()}`, tags: ["gold"], answer: "reject" }, h)) },
    { name: "slash evidence", send: (h) => slashEvidence(request("/api/slashes/evidence", { validator: curator.address }, h)) },
    { name: "slash report", send: (h) => slashReport(request("/api/slashes", { txHash: `0x${"ab".repeat(32)}` }, h)) },
  ];
}

const json = { "content-type": "application/json" };
const HOSTILE: Record<string, Record<string, string>> = {
  "a foreign Origin": { ...json, origin: "https://evil.example" },
  "Origin null": { ...json, origin: "null" },
  "a sibling origin on another port": { ...json, origin: "http://localhost:3001" },
  "no Origin at all": json,
  "no Origin, Sec-Fetch-Site cross-site": { ...json, "sec-fetch-site": "cross-site" },
  "no Origin, Sec-Fetch-Site same-site": { ...json, "sec-fetch-site": "same-site" },
  "text/plain from our origin": { "content-type": "text/plain", origin: TEST_ORIGIN },
  "a form from our origin": { "content-type": "application/x-www-form-urlencoded", origin: TEST_ORIGIN },
  "no content type": { origin: TEST_ORIGIN },
};

describe("cross-site writes", () => {
  for (const [label, headers] of Object.entries(HOSTILE)) {
    it(`refuses every state-changing request with ${label}: 403 cross_site, nothing changed`, async () => {
      const list = await writes();
      const before = await tableDigest(handle.db);
      for (const write of list) {
        const res = await write.send(headers);
        expect(res.status, write.name).toBe(403);
        expect((await errorOf(res)).code, write.name).toBe("cross_site");
        expect(res.headers.get("set-cookie"), write.name).toBeNull();
      }
      expect(await tableDigest(handle.db)).toEqual(before);
    });
  }

  it("accepts the same requests from our own pages (Origin, or Sec-Fetch-Site: same-origin)", async () => {
    const all = await writes();
    const send = (name: string, headers: Record<string, string>) => all.find((w) => w.name === name)?.send(headers);
    expect((await send("submission", { ...json, origin: TEST_ORIGIN }))?.status).toBe(201);
    expect((await send("vote", { ...json, "sec-fetch-site": "same-origin" }))?.status).toBe(201);
    expect((await send("voting key", { ...json, origin: TEST_ORIGIN }))?.status).toBe(201);
    expect((await send("sign-in", { ...json, origin: TEST_ORIGIN }))?.status).toBe(200);
  });
});
