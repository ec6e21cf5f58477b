import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { eq } from "drizzle-orm";
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";
import { freshDatabase, startAppServer, type AppServer } from "@/lib/bench/app-server";
import { LOCAL_CHAIN_ID } from "@/lib/chain/config";
import { grantValidator } from "@/lib/curation/admin";
import type { DbHandle } from "@/lib/db/client";
import { accounts, decisions, exportJobs, submissions, votes } from "@/lib/db/schema";
import { dropDatabase } from "@/lib/db/server-databases";
import { relaxedRateLimits } from "@/lib/testing/rate-limits";
import { startS3Server, type S3TestServer } from "@/lib/testing/s3-server";
import { signedVote } from "@/lib/testing/votes";
import { contentHash } from "@/lib/submissions/typed-data";
import { submissionRow } from "@/lib/testing/fixtures";

/**
 * Two production servers on one Postgres database, as a deployment behind a load balancer runs
 * them: votes, rate limits and the export queue must hold across processes, not just inside one.
 * The second is itself a cluster of two processes (WEB_CONCURRENCY=2), so three processes share the
 * database. PGlite is a single process's database, so this runs when DATABASE_URL names a server.
 */
const serverUrl = process.env.DATABASE_URL;
const DB_NAME = "commonplace_two_servers";
const READS_LIMIT = 6;

let dir: string;
let handle: DbHandle;
const servers: AppServer[] = [];
const logs: string[] = [];
const curator = privateKeyToAccount(generatePrivateKey());
const validators = Array.from({ length: 20 }, () => privateKeyToAccount(generatePrivateKey()));
const cookies = new Map<string, string>();
let itemId = "";
let bucket: S3TestServer | undefined;

test.describe.configure({ mode: "serial" });
test.skip(!serverUrl, "two processes need a database server: set DATABASE_URL");

test.beforeAll(async () => {
  test.setTimeout(180_000);
  dir = mkdtempSync(join(tmpdir(), "two-servers-"));
  const fresh = await freshDatabase(serverUrl ?? "", DB_NAME);
  handle = fresh.handle;
  await handle.db.insert(accounts).values({ address: curator.address.toLowerCase(), roles: ["curator"] });
  for (const v of validators) await grantValidator(handle.db, v.address);
  const author = "0x" + "a7".repeat(20);
  await handle.db.insert(accounts).values({ address: author });
  const text = "One item that twenty validators review at the same moment, through two servers.";
  const [row] = await handle.db.insert(submissions).values(submissionRow(1, author, { content: text, contentHash: contentHash(text) })).returning({ id: submissions.id });
  itemId = row?.id ?? "";

  if (process.env.TEST_SNAPSHOT_STORE === "s3") bucket = await startS3Server("two-servers");
  const env = {
    ...relaxedRateLimits(),
    RATE_LIMIT_READS: `${READS_LIMIT}/60`,
    DATABASE_URL: fresh.url,
    ...(bucket ? bucket.env : { SNAPSHOT_DIR: join(dir, "snapshots") }),
    DEPLOYMENTS_DIR: join(dir, "deployments"),
    EXPORT_POLL_MS: "100",
    LOG_LEVEL: "info",
  };
  for (const name of ["a", "b"] as const) {
    const log = join(dir, `server-${name}.log`);
    logs.push(log);
    servers.push(await startAppServer({ ...env, WEB_CONCURRENCY: name === "b" ? "2" : "1" }, log));
  }
  // Everyone signs in on one server, as a browser would; the sessions are rows both servers read.
  for (const account of [curator, ...validators]) cookies.set(account.address, await signInOver(servers[0]!, account));
});

/** SIWE over HTTP: a nonce bound to this "browser" by its cookie, the signed message, and the session cookie back. */
async function signInOver(server: AppServer, account: PrivateKeyAccount): Promise<string> {
  const nonceAnswer = await fetch(`${server.url}/api/auth/nonce`);
  const binding = /cp_siwe=[^;]+/.exec(nonceAnswer.headers.get("set-cookie") ?? "")?.[0] ?? "";
  const { nonce } = (await nonceAnswer.json()) as { nonce: string };
  const url = new URL(server.url);
  const message = createSiweMessage({ address: account.address, chainId: LOCAL_CHAIN_ID, domain: url.host, uri: url.origin, nonce, version: "1", issuedAt: new Date() });
  const verified = await fetch(`${server.url}/api/auth/verify`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: url.origin, cookie: binding },
    body: JSON.stringify({ message, signature: await account.signMessage({ message }) }),
  });
  const session = /cp_session=[^;]+/.exec(verified.headers.get("set-cookie") ?? "")?.[0];
  if (!session) throw new Error(`sign-in of ${account.address} failed: ${verified.status} ${await verified.text()}`);
  return session;
}

test.afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  await bucket?.stop();
  await handle?.close();
  if (serverUrl) await dropDatabase(serverUrl, DB_NAME);
  rmSync(dir, { recursive: true, force: true });
});

const post = (server: AppServer, path: string, cookie: string, body: unknown) =>
  fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json", origin: server.url, cookie }, body: JSON.stringify(body) });

test("twenty validators voting at once through two servers: one decision, and the votes it counted", async () => {
  const bodies = await Promise.all(validators.map((v) => signedVote(handle.db, v, itemId, "accept", 4)));
  const answers = await Promise.all(validators.map((v, i) => post(servers[i % 2]!, "/api/votes", cookies.get(v.address) ?? "", bodies[i])));
  const statuses = answers.map((r) => r.status);
  const refused = await Promise.all(answers.filter((r) => r.status !== 201).map(async (r) => ((await r.json()) as { error: { code: string } }).error.code));
  expect(statuses.every((s) => s === 201 || s === 409), statuses.join(",")).toBe(true);
  expect(new Set(refused)).toEqual(new Set(refused.length ? ["already_decided"] : []));

  const accepted = statuses.filter((s) => s === 201).length;
  const [item] = await handle.db.select().from(submissions).where(eq(submissions.id, itemId));
  expect(item?.status).toBe("accepted");
  expect(await handle.db.select().from(decisions).where(eq(decisions.submissionId, itemId))).toHaveLength(1);
  // Every 201 is a stored vote, no refused vote is: the count the item carries is the votes it has.
  const stored = await handle.db.select().from(votes).where(eq(votes.submissionId, itemId));
  expect(stored).toHaveLength(accepted);
  expect(item?.voteCount).toBe(accepted);
});

test("a rate limit counts one client's requests across both servers", async () => {
  // Windows are fixed minutes: a burst must not run across a boundary, or it meets two windows.
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 200));
  const statuses: number[] = [];
  for (let i = 0; i < READS_LIMIT + 2; i++) statuses.push((await fetch(`${servers[i % 2]!.url}/api/datasets`)).status);
  // Anonymous requests count per client address at the rule, whichever server answers.
  expect(statuses).toEqual([...Array<number>(READS_LIMIT).fill(200), 429, 429]);
});

test("two curators creating the snapshot on both servers at once: one epoch, exported once, by one of the two workers", async () => {
  const cookie = cookies.get(curator.address) ?? "";
  const answers = await Promise.all(servers.map((s) => post(s, "/api/snapshots", cookie, {})));
  expect(answers.map((r) => r.status).sort()).toEqual([202, 409]);

  await expect
    .poll(async () => (await handle.db.select().from(exportJobs).where(eq(exportJobs.epoch, 1)))[0]?.state, { timeout: 60_000 })
    .toBe("done");
  const [job] = await handle.db.select().from(exportJobs);
  expect(job).toMatchObject({ epoch: 1, attempts: 1 });
  const exported = logs.map((log) => readFileSync(log, "utf8").split("\n").filter((line) => line.includes('"snapshot_exported"')).length);
  expect(exported.reduce((sum, n) => sum + n, 0)).toBe(1);
});

test("a cluster replaces an app process that dies, and its other process answers meanwhile", async () => {
  const events = () =>
    readFileSync(logs[1] ?? "", "utf8")
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { event?: string; pid?: number; signal?: string });
  const ready = events().filter((e) => e.event === "server_ready");
  expect(new Set(ready.map((e) => e.pid)).size).toBe(2);
  process.kill(ready[0]?.pid ?? 0, "SIGKILL");
  // Long before a replacement is ready (a Next server takes seconds to prepare), the survivor answers. A kept-alive
  // connection to the dead process is reset, as it would be for any client: the next request connects again.
  const answer = () => fetch(`${servers[1]?.url}/api/auth/nonce`).then((r) => r.status, () => 0);
  await expect.poll(answer, { timeout: 3_000 }).toBe(200);
  await expect.poll(() => events().filter((e) => e.event === "server_ready").length, { timeout: 60_000 }).toBe(3);
  expect(events().some((e) => e.event === "server_process_died" && e.signal === "SIGKILL")).toBe(true);
});
