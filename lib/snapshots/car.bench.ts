import { createHash } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { timeMs, type BenchTable } from "@/lib/bench/table";
import { kuboRandomBytes } from "@/lib/testing/kubo-random";
import { directoryCid, verifyCar, writeCar, type DagFile } from "./car";

/**
 * Content-address throughput: CID computation, CAR writing and CAR verification of one generated file (256 MiB, or
 * CAR_BENCH_MB), beside bare sha256 of the same bytes in the same run. The bytes are generated once, up front, and
 * served from memory in 64 KiB slices (what a file stream hands over), so no row pays for generating or reading them.
 */
const SLICE = 64 * 1024;

function megabytes(): number {
  const fromEnv = Number(process.env.CAR_BENCH_MB);
  return Number.isSafeInteger(fromEnv) && fromEnv > 0 ? fromEnv : 256;
}

export default async function carBench(): Promise<BenchTable[]> {
  const mb = megabytes();
  const parts: Uint8Array[] = [];
  for await (const part of kuboRandomBytes(mb * 1024 * 1024, "car-bench")) parts.push(part);
  const data = Buffer.concat(parts);
  parts.length = 0;
  const files: DagFile[] = [
    {
      name: "data.jsonl",
      async *open() {
        for (let at = 0; at < data.length; at += SLICE) yield data.subarray(at, at + SLICE);
      },
    },
  ];
  const dir = await mkdtemp(join(tmpdir(), "car-bench-"));
  const carPath = join(dir, "snapshot.car");
  const rows: Record<string, string | number>[] = [];
  // CPU time beside wall time: on a shared machine the wall clock also counts time spent waiting for a core.
  const measure = async <T>(what: string, passes: number, fn: () => Promise<T> | T): Promise<T> => {
    const cpu = process.cpuUsage();
    const { ms, value } = await timeMs(fn);
    const { user, system } = process.cpuUsage(cpu);
    const cpuSeconds = (user + system) / 1e6;
    rows.push({
      what,
      "passes over the data": passes,
      seconds: round(ms / 1000, 2),
      "MB/s": round(mb / (ms / 1000), 1),
      "CPU seconds": round(cpuSeconds, 2),
      "MB per CPU second": round(mb / cpuSeconds, 1),
    });
    return value;
  };

  try {
    // Loads the libraries and warms the code paths, so the first timed row does not pay for it.
    await writeCar([{ name: "warm-up", open: () => kuboRandomBytes(1024 * 1024, "warm-up") }], { write: () => {} });
    await measure("sha256 of the file (64 KiB updates)", 1, () => sha256In(data, SLICE, false));
    await measure("sha256 of each 256 KiB chunk (the least a CID needs)", 1, () => sha256In(data, 256 * 1024, true));
    const cid = await measure("directoryCid", 1, () => directoryCid(files));
    await measure("writeCar to a discarding sink", 2, () => writeCar(files, { write: () => {} }));
    const written = await measure("writeCar to a temp file", 2, async () => {
      const out = createWriteStream(carPath);
      const result = await writeCar(files, {
        write: (chunk) => new Promise<void>((resolve, reject) => out.write(chunk, (error) => (error ? reject(error) : resolve()))),
      });
      await new Promise<void>((resolve, reject) => out.end(() => resolve()).on("error", reject));
      return result;
    });
    const problem = await measure("verifyCar from the temp file (CAR + files)", 2, () => verifyCar(createReadStream(carPath), files));
    if (problem !== null) throw new Error(`the bench's own CAR does not verify: ${problem}`);
    return [
      {
        title: `Snapshot content address: ${mb} MiB of generated data in one file (${cid})`,
        rows,
        notes: [
          "MB/s = MiB of file data / seconds. writeCar reads the files twice (the root first, then the blocks); verifyCar reads the CAR and the files once each.",
          `CAR: ${round(written.bytes / 1024 / 1024, 1)} MiB in ${written.blocks} blocks.`,
        ],
      },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One digest over `step`-byte updates, or (`each`) one digest per `step` bytes. */
function sha256In(data: Buffer, step: number, each: boolean): void {
  let hash = createHash("sha256");
  for (let at = 0; at < data.length; at += step) {
    hash.update(data.subarray(at, at + step));
    if (each) {
      hash.digest();
      hash = createHash("sha256");
    }
  }
  hash.digest();
}

function round(value: number, digits: number): number {
  return Math.round(value * 10 ** digits) / 10 ** digits;
}
