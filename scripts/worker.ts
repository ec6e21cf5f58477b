import { getDb } from "../lib/db/client";
import { checkConfiguration } from "../lib/config/startup-checks";
import { log } from "../lib/log";
import { configuredExportWorker, exportWorkerSettings } from "../lib/snapshots/export-worker";
import { currentSnapshotSettings } from "../lib/snapshots/settings";

/**
 * `npm run worker`: runs snapshot exports outside the web servers (set EXPORT_WORKER=off on
 * them). Any number may run against one database; each job runs in one of them at a time, and
 * a job whose worker died is taken over when its lease runs out.
 */
async function main() {
  checkConfiguration();
  await getDb();
  const worker = configuredExportWorker(getDb, currentSnapshotSettings);
  const { pollMs, leaseMs } = exportWorkerSettings();
  log.info("export_worker_ready", { pollMs, leaseMs });
  // Stopping waits for the job in hand; a second signal leaves it to the next worker's takeover.
  let stopping = false;
  const stop = () => {
    if (stopping) process.exit(1);
    stopping = true;
    void worker.stop().then(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  // The poll timer does not hold the process open by itself.
  setInterval(() => undefined, 1 << 30);
}

main().catch((error: unknown) => {
  log.error("export_worker_failed", { message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
