import { ConfigError } from "../config/app-origins";
import type { Db } from "../db/client";
import { log } from "../log";
import type { SnapshotSettings } from "./create";
import { claimExportJob, EXPORT_JOB_DEFAULTS, runExportJob, workerName, type ExportJobOptions } from "./export-jobs";

export type ExportWorker = {
  /** Looks for work now instead of at the next poll; resolves when the queue is empty again. */
  wake(): Promise<void>;
  /** Stops polling and waits for the job in hand, if any. */
  stop(): Promise<void>;
};

export type ExportWorkerSetup = {
  db: () => Promise<Db>;
  settings: () => SnapshotSettings;
  /** How often an idle worker looks at the queue: the longest a job whose process died waits after its lease runs out. */
  pollMs: number;
  options?: Partial<ExportJobOptions>;
};

/**
 * Runs queued exports one at a time, and takes over any job whose lease ran out (its worker died).
 * Any number of workers may run against one database, in one process or many: the claim is a
 * single SKIP LOCKED statement, so each job runs in exactly one of them at a time.
 */
export function startExportWorker(setup: ExportWorkerSetup): ExportWorker {
  const options: ExportJobOptions = { ...EXPORT_JOB_DEFAULTS, owner: workerName("worker"), ...setup.options };
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  // A failed job goes back to the queue; the worker leaves it until the next poll rather than spin on it.
  const drain = async () => {
    const db = await setup.db();
    for (;;) {
      const job = await claimExportJob(db, options);
      if (!job) return;
      const finished = await runExportJob(db, job, setup.settings(), options).catch(() => undefined);
      if (finished === undefined) return;
      if (finished) log.info("snapshot_exported", { epoch: finished.epoch, items: finished.itemCount, owner: options.owner });
    }
  };

  const wake = (): Promise<void> => {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await drain().catch((error: unknown) => log.error("export_worker_failed", { error }));
      } while (again && !stopped);
    })().finally(() => (running = null));
    return running;
  };

  const timer = setInterval(() => void wake(), setup.pollMs);
  timer.unref();
  void wake();
  return {
    wake,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

export type ExportWorkerSettings = { mode: "in-process" | "off"; pollMs: number; leaseMs: number };

function milliseconds(env: Record<string, string | undefined>, name: string, fallback: number, min: number, max: number): number {
  const ms = Number(env[name] ?? fallback);
  if (!Number.isInteger(ms) || ms < min || ms > max) throw new ConfigError(`${name} is a whole number of milliseconds from ${min} to ${max}, not "${env[name]}".`);
  return ms;
}

/**
 * EXPORT_WORKER: "in-process" (default) runs exports inside each web server; "off" leaves them to
 * `npm run worker`. EXPORT_POLL_MS (default 2 s): how often an idle worker looks at the queue.
 * EXPORT_LEASE_MS (default 30 s): how long a job whose worker died stays blocked before another takes it.
 */
export function exportWorkerSettings(env: Record<string, string | undefined> = process.env): ExportWorkerSettings {
  const mode = env.EXPORT_WORKER ?? "in-process";
  if (mode !== "in-process" && mode !== "off") throw new ConfigError(`EXPORT_WORKER is "in-process" or "off", not "${mode}".`);
  return { mode, pollMs: milliseconds(env, "EXPORT_POLL_MS", 2_000, 50, 600_000), leaseMs: milliseconds(env, "EXPORT_LEASE_MS", EXPORT_JOB_DEFAULTS.leaseMs, 1_000, 3_600_000) };
}

/** A worker as this deployment's settings say: heartbeats a sixth of the lease, so a busy moment never loses it. */
export function configuredExportWorker(db: () => Promise<Db>, settings: () => SnapshotSettings, env: Record<string, string | undefined> = process.env): ExportWorker {
  const { pollMs, leaseMs } = exportWorkerSettings(env);
  return startExportWorker({ db, settings, pollMs, options: { leaseMs, heartbeatMs: Math.round(leaseMs / 6) } });
}
