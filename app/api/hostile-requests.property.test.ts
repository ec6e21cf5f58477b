import { readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { inArray } from "drizzle-orm";
import { NextRequest } from "next/server";
import { useDatabase, type DbHandle } from "@/lib/db/client";
import { accounts, exportJobs, submissions } from "@/lib/db/schema";
import { createTestDb } from "@/lib/db/test-db";
import { submissionRow } from "@/lib/testing/fixtures";
import { relaxedRateLimits } from "@/lib/testing/rate-limits";
import { sessionCookie, TEST_ORIGIN } from "@/lib/testing/requests";
import { tableDigest } from "@/lib/testing/table-digest";
import * as logout from "./auth/logout/route";
import * as nonce from "./auth/nonce/route";
import * as verify from "./auth/verify/route";
import * as file from "./datasets/[ref]/files/[name]/route";
import * as dataset from "./datasets/[ref]/route";
import * as datasets from "./datasets/route";
import * as gold from "./gold/route";
import * as me from "./me/route";
import * as queue from "./queue/route";
import * as rewards from "./rewards/[address]/route";
import * as publication from "./snapshots/[epoch]/publication/route";
import * as snapshots from "./snapshots/route";
import * as submissionRoutes from "./submissions/route";
import * as tags from "./tags/route";
import * as validatorsMe from "./validators/me/route";
import * as validators from "./validators/route";
import * as votes from "./votes/route";
import * as snapshotExport from "./snapshots/[epoch]/export/route";
import * as health from "./health/route";
import * as slashEvidenceFile from "./slashes/evidence/[hash]/route";
import * as slashEvidence from "./slashes/evidence/route";
import * as slashReports from "./slashes/route";
import * as failingValidators from "./validators/failing/route";
import * as votingKey from "./voting-keys/[key]/route";
import * as votingKeys from "./voting-keys/route";

type Handler = (request: NextRequest, context?: { params: Promise<Record<string, string>> }) => Promise<Response>;
type Endpoint = { path: string; params: string[]; methods: Record<string, Handler>; body?: Record<string, unknown> };

/** Every route file, with a body it would accept from our pages (mutated below into hostile ones). */
const ENDPOINTS: Endpoint[] = [
  { path: "/api/auth/nonce", params: [], methods: nonce },
  { path: "/api/auth/verify", params: [], methods: verify, body: { message: "localhost:3000 wants you to sign in", signature: "0x00" } },
  { path: "/api/auth/logout", params: [], methods: logout, body: {} },
  { path: "/api/me", params: [], methods: me },
  { path: "/api/submissions", params: [], methods: submissionRoutes, body: { content: "Text", sourceUrl: "https://example.org", tags: ["a"], license: "CC0-1.0", issuedAt: 1, signature: "0x" } },
  { path: "/api/queue", params: [], methods: queue },
  { path: "/api/votes", params: [], methods: votes, body: { submissionId: "00000000-0000-4000-8000-000000000000", verdict: "accept", quality: 3, flags: [], issuedAt: 1, signature: "0x" + "11".repeat(65) } },
  { path: "/api/voting-keys", params: [], methods: votingKeys, body: { key: "0x" + "44".repeat(20), expiresAt: 2_000_000_000, signature: "0x00" } },
  { path: "/api/voting-keys/:key", params: ["key"], methods: votingKey, body: {} },
  { path: "/api/gold", params: [], methods: gold, body: { content: "Gold", tags: ["gold"], answer: "reject" } },
  { path: "/api/validators", params: [], methods: validators, body: { address: "0x" + "33".repeat(20) } },
  { path: "/api/validators/me", params: [], methods: validatorsMe },
  { path: "/api/tags", params: [], methods: tags },
  { path: "/api/datasets", params: [], methods: datasets },
  { path: "/api/datasets/:ref", params: ["ref"], methods: dataset },
  { path: "/api/datasets/:ref/files/:name", params: ["ref", "name"], methods: file },
  { path: "/api/rewards/:address", params: ["address"], methods: rewards },
  { path: "/api/snapshots", params: [], methods: snapshots, body: {} },
  { path: "/api/validators/failing", params: [], methods: failingValidators },
  { path: "/api/slashes", params: [], methods: slashReports, body: { txHash: "0x" + "ab".repeat(32) } },
  { path: "/api/slashes/evidence", params: [], methods: slashEvidence, body: { validator: "0x" + "c0".repeat(20) } },
  { path: "/api/slashes/evidence/:hash", params: ["hash"], methods: slashEvidenceFile },
  { path: "/api/snapshots/:epoch/publication", params: ["epoch"], methods: publication, body: { txHash: "0x" + "ab".repeat(32) } },
  { path: "/api/snapshots/:epoch/export", params: ["epoch"], methods: snapshotExport },
  { path: "/api/health", params: [], methods: health },
];

const TRICKY = ["\u0000", "\ud800", "\udfff", "\u202e", "\u0085", "\r\n", "../", "%00", "%2e%2e%2f", "'; drop table accounts; --", "<script>", "0x", "-1", "1e308", "NaN", "null", "🙂"];

const hostileString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom(...TRICKY),
  fc.nat({ max: 200_000 }).map((n) => "x".repeat(n)),
);
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    hostileString,
    fc.integer(),
    fc.constantFrom(Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e308, -1e308, -0, 0.5),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(hostileString, tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** A body a client could send: a mutated version of the accepted one, arbitrary JSON, or not JSON at all. */
function bodies(template: Record<string, unknown> | undefined): fc.Arbitrary<string | undefined> {
  const mutated = fc
    .tuple(fc.constant(template ?? {}), fc.dictionary(fc.constantFrom(...Object.keys(template ?? { x: 0 }), "__proto__", "constructor", "extra"), hostileValue, { maxKeys: 3 }))
    .map(([base, changes]) => JSON.stringify({ ...base, ...changes }));
  return fc.oneof(mutated, fc.jsonValue().map((v) => JSON.stringify(v)), hostileString, fc.constant(undefined));
}

const headerSets = fc.record(
  {
    origin: fc.constantFrom(TEST_ORIGIN, "https://evil.example", "null", "", "http://localhost:3000.evil.example"),
    "content-type": fc.constantFrom("application/json", "application/json; charset=utf-8", "text/plain", "multipart/form-data; boundary=x", "application/json\u0000"),
    "sec-fetch-site": fc.constantFrom("same-origin", "cross-site", "none"),
    "x-forwarded-for": fc.constantFrom("1.2.3.4", "::1, 10.0.0.1", "garbage, ,", "999.999.999.999"),
    range: fc.constantFrom("bytes=0-10", "bytes=-5", "bytes=10-0", "bytes=abc", "bytes=0-1,2-3", "bytes=99999999999999999999-"),
    "if-none-match": fc.constantFrom('"abc"', "*", "W/\"x\""),
    "accept-encoding": fc.constantFrom("gzip", "br;q=0", "\u00ff"),
  },
  { requiredKeys: [] },
);

let handle: DbHandle;
let dir: string;
let cookies: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "hostile-"));
  Object.assign(process.env, relaxedRateLimits(), { LOG_LEVEL: "silent", RPC_URL: "http://127.0.0.1:1", SNAPSHOT_DIR: dir, DEPLOYMENTS_DIR: join(dir, "none") });
  handle = await createTestDb();
  useDatabase(handle);
  const curator = "0x" + "c0".repeat(20);
  const author = "0x" + "a0".repeat(20);
  await handle.db.insert(accounts).values([{ address: curator, roles: ["curator", "validator"] }, { address: author }]);
  await handle.db.insert(submissions).values(submissionRow(1, author));
  cookies = [
    await sessionCookie(handle.db, curator as `0x${string}`),
    await sessionCookie(handle.db, author as `0x${string}`),
    "cp_session=" + "A".repeat(43),
    "cp_session=%00%ff; cp_siwe=\u00e9",
    "cp_session=" + "x".repeat(8_000),
  ];
});
afterAll(async () => {
  await handle.close();
  await rm(dir, { recursive: true, force: true });
});

const request = fc.record({
  endpoint: fc.constantFrom(...ENDPOINTS),
  methodPick: fc.nat(),
  params: fc.array(fc.oneof(hostileString, fc.constantFrom("1", "latest", "data.jsonl", "0x" + "a0".repeat(20), "99999999999", "-1")), { minLength: 2, maxLength: 3 }),
  query: fc.dictionary(fc.constantFrom("limit", "cursor", "status", "tag", "mine", "x"), hostileString, { maxKeys: 3 }),
  headers: headerSets,
  cookie: fc.nat(),
  body: fc.constant(null),
}).chain((r) => bodies(r.endpoint.body).map((body) => ({ ...r, body })));

it("lists every route file under app/api", () => {
  const files = readdirSync("app/api", { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith("route.ts"));
  const paths = files.map((f) => `/api/${dirname(f)}`.replace(/\[([^\]]+)\]/g, ":$1")).sort();
  expect(ENDPOINTS.map((e) => e.path).sort()).toEqual(paths);
});

/** What any site's page may read (lib/http/cors.ts): the published data, nothing behind a session, nothing that writes. */
const PUBLIC_DATA = new Set(["/api/datasets", "/api/datasets/:ref", "/api/datasets/:ref/files/:name"]);

it("lets other sites read public data only: CORS on GET, HEAD and OPTIONS of the datasets, on no other endpoint or method", async () => {
  for (const endpoint of ENDPOINTS) {
    for (const [method, handler] of Object.entries(endpoint.methods)) {
      const path = endpoint.params.reduce((p, name) => p.replace(`:${name}`, "1"), endpoint.path);
      const res = await handler(
        new NextRequest(`${TEST_ORIGIN}${path}`, {
          method,
          headers: { origin: "https://notebook.example", cookie: cookies[0] ?? "", "content-type": "application/json" },
          body: method === "GET" || method === "HEAD" ? undefined : JSON.stringify(endpoint.body ?? {}),
        }),
        { params: Promise.resolve(Object.fromEntries(endpoint.params.map((name) => [name, "1"]))) },
      );
      const shared = PUBLIC_DATA.has(endpoint.path) && ["GET", "HEAD", "OPTIONS"].includes(method);
      expect(res.headers.get("access-control-allow-origin"), `${method} ${path}`).toBe(shared ? "*" : null);
    }
  }
});

it("answers generated hostile requests to every route handler without a 5xx, and refusals change nothing", async () => {
  await fc.assert(
    fc.asyncProperty(request, async (r) => {
      const methods = Object.keys(r.endpoint.methods);
      const method = methods[r.methodPick % methods.length] ?? "GET";
      const handler = r.endpoint.methods[method] as Handler;
      const params = Object.fromEntries(r.endpoint.params.map((name, i) => [name, r.params[i] ?? ""]));
      // A URL can only carry well-formed text; the handler still gets the raw value as its parameter.
      const path = r.endpoint.params.reduce((p, name) => p.replace(`:${name}`, encodeURIComponent((params[name] ?? "").toWellFormed())), r.endpoint.path);
      const search = new URLSearchParams(r.query).toString();
      const headers = new Headers();
      for (const [name, value] of Object.entries(r.headers)) {
        try {
          headers.set(name, value);
        } catch {
          // A value no HTTP client could send (Headers refuses it) never reaches a route.
        }
      }
      headers.set("cookie", cookies[r.cookie % cookies.length] ?? "");
      const before = await tableDigest(handle.db);
      const res = await handler(
        new NextRequest(`${TEST_ORIGIN}${path}${search ? `?${search}` : ""}`, { method, headers, body: method === "GET" || method === "HEAD" ? undefined : r.body }),
        { params: Promise.resolve(params) },
      );
      const text = await res.text();
      expect(res.status, `${method} ${path} → ${text.slice(0, 200)}`).toBeLessThan(500);
      // An accepted snapshot request goes on exporting after its answer (this process's export worker): let the job
      // end before the next request's tables are compared.
      if (res.ok && r.endpoint.path === "/api/snapshots")
        await vi.waitUntil(async () => (await handle.db.select().from(exportJobs).where(inArray(exportJobs.state, ["queued", "running"]))).length === 0, { timeout: 60_000, interval: 50 });
      if (res.status >= 400) {
        expect(JSON.parse(text)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
        expect(await tableDigest(handle.db), `${method} ${path} changed data while refusing`).toEqual(before);
      }
    }),
    { numRuns: Number(process.env.HOSTILE_RUNS ?? 2_000), seed: process.env.HOSTILE_SEED ? Number(process.env.HOSTILE_SEED) : undefined },
  );
}, 600_000);
