import { spawn } from "node:child_process";
import { join } from "node:path";
import { timeMs, type BenchTable } from "@/lib/bench/table";
import type { RunnerResult } from "./export-bench-runner";

/**
 * Snapshot export throughput and memory: each format written from N generated rows (N = 100,000 and 1,000,000,
 * or EXPORT_BENCH_SIZES=a,b), each measurement in a fresh process (export-bench-runner.ts) so peak RSS is its own,
 * beside Postgres `COPY (SELECT row_to_json(t) FROM t) TO STDOUT` of the same rows when DATABASE_URL is set.
 */
const FORMATS = ["jsonl", "csv", "parquet"] as const;
const RUNNER = join(process.cwd(), "lib", "snapshots", "export-bench-runner.ts");
/**
 * Every child gets the same V8 old-space cap, as a container deployment would. Without it V8 sizes its heap by how
 * long the process has run, so a 1M-row run keeps more garbage between collections than a 100k one (jsonl: 135 MB
 * at 100k, 184 MB at 1M) even though its live heap is flat: with a 48 MB cap the 1M jsonl export completes with
 * 38 MB used. A leak would fail under the cap instead of showing up as a ratio.
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
  generate: "generator only (no output)",
  jsonl: "data.jsonl",
  csv: "data.csv",
  parquet: "data.parquet",
  export: "full export (all 8 files, roots)",
  postgres: "Postgres COPY row_to_json TO STDOUT",
};

function row(r: RunnerResult): Record<string, string | number> {
  const mb = r.bytes / 1024 / 1024;
  return {
    what: LABELS[r.mode] ?? r.mode,
    rows: r.rows,
    seconds: Math.round(r.seconds * 100) / 100,
    "output MB": Math.round(mb * 10) / 10,
    "MB/s": Math.round((mb / r.seconds) * 10) / 10,
    "peak RSS MB": r.maxRssMb,
    "sampled RSS MB": r.sampledPeakRssMb,
  };
}

export default async function exportBench(): Promise<BenchTable[]> {
  const ns = sizes();
  const results: RunnerResult[] = [];
  const skipped: Record<string, string | number>[] = [];
  const { ms } = await timeMs(async () => {
    for (const n of ns) {
      for (const mode of ["generate", ...FORMATS]) results.push(await run(mode, n));
      if (process.env.DATABASE_URL) results.push(await run("postgres", n));
      else skipped.push({ what: LABELS.postgres!, rows: n, seconds: "skipped (no DATABASE_URL)" });
    }
    // The full export checks every content hash, so its generator hashes each text three times (once per pass):
    // run at the smallest size only, to keep the bench short.
    results.push(await run("export", ns[0]!));
  });

  const ratios = [...FORMATS, "export"].flatMap((mode) => {
    const small = results.find((r) => r.mode === mode && r.rows === ns[0]);
    const large = results.find((r) => r.mode === mode && r.rows === ns.at(-1));
    if (!small || !large || small === large) return [];
    const ratio = large.maxRssMb / small.maxRssMb;
    return [{ what: LABELS[mode]!, [`peak RSS MB at ${small.rows}`]: small.maxRssMb, [`at ${large.rows}`]: large.maxRssMb, ratio: Math.round(ratio * 100) / 100, "within 20 %": ratio <= 1.2 ? "yes" : "NO" }];
  });

  const pg = results.filter((r) => r.mode === "postgres");
  return [
    {
      title: "Snapshot export: time, throughput and peak RSS per format (fresh process each)",
      rows: [...results.map(row), ...skipped],
      notes: [
        "Rows are generated on the fly (deterministic, 200-2,000 character texts); the generator's own cost is in every row and shown alone first.",
        "jsonl/csv/parquet write to a temp folder through LocalSnapshotStorage (temp file, fsync, rename); MB/s = output bytes / seconds.",
        "peak RSS = the kernel's high-water mark (getrusage maxRSS, process start-up included); sampled = highest 50 ms sample.",
        `Each measurement runs in a fresh node ${NODE_FLAGS.join(" ")} (same V8 heap cap at every size).`,
        ...pg.map((r) => `Postgres ${r.rows} rows: seconds time the COPY TO only; ${r.notes?.join("; ") ?? ""}; RSS is the client's, not the server's.`),
        `Whole bench: ${(ms / 1000).toFixed(0)} s.`,
      ],
    },
    { title: "Snapshot export: peak RSS, largest vs smallest size (target: within 20 %)", rows: ratios },
  ];
}
