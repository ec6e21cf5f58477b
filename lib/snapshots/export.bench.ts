import { spawn } from "node:child_process";
import { join } from "node:path";
import { timeMs, type BenchTable } from "@/lib/bench/table";
import type { RunnerResult } from "./export-bench-runner";

/**
 * Snapshot export from the database: a PostgreSQL database seeded with N accepted items (N = 100,000 and 1,000,000,
 * or EXPORT_BENCH_SIZES=a,b), their votes and decisions, and the epoch frozen over them (export-bench-seed.ts; reused
 * while its row count matches). Then, each in a fresh process (export-bench-runner.ts) so peak RSS is its own: the
 * baseline `COPY (SELECT row_to_json(t) FROM <the epoch's rows> t) TO STDOUT`, data.jsonl and data.parquet written
 * from the database by the export's reader and writers, and the whole snapshot (exportEpoch: every file, the roots,
 * the CAR). The server is BENCH_PG_URL (default local PostgreSQL as user postgres); when none answers, the bench
 * reports itself skipped.
 */
const MODES = ["postgres", "jsonl", "parquet", "export"] as const;
const RUNNER = join(process.cwd(), "lib", "snapshots", "export-bench-runner.ts");
/**
 * Every child gets the same V8 old-space cap, as a container deployment would. Without it V8 sizes its heap by how
 * long the process has run, so a 1M-row run keeps more garbage between collections than a 100k one even though its
 * live heap is flat. A leak fails under the cap instead of showing up as a ratio.
 */
const NODE_FLAGS = ["--max-old-space-size=256", "--import", "tsx"];

function sizes(): number[] {
  const fromEnv = process.env.EXPORT_BENCH_SIZES?.split(",").map(Number).filter((n) => Number.isSafeInteger(n) && n > 0);
  return fromEnv && fromEnv.length > 0 ? fromEnv : [100_000, 1_000_000];
}

function run(mode: string, rows: number): Promise<RunnerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_FLAGS, RUNNER, mode, String(rows)], { stdio: ["ignore", "pipe", "pipe"], env: process.env });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const last = out.trim().split("\n").at(-1) ?? "";
      if (code === 0 && last.startsWith("{")) resolve(JSON.parse(last) as RunnerResult);
      else reject(new Error(`${mode} ${rows} exited ${code}: ${err.slice(-2000)}`));
    });
  });
}

const LABELS: Record<string, string> = {
  postgres: "baseline: COPY row_to_json TO STDOUT",
  jsonl: "data.jsonl from the database",
  parquet: "data.parquet from the database",
  export: "whole snapshot (all files, roots, CAR)",
};
/** The targets, as a multiple of the COPY baseline. */
const TARGETS: Record<string, number> = { jsonl: 2, parquet: 3, export: 6 };

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

export default async function exportBench(): Promise<BenchTable[]> {
  const ns = sizes();
  const results: RunnerResult[] = [];
  const seeds: RunnerResult[] = [];
  try {
    seeds.push(await run("seed", ns[0]!));
  } catch (error) {
    if (!String(error).includes("ECONNREFUSED")) throw error;
    return [{ title: "Snapshot export from the database", rows: [{ what: "skipped: no PostgreSQL server at BENCH_PG_URL (default 127.0.0.1:5432)" }] }];
  }
  const { ms } = await timeMs(async () => {
    for (const n of ns) {
      if (n !== ns[0]) seeds.push(await run("seed", n));
      for (const mode of MODES) results.push(await run(mode, n));
    }
  });

  const rows = results.map((r) => {
    const copy = results.find((b) => b.mode === "postgres" && b.rows === r.rows)!;
    const smallest = results.find((s) => s.mode === r.mode && s.rows === ns[0]);
    const times = r.seconds / copy.seconds;
    const target = TARGETS[r.mode];
    return {
      what: LABELS[r.mode] ?? r.mode,
      rows: r.rows,
      seconds: round(r.seconds),
      "× of COPY": round(times),
      target: target === undefined ? "" : `≤ ${target}× ${times <= target ? "yes" : "NO"}`,
      "output MB": round(r.bytes / 1024 / 1024, 1),
      "peak RSS MB": r.maxRssMb,
      [`RSS ratio ${ns.at(-1)}/${ns[0]}`]: smallest && smallest !== r && r.rows === ns.at(-1) ? round(r.maxRssMb / smallest.maxRssMb) : "",
    };
  });
  const rssRatios = results.filter((r) => r.rows === ns.at(-1) && ns.length > 1 && r.mode !== "postgres").map((r) => {
    const small = results.find((s) => s.mode === r.mode && s.rows === ns[0])!;
    const ratio = r.maxRssMb / small.maxRssMb;
    return { what: LABELS[r.mode]!, [`peak RSS MB at ${small.rows}`]: small.maxRssMb, [`at ${r.rows}`]: r.maxRssMb, ratio: round(ratio), "within 20 %": ratio <= 1.2 ? "yes" : "NO" };
  });
  return [
    {
      title: "Snapshot export from the database: time vs COPY, peak RSS (fresh process each)",
      rows,
      notes: [
        "seconds: wall time of the measured work only (the database is seeded beforehand); × of COPY: against the baseline of the same size in this run.",
        "Files are written to a temp folder through LocalSnapshotStorage (temp file, fsync, rename).",
        "peak RSS = the kernel's high-water mark (getrusage maxRSS, process start-up included); the COPY baseline's is the client's, not the server's.",
        `Each measurement runs in a fresh node ${NODE_FLAGS.join(" ")} (same V8 heap cap at every size).`,
        ...seeds.map((s) => `Seeding ${s.rows} rows: ${s.notes?.join(", ")} in ${s.seconds.toFixed(1)} s.`),
        `Whole bench: ${(ms / 1000).toFixed(0)} s.`,
      ],
    },
    { title: "Snapshot export: peak RSS, largest vs smallest size (target: within 20 %)", rows: rssRatios },
  ];
}
