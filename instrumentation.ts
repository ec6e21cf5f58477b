/** Runs once as each server process starts, before it serves a request: a bad configuration stops it with one line. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { refuseBadConfiguration } = await import("./lib/config/startup-checks");
  refuseBadConfiguration();
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  // Exports queued before this process started, or cut off by a crash, resume without waiting for a request.
  const { processExportWorker } = await import("./lib/snapshots/process-export-worker");
  processExportWorker();
}
