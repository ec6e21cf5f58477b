import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { postJson, signedInClients, signedSubmission } from "../bench/app-client";
import { ensureBuild, freshDatabase, startAppServer } from "../bench/app-server";
import { percentiles, type BenchTable } from "../bench/table";
import type { DbHandle } from "../db/client";
import { accounts, submissions } from "../db/schema";
import { relaxedRateLimits } from "../testing/rate-limits";
import { contentFingerprints } from "./fingerprints";

const CLIENTS = 50;
const PER_CLIENT = 40;

type Prepared = { cookie: string; bodies: string[] };

/**
 * Signed submissions through the real HTTP API (`next start`, node-postgres) at 50 concurrent
 * clients, beside bare INSERTs of the same rows over 50 connections in the same run.
 */
export default async function bench(): Promise<BenchTable[]> {
  const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  ensureBuild();

  const apiDb = await freshDatabase(serverUrl, "commonplace_bench_api");
  const clients = await prepareClients(apiDb.handle);
  const server = await startAppServer({ DATABASE_URL: apiDb.url, ...relaxedRateLimits(), LOG_LEVEL: "silent" });
  try {
    const base = server.url;
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
    await server.stop();
    await apiDb.handle.close();
  }
}

function itemText(client: number, i: number): string {
  return `Bench item ${client}-${i}: ${"a distinct line about systems, data and the people who curate them ".repeat(4)} ${client * 100_003 + i}`;
}

async function prepareClients(handle: DbHandle): Promise<Prepared[]> {
  const issuedAt = Math.floor(Date.now() / 1000);
  const clients = await signedInClients(handle.db, CLIENTS);
  return Promise.all(
    clients.map(async ({ account, cookie }, c) => {
      const bodies: string[] = [];
      for (let i = -1; i < PER_CLIENT; i++) bodies.push(await signedSubmission(account, itemText(c, i), ["bench", "systems"], issuedAt));
      return { cookie, bodies };
    }),
  );
}

const post = (base: string, client: Prepared, body: string) => postJson(base, "/api/submissions", client.cookie, body);

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
