import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { createSession } from "../auth/session";
import type { BenchTable } from "../bench/table";
import { freePort } from "../chain/anvil";
import { migrateDatabase, openDatabase, type DbHandle } from "../db/client";
import { accounts, submissions } from "../db/schema";
import { recreateDatabase } from "../db/server-databases";
import { contentFingerprints } from "./fingerprints";
import { submissionTypedData } from "./typed-data";

const CLIENTS = 50;
const PER_CLIENT = 40;
const CHAIN_ID = 31337;

type Prepared = { cookie: string; bodies: string[]; address: string };

/**
 * Signed submissions through the real HTTP API (`next start`, node-postgres) at 50 concurrent
 * clients, beside bare INSERTs of the same rows over 50 connections in the same run.
 */
export default async function bench(): Promise<BenchTable[]> {
  const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  if (!existsSync(".next/BUILD_ID")) spawnSync("npx", ["next", "build"], { stdio: "inherit" });

  const apiDb = await freshDatabase(serverUrl, "commonplace_bench_api");
  const clients = await prepareClients(apiDb.handle);
  const port = await freePort();
  const server = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "start", "--port", String(port)], {
    env: { ...process.env, DATABASE_URL: apiDb.url, RATE_LIMIT_SUBMISSIONS: "1000000/60", LOG_LEVEL: "silent", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitFor(`${base}/api/auth/nonce`);
    await warmUp(base, clients);
    const api = await runClients(base, clients);
    const bare = await bareInserts(serverUrl, clients.length * PER_CLIENT);
    const total = CLIENTS * PER_CLIENT;
    return [
      {
        title: `Signed submissions through the HTTP API (next start + Postgres), ${CLIENTS} concurrent clients`,
        rows: [
          { case: "POST /api/submissions (signed)", requests: total, seconds: api.seconds, "per second": total / api.seconds, "p50 ms": api.p50, "p99 ms": api.p99, "× of bare inserts": total / api.seconds / bare.rate },
          { case: "bare INSERT of the same rows", requests: total, seconds: bare.seconds, "per second": bare.rate, "p50 ms": bare.p50, "p99 ms": bare.p99, "× of bare inserts": 1 },
        ],
        notes: [
          "Each API request: session lookup, EIP-712 verification, rate-limit upsert, exact and near-duplicate queries, insert.",
          `Errors during the API run: ${api.errors}.`,
        ],
      },
    ];
  } finally {
    server.kill("SIGTERM");
    await apiDb.handle.close();
  }
}

async function freshDatabase(serverUrl: string, name: string): Promise<{ url: string; handle: DbHandle }> {
  const url = await recreateDatabase(serverUrl, name);
  const handle = await openDatabase({ DATABASE_URL: url });
  await migrateDatabase(handle);
  return { url, handle };
}

function itemText(client: number, i: number): string {
  return `Bench item ${client}-${i}: ${"a distinct line about systems, data and the people who curate them ".repeat(4)} ${client * 100_003 + i}`;
}

async function prepareClients(handle: DbHandle): Promise<Prepared[]> {
  const issuedAt = Math.floor(Date.now() / 1000);
  return Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      const account = privateKeyToAccount(generatePrivateKey());
      const { token } = await createSession(handle.db, account.address, CHAIN_ID);
      const bodies: string[] = [];
      for (let i = -1; i < PER_CLIENT; i++) {
        const fields = { content: itemText(c, i), sourceUrl: "https://example.org/bench", tags: ["bench", "systems"], license: "CC-BY-4.0", issuedAt };
        const signature = await account.signTypedData(submissionTypedData({ ...fields, contributor: account.address }, CHAIN_ID));
        bodies.push(JSON.stringify({ ...fields, signature }));
      }
      return { cookie: `cp_session=${token}`, bodies, address: account.address.toLowerCase() };
    }),
  );
}

const post = (base: string, client: Prepared, body: string) =>
  fetch(`${base}/api/submissions`, { method: "POST", headers: { "content-type": "application/json", cookie: client.cookie }, body });

async function warmUp(base: string, clients: Prepared[]) {
  await Promise.all(clients.map((c) => post(base, c, c.bodies[0] ?? "").then((r) => r.arrayBuffer())));
}

async function runClients(base: string, clients: Prepared[]) {
  const latencies: number[] = [];
  let errors = 0;
  const start = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      for (const body of client.bodies.slice(1)) {
        const t0 = performance.now();
        const res = await post(base, client, body);
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (res.status !== 201) errors++;
      }
    }),
  );
  return { seconds: (performance.now() - start) / 1000, ...percentiles(latencies), errors };
}

async function bareInserts(serverUrl: string, count: number) {
  const { handle } = await freshDatabase(serverUrl, "commonplace_bench_bare");
  try {
    const contributors = Array.from({ length: CLIENTS }, () => privateKeyToAccount(generatePrivateKey()).address.toLowerCase());
    await handle.db.insert(accounts).values(contributors.map((address) => ({ address })));
    const rows = Array.from({ length: count }, (_, n) => {
      const c = n % CLIENTS;
      const content = itemText(c, Math.floor(n / CLIENTS));
      return {
        contributor: contributors[c] ?? "",
        content,
        sourceUrl: "https://example.org/bench",
        tags: ["bench", "systems"],
        license: "CC-BY-4.0",
        ...contentFingerprints(content),
        signature: `0x${"ab".repeat(65)}`,
        issuedAt: new Date(),
      };
    });
    const latencies: number[] = [];
    let next = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < rows.length) {
          const row = rows[next++];
          if (!row) break;
          const t0 = performance.now();
          await handle.db.insert(submissions).values(row);
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    return { seconds, rate: count / seconds, ...percentiles(latencies) };
  } finally {
    await handle.close();
  }
}

function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99) };
}

async function waitFor(url: string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not start at ${url}`);
}
