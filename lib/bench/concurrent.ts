import { RECOVERY_LIBRARY } from "../signing/fast-recover";
import { percentiles } from "./table";

export type LoadResult = { requests: number; seconds: number; rate: number; p50: number; p99: number; failures: number };

/**
 * Runs `lanes` concurrent loops over `jobs[lane]`, each job awaited before the lane's next: N clients,
 * each with one request in flight, as the ingest benches and their baselines both measure. A job
 * returns false for an answer the bench did not expect; those are counted, not thrown.
 */
export async function runLanes<T>(jobs: T[][], run: (job: T, lane: number) => Promise<boolean>): Promise<LoadResult> {
  const latencies: number[] = [];
  let failures = 0;
  const start = performance.now();
  await Promise.all(
    jobs.map(async (lane, l) => {
      for (const job of lane) {
        const t0 = performance.now();
        if (!(await run(job, l))) failures++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  return { requests: latencies.length, seconds, rate: latencies.length / seconds, ...percentiles(latencies), failures };
}

/**
 * The ingest benches' table: each run, then the two bounds, as multiples of both bounds (recover + INSERT with
 * libsecp256k1, and with viem).
 */
export function boundTableRows(runs: { label: string; result: LoadResult }[], native: LoadResult, viem: LoadResult): Record<string, string | number>[] {
  const all = [...runs, { label: `bound: recover (${RECOVERY_LIBRARY}) + INSERT`, result: native }, { label: "bound: recover (viem) + INSERT", result: viem }];
  return all.map(({ label, result }) => ({
    case: label,
    requests: result.requests,
    "per second": result.rate,
    "p50 ms": result.p50,
    "p99 ms": result.p99,
    "× of native bound": result.rate / native.rate,
    "× of viem bound": result.rate / viem.rate,
    failures: result.failures,
  }));
}

/** Reads a load request's answer to its end (so the connection is free again) and says whether it was `status`. */
export async function answeredWith(response: Promise<Response>, status: number): Promise<boolean> {
  const res = await response;
  await res.arrayBuffer();
  return res.status === status;
}
