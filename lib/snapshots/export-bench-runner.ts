/**
 * One measurement of export.bench.ts, run in a fresh process so that peak RSS belongs to this measurement alone:
 *   tsx lib/snapshots/export-bench-runner.ts <seed|postgres|jsonl|parquet|export> <rows>
 * Every mode but `seed` reads the bench database that `seed` created (export-bench-seed.ts). Prints one JSON line
 * (`RunnerResult`) on stdout.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { openDatabase, type Db } from "@/lib/db/client";
import { exportEpoch } from "./create";
import { datasetRows } from "./db-rows";
import { BENCH_EPOCH, benchDatabaseUrl, seedBenchDatabase } from "./export-bench-seed";
import { LocalSnapshotStorage } from "./local-storage";
import type { ByteSink, WriteResult } from "./storage";
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

/** Runs `run` with an RSS sampler; `seconds` is wall time. */
async function measure(mode: string, n: number, run: () => Promise<{ bytes: number; notes?: string[] }>): Promise<RunnerResult> {
  let sampled = process.memoryUsage().rss;
  const timer = setInterval(() => {
    sampled = Math.max(sampled, process.memoryUsage().rss);
  }, 50);
  const start = performance.now();
  try {
    const { bytes, notes } = await run();
    const seconds = (performance.now() - start) / 1000;
    sampled = Math.max(sampled, process.memoryUsage().rss);
    const mb = (x: number) => Math.round((x / 1024 / 1024) * 10) / 10;
    return { mode, rows: n, seconds, bytes, sampledPeakRssMb: mb(sampled), maxRssMb: mb(process.resourceUsage().maxRSS * 1024), notes };
  } finally {
    clearInterval(timer);
  }
}

async function inTempDir<T>(run: (storage: LocalSnapshotStorage) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), "export-bench-"));
  try {
    return await run(new LocalSnapshotStorage(dir));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One file written through LocalSnapshotStorage (temp file, fsync, rename), as the export writes it. */
function toDisk(name: string, write: (sink: ByteSink) => Promise<WriteResult>): Promise<WriteResult> {
  return inTempDir(async (storage) => {
    const file = await storage.writer(BENCH_EPOCH, name);
    const result = await write(file);
    await file.close();
    return result;
  });
}

/**
 * The baseline: `COPY (SELECT row_to_json(t) FROM <the exported rows> t) TO STDOUT`, the rows of the frozen epoch in
 * snapshot order with data.jsonl's columns, streamed into a counter (the /dev/null of this process).
 */
async function copyBaseline(url: string): Promise<{ bytes: number }> {
  const { Client } = await import("pg");
  const { to: copyTo } = await import("pg-copy-streams");
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    let bytes = 0;
    await pipeline(
      client.query(
        copyTo(`COPY (SELECT row_to_json(t) FROM (
          SELECT s.id, s.content AS text, s.source_url, s.tags, s.license, s.quality, s.contributor, s.content_hash, s.signature,
                 s.issued_at, s.created_at AS submitted_at, s.decided_at AS accepted_at,
                 s.language, s.language_score, s.screening_verdict, s.screening_reasons, s.screening_signals
          FROM snapshot_items i JOIN submissions s ON s.id = i.submission_id
          WHERE i.epoch = ${BENCH_EPOCH} ORDER BY i.position) t) TO STDOUT`),
      ),
      new Writable({
        write(chunk: Buffer, _enc, done) {
          bytes += chunk.length;
          done();
        },
      }),
    );
    return { bytes };
  } finally {
    await client.end();
  }
}

async function fullExport(db: Db): Promise<{ bytes: number; notes: string[] }> {
  return inTempDir(async (storage) => {
    const out = await exportEpoch(db, BENCH_EPOCH, { storage, chainId: 31337, contracts: null, budget: 10n ** 24n });
    const bytes = out.manifest.files.reduce((s, f) => s + f.bytes, 0);
    return { bytes, notes: [`dataset root ${out.datasetRoot}`, `cid ${out.cid}`] };
  });
}

async function withBenchDb<T>(n: number, run: (db: Db) => Promise<T>): Promise<T> {
  const handle = await openDatabase({ DATABASE_URL: benchDatabaseUrl(n) });
  try {
    return await run(handle.db);
  } finally {
    await handle.close();
  }
}

async function main(): Promise<void> {
  const [mode = "", nArg = ""] = process.argv.slice(2);
  const n = Number(nArg);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`usage: export-bench-runner <mode> <rows>`);
  let result: RunnerResult;
  switch (mode) {
    case "seed":
      result = await measure(mode, n, async () => ({ bytes: 0, notes: [(await seedBenchDatabase(n)) ? "seeded" : "reused"] }));
      break;
    case "postgres":
      result = await measure(mode, n, () => copyBaseline(benchDatabaseUrl(n)));
      break;
    case "jsonl":
      result = await withBenchDb(n, (db) => measure(mode, n, () => toDisk("data.jsonl", (sink) => writeDatasetJsonl(datasetRows(db, BENCH_EPOCH), sink))));
      break;
    case "parquet":
      result = await withBenchDb(n, (db) => measure(mode, n, () => toDisk("data.parquet", (sink) => writeDatasetParquet(datasetRows(db, BENCH_EPOCH), sink))));
      break;
    case "export":
      result = await withBenchDb(n, (db) => measure(mode, n, () => fullExport(db)));
      break;
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
