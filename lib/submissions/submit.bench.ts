import { getAddress, recoverTypedDataAddress, type Hex } from "viem";
import { postJson, signedInClients, signedSubmission } from "../bench/app-client";
import { ensureBuild, freshDatabase, startAppServer } from "../bench/app-server";
import { answeredWith, boundTableRows, runLanes, type LoadResult } from "../bench/concurrent";
import type { BenchTable } from "../bench/table";
import { LOCAL_CHAIN_ID } from "../chain/config";
import { accounts, submissions } from "../db/schema";
import { recoverAddressFast } from "../signing/fast-recover";
import { submissionDigest } from "../signing/snapshot-digests";
import { relaxedRateLimits } from "../testing/rate-limits";
import { contentFingerprints } from "./fingerprints";
import { submissionRequestSchema, type SubmissionRequest } from "./schema";
import { submissionTypedData } from "./typed-data";

const CLIENTS = 50;
const PER_CLIENT = 40;
/** The app as one process and as the default cluster (`npm start` forks one per core). */
const PROCESS_COUNTS = [1, 2];
/** A static file of public/: the least a request through the app server can cost. */
const STATIC_FILE = "/lighthouse-baseline.html";

type Client = { address: string; cookie: string; bodies: string[] };

/**
 * Signed submissions through the real HTTP API (`npm start`'s server, node-postgres) at 50 concurrent clients,
 * beside the bound the issue names: a bare loop that recovers each row's EIP-712 signer and INSERTs the row, over 50
 * connections, in the same run. The loop is measured twice: with the recovery the API uses (libsecp256k1) and with
 * viem's (the reference implementation the API used before).
 */
export default async function bench(): Promise<BenchTable[]> {
  const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  ensureBuild();

  const runs: { label: string; result: LoadResult }[] = [];
  for (const [workload, text] of WORKLOADS) {
    for (const processes of PROCESS_COUNTS) {
      const { url, handle } = await freshDatabase(serverUrl, `commonplace_bench_api_${processes}`);
      const clients = await prepareClients(handle.db, text);
      await handle.close();
      const server = await startAppServer({ DATABASE_URL: url, WEB_CONCURRENCY: String(processes), ...relaxedRateLimits(), LOG_LEVEL: "silent" });
      try {
        await runLanes(clients.map((c) => [c.bodies[0] ?? ""]), (body, lane) => post(server.url, clients[lane], body));
        const processLabel = `${processes} app process${processes > 1 ? "es" : ""}`;
        runs.push({ label: `POST /api/submissions, ${workload}, ${processLabel}`, result: await runLanes(clients.map((c) => c.bodies.slice(1)), (body, lane) => post(server.url, clients[lane], body)) });
        // What any request through this server costs, with no database and no signature: the ceiling the API lives under.
        if (workload === WORKLOADS[0][0])
          runs.push({ label: `floor: GET ${STATIC_FILE}, ${processLabel}`, result: await runLanes(clients.map(() => Array<string>(PER_CLIENT).fill(STATIC_FILE)), (path) => answeredWith(fetch(server.url + path), 200)) });
      } finally {
        await server.stop();
      }
    }
  }
  const native = await bareLoop(serverUrl, "native");
  const viem = await bareLoop(serverUrl, "viem");
  const rows = boundTableRows(runs, native, viem);
  return [
    {
      title: `Signed submissions through the HTTP API (npm start + Postgres), ${CLIENTS} concurrent clients`,
      rows,
      notes: [
        "Each API request: same-origin check, session, rate-limit upsert, EIP-712 recovery, AI screening (language model, signals), near-duplicate search, personal-data scan, insert.",
        "The bounds recover the signer of the same signed rows and INSERT them (fingerprints computed beforehand), 50 loops in the bench's own process.",
        "The floor rows are the same server answering a static file to the same 50 clients: no route handler, database or signature.",
        "Target: the API ≥ 0.6× of the bound with p99 < 100 ms.",
      ],
    },
  ];
}

function itemText(client: number, i: number): string {
  return `Bench item ${client}-${i}: ${"a distinct line about systems, data and the people who curate them ".repeat(4)} ${client * 100_003 + i}`;
}

const SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "xe", "zu", "pa", "de", "gri", "fo", "lu", "me"];

/** Forty pseudo-words drawn for this item alone: it shares no 3-word shingle with another item, as most real items. */
function distinctText(client: number, i: number): string {
  let state = (client * 100_003 + i + 1) >>> 0;
  const next = () => {
    state = (Math.imul(state ^ (state >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return state;
  };
  const word = () => Array.from({ length: 2 + (next() % 2) }, () => SYLLABLES[next() % SYLLABLES.length]).join("");
  return `Bench item ${client}-${i}: ${Array.from({ length: 40 }, word).join(" ")}.`;
}

/**
 * Near-identical texts (every item shares LSH bands with many earlier ones: the near-duplicate search at its most
 * expensive) and distinct ones (the search finds no candidate, as for most real items).
 */
const WORKLOADS = [
  ["near-identical texts", itemText],
  ["distinct texts", distinctText],
] as const;

async function prepareClients(db: Parameters<typeof signedInClients>[0], text: (client: number, i: number) => string = itemText): Promise<Client[]> {
  const issuedAt = Math.floor(Date.now() / 1000);
  const clients = await signedInClients(db, CLIENTS);
  return Promise.all(
    clients.map(async ({ account, cookie }, c) => {
      const bodies: string[] = [];
      for (let i = -1; i < PER_CLIENT; i++) bodies.push(await signedSubmission(account, text(c, i), ["bench", "systems"], issuedAt));
      return { address: account.address.toLowerCase(), cookie, bodies };
    }),
  );
}

function post(base: string, client: Client | undefined, body: string): Promise<boolean> {
  return answeredWith(postJson(base, "/api/submissions", client?.cookie ?? "", body), 201);
}

/** The same signed requests as the API run (without the warm-up item), recovered and inserted by 50 loops. */
async function bareLoop(serverUrl: string, recovery: "native" | "viem"): Promise<LoadResult> {
  const { handle } = await freshDatabase(serverUrl, `commonplace_bench_bound_${recovery}`);
  try {
    const clients = await prepareClients(handle.db);
    await handle.db.insert(accounts).values(clients.map((c) => ({ address: c.address }))).onConflictDoNothing();
    const jobs = clients.map((c) =>
      c.bodies.slice(1).map((body) => {
        const request = submissionRequestSchema.parse(JSON.parse(body));
        return { contributor: c.address, request, fingerprints: contentFingerprints(request.content) };
      }),
    );
    return await runLanes(jobs, async ({ contributor, request, fingerprints }) => {
      const signer = recovery === "native" ? recoverNative(contributor, request, fingerprints.contentHash) : await recoverViem(contributor, request);
      if (signer !== contributor) return false;
      await handle.db.insert(submissions).values({
        contributor,
        content: request.content,
        sourceUrl: request.sourceUrl ?? null,
        tags: request.tags,
        license: request.license,
        ...fingerprints,
        signature: request.signature,
        issuedAt: new Date(request.issuedAt * 1000),
      });
      return true;
    });
  } finally {
    await handle.close();
  }
}

function recoverNative(contributor: string, r: SubmissionRequest, contentHash: string): string | null {
  const digest = submissionDigest({ contributor, content_hash: contentHash, source_url: r.sourceUrl ?? null, tags: r.tags, license: r.license, issued_at: r.issuedAt }, LOCAL_CHAIN_ID);
  return recoverAddressFast(digest, r.signature);
}

async function recoverViem(contributor: string, r: SubmissionRequest): Promise<string> {
  const typed = submissionTypedData({ ...r, contributor: getAddress(contributor) }, LOCAL_CHAIN_ID);
  return (await recoverTypedDataAddress({ ...typed, signature: r.signature as Hex })).toLowerCase();
}
