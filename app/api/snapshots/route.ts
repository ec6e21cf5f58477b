import { NextResponse } from "next/server";
import { afterResponse } from "@/lib/http/after-response";
import { route } from "@/lib/http/route";
import { log } from "@/lib/log";
import { enqueueSnapshot } from "@/lib/snapshots/create";
import { exportJobView } from "@/lib/snapshots/export-jobs";
import { processExportWorker } from "@/lib/snapshots/process-export-worker";
import { currentSnapshotSettings } from "@/lib/snapshots/settings";
import { NETWORK_STATS_TAG } from "@/lib/stats/landing-stats";

/**
 * Freezes the next epoch and queues its export: 202 with the job at once, however large the
 * epoch. A worker (this server's own, or `npm run worker`) writes the files; follow it at
 * GET /api/snapshots/{epoch}/export.
 */
export const POST = route({ auth: "curator", limit: "snapshots", revalidates: [NETWORK_STATS_TAG] }, async ({ db, session }) => {
  const epoch = await enqueueSnapshot(db, currentSnapshotSettings());
  log.info("snapshot_queued", { epoch, by: session.address });
  const worker = processExportWorker();
  if (worker) afterResponse(worker.wake());
  return NextResponse.json({ job: await exportJobView(db, epoch) }, { status: 202, headers: { location: `/api/snapshots/${epoch}/export` } });
});
