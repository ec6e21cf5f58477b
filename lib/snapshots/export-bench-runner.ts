/**
 * One measurement of export.bench.ts, run in a fresh process so that peak RSS belongs to this measurement alone:
 *   tsx lib/snapshots/export-bench-runner.ts <generate|jsonl|csv|parquet|export|postgres> <rows>
 * Prints one JSON line (`RunnerResult`) on stdout.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { keccak256Into } from "@/lib/merkle/keccak";
import { allocateEpoch } from "@/lib/rewards/allocation";
import { exportSnapshot } from "./export";
import { LocalSnapshotStorage } from "./local-storage";
import { CONSENSUS_DEFAULTS } from "@/lib/curation/consensus";
import { decisionParams, type DatasetRow, type DecisionRow, type VoteRow } from "./rows";
import type { WriteResult } from "./storage";
import { writeDatasetCsv } from "./writers/csv";
import { writeDatasetJsonl } from "./writers/jsonl";
import { writeDatasetParquet } from "./writers/parquet";

export type RunnerResult = {
  mode: string;
  rows: number;
  seconds: number;
  bytes: number;
  /** Highest RSS seen by a 50 ms sampler (misses spikes inside long synchronous steps). */
  sampledPeakRssMb: number;
  /** The kernel's high-water mark for the process (getrusage ru_maxrss): the true peak, start-up included. */
  maxRssMb: number;
  notes?: string[];
};

const WORDS = (
  "the of and to in is was for on that with as by at from this be are it an or which data model " +
  "training dataset quality validator contributor reward epoch token chain proof merkle root curated " +
  "text language research article thread question answer source license open network human review " +
  "naïve café résumé straße 東京 データ 🎉 Привет мир «quoted» \"double\" 'single' a,b x;y <b>tag</b> =SUM(A1) @user -dash"
).split(" ");
const TAGS = ["news", "science", "code", "math", "history", "opinion", "qa", "howto", "review", "ai"];
const LICENSES = ["cc-by-4.0", "cc-by-4.0", "cc-by-4.0", "cc0-1.0", "mit", "cc-by-sa-4.0"];
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
const BASE_MS = Date.UTC(2025, 0, 1);

/** A small fast PRNG (mulberry32), seeded per row so row i is the same whatever is generated around it. */
function prng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomHex(r: () => number, bytes: number): string {
  let s = "0x";
  for (let i = 0; i < bytes; i++) s += HEX[Math.floor(r() * 256)]!;
  return s;
}

const digest = new Uint8Array(32);
function keccakHex(text: string): string {
  keccak256Into(Buffer.from(text, "utf8"), digest);
  let s = "0x";
  for (const b of digest) s += HEX[b]!;
  return s;
}

/**
 * Synthetic accepted item i: 200–2,000 characters of mixed text (unicode, quotes, commas, newlines, markup-like and
 * formula-like words), 0–4 tags, 30 % without source URL, 5,000 contributors. `realHashes` computes the true
 * keccak256 content hash (needed by the full export, which checks it); otherwise it is random hex of the same shape.
 */
export function syntheticRow(i: number, realHashes: boolean): DatasetRow {
  const r = prng(Math.imul(i + 1, 0x9e3779b1));
  const target = 200 + Math.floor(r() * 1801);
  const parts: string[] = [];
  let length = 0;
  while (length < target) {
    const word = r() < 0.04 ? "\n" : WORDS[Math.floor(r() * WORDS.length)]!;
    parts.push(word);
    length += word.length + 1;
  }
  const text = parts.join(" ").slice(0, target);
  const tagCount = Math.floor(r() * 5);
  const tags = Array.from({ length: tagCount }, () => TAGS[Math.floor(r() * TAGS.length)]!);
  return {
    id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`,
    text,
    source_url: r() < 0.3 ? null : `https://example.com/post/${i}?ref=${Math.floor(r() * 1000)}`,
    tags,
    license: LICENSES[Math.floor(r() * LICENSES.length)]!,
    quality: Math.round((1 + r() * 4) * 1000) / 1000,
    contributor: `0x${(i % 5000 + 1).toString(16).padStart(40, "0")}`,
    content_hash: realHashes ? keccakHex(text) : randomHex(r, 32),
    signature: randomHex(r, 65),
    issued_at: new Date(BASE_MS + i * 1000 - 1000).toISOString(),
    submitted_at: new Date(BASE_MS + i * 1000).toISOString(),
    accepted_at: new Date(BASE_MS + i * 1000 + 3_600_000).toISOString(),
  };
}

/** Yields to the event loop every 1,000 rows, as a database cursor would (and so the RSS sampler gets to run). */
export async function* syntheticRows(n: number, realHashes = false): AsyncIterable<DatasetRow> {
  for (let i = 0; i < n; i++) {
    if (i % 1000 === 999) await new Promise((resolve) => setImmediate(resolve));
    yield syntheticRow(i, realHashes);
  }
}

const FAKE_SIGNATURE = `0x${"ab".repeat(65)}`;

async function* syntheticVotes(n: number): AsyncIterable<VoteRow> {
  for (let i = 0; i < n; i++) {
    for (let v = 0; v < 3; v++) {
      const validator = `0x${(0xf000 + ((i + v) % 20)).toString(16).padStart(40, "0")}`;
      yield {
        submission_id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`,
        content_hash: `0x${i.toString(16).padStart(64, "0")}`,
        validator,
        verdict: "accept",
        quality: 1 + ((i + v) % 5),
        flags: [],
        issued_at: new Date(BASE_MS + i * 1000 + 60_000 * (v + 1)).toISOString(),
        weight: 0.25 + ((i + v) % 5) / 10,
        signature: FAKE_SIGNATURE,
        key: validator,
        key_expires_at: null,
        key_signature: null,
      };
    }
  }
}

async function* syntheticDecisions(n: number): AsyncIterable<DecisionRow> {
  for (let i = 0; i < n; i++) {
    const row = syntheticRow(i, false);
    yield { submission_id: row.id, content_hash: row.content_hash, outcome: "accepted", reason: null, accept_share: 1, quality: row.quality, vote_count: 3, decided_at: row.accepted_at, params: decisionParams(CONSENSUS_DEFAULTS) };
  }
}

/** A sink that only counts: what the writer costs, without the disk. */
const nullSink = { write: (_chunk: Uint8Array) => {} };

/** Runs `run` with an RSS sampler; `seconds` is wall time unless `run` reports the time of its measured part. */
async function measure(
  mode: string,
  n: number,
  run: () => Promise<{ bytes: number; seconds?: number; notes?: string[] }>,
): Promise<RunnerResult> {
  let sampled = process.memoryUsage().rss;
  const timer = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage().rss);
  }, 50);
  const start = performance.now();
  try {
    const { bytes, notes, seconds = (performance.now() - start) / 1000 } = await run();
    sampled = Math.max(sampled, process.memoryUsage().rss);
    const mb = (x: number) => Math.round((x / 1024 / 1024) * 10) / 10;
    return { mode, rows: n, seconds, bytes, sampledPeakRssMb: mb(sampled), maxRssMb: mb(process.resourceUsage().maxRSS * 1024), notes };
  } finally {
    clearInterval(timer);
  }
}

async function toDisk(name: string, write: (sink: { write(c: Uint8Array): Promise<void> }) => Promise<WriteResult>) {
  const dir = await mkdtemp(join(tmpdir(), "export-bench-"));
  try {
    const storage = new LocalSnapshotStorage(dir);
    const file = await storage.writer(1, name);
    const result = await write(file);
    await file.close();
    return result;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Loads the same generated rows into a temp table (COPY FROM STDIN), then times only
 * `COPY (SELECT row_to_json(t) FROM t) TO STDOUT`, streamed into a counter (the /dev/null of this process).
 */
async function postgresBaseline(n: number, url: string): Promise<{ bytes: number; seconds: number; notes: string[] }> {
  const { Client } = await import("pg");
  const { from: copyFrom, to: copyTo } = await import("pg-copy-streams");
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      "CREATE TEMP TABLE bench_items (id text, text text, source_url text, tags text[], license text, quality float8, " +
        "contributor text, content_hash text, signature text, submitted_at timestamptz, accepted_at timestamptz)",
    );
    const loadStart = performance.now();
    async function* copyLines() {
      let batch = "";
      for await (const r of syntheticRows(n)) {
        batch +=
          [r.id, copyText(r.text), r.source_url === null ? "\\N" : copyText(r.source_url), `{${r.tags.join(",")}}`, r.license, String(r.quality),
            r.contributor, r.content_hash, r.signature, r.submitted_at, r.accepted_at].join("\t") + "\n";
        if (batch.length > 1 << 20) {
          yield batch;
          batch = "";
        }
      }
      if (batch) yield batch;
    }
    await pipeline(Readable.from(copyLines()), client.query(copyFrom("COPY bench_items FROM STDIN")));
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const start = performance.now();
    let bytes = 0;
    await pipeline(
      client.query(copyTo("COPY (SELECT row_to_json(t) FROM bench_items t) TO STDOUT")),
      new Writable({
        write(chunk: Buffer, _enc, done) {
          bytes += chunk.length;
          done();
        },
      }),
    );
    const seconds = (performance.now() - start) / 1000;
    return { bytes, seconds, notes: [`loading the rows first (COPY FROM STDIN) took ${loadSeconds.toFixed(1)} s`] };
  } finally {
    await client.end();
  }
}

function copyText(s: string): string {
  return s.replace(/[\\\t\n\r]/g, (c) => (c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r"));
}

async function main(): Promise<void> {
  const [mode = "", nArg = ""] = process.argv.slice(2);
  const n = Number(nArg);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`usage: export-bench-runner <mode> <rows>`);
  let result: RunnerResult;
  switch (mode) {
    case "generate":
      result = await measure(mode, n, async () => {
        let bytes = 0;
        for await (const r of syntheticRows(n)) bytes += r.text.length;
        return { bytes, notes: ["bytes = text characters generated"] };
      });
      break;
    case "jsonl":
      result = await measure(mode, n, async () => toDisk("data.jsonl", (sink) => writeDatasetJsonl(syntheticRows(n), sink)));
      break;
    case "csv":
      result = await measure(mode, n, async () => toDisk("data.csv", (sink) => writeDatasetCsv(syntheticRows(n), sink)));
      break;
    case "parquet":
      result = await measure(mode, n, async () => toDisk("data.parquet", (sink) => writeDatasetParquet(syntheticRows(n), sink)));
      break;
    case "parquet-null":
      result = await measure(mode, n, async () => writeDatasetParquet(syntheticRows(n), nullSink));
      break;
    case "export":
      result = await measure(mode, n, async () => {
        const dir = await mkdtemp(join(tmpdir(), "export-bench-"));
        try {
          const contributions = new Map<string, number>();
          for (let i = 0; i < Math.min(n, 5000); i++) contributions.set(`0x${(i + 1).toString(16).padStart(40, "0")}`, 3);
          const inputs = {
            contributions: [...contributions].map(([address, quality], i) => ({ submissionId: `item-${i}`, address, quality })),
            validatorAgreements: Array.from({ length: 20 }, (_, v) => ({ address: `0x${(0xf000 + v).toString(16).padStart(40, "0")}`, agreedVotes: 3 * Math.ceil(n / 20) })),
          };
          const allocation = allocateEpoch({ budget: 10n ** 24n, ...inputs, previousCumulative: new Map() });
          const out = await exportSnapshot({
            storage: new LocalSnapshotStorage(dir),
            meta: { epoch: 1, cutoff: "2026-01-01T00:00:00.000Z", chainId: 31337, contracts: null, budget: 10n ** 24n, contributorShareBps: 7000 },
            rows: () => syntheticRows(n, true),
            decisions: () => syntheticDecisions(n),
            votes: () => syntheticVotes(n),
            rewardInputs: { previous: null, ...inputs },
            allocation,
            previousCumulative: new Map(),
          });
          const bytes = out.manifest.files.reduce((s, f) => s + f.bytes, 0);
          return { bytes, notes: [`dataset root ${out.datasetRoot}`] };
        } finally {
          await rm(dir, { recursive: true, force: true });
        }
      });
      break;
    case "postgres": {
      const url = process.env.DATABASE_URL;
      if (!url) throw new Error("DATABASE_URL is not set");
      result = await measure(mode, n, () => postgresBaseline(n, url));
      break;
    }
    default:
      throw new Error(`unknown mode ${mode}`);
  }
  process.stdout.write(JSON.stringify(result) + "\n");
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
