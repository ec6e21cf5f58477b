import "server-only";
import { getDb } from "../db/client";
import { configuredExportWorker, exportWorkerSettings, type ExportWorker } from "./export-worker";
import { currentSnapshotSettings } from "./settings";

const globalForWorker = globalThis as typeof globalThis & { commonplaceExportWorker?: ExportWorker | null };

/**
 * This server's export worker (started once, by instrumentation.ts or the first snapshot request),
 * or null when EXPORT_WORKER=off leaves exports to a separate `npm run worker`.
 */
export function processExportWorker(): ExportWorker | null {
  if (globalForWorker.commonplaceExportWorker !== undefined) return globalForWorker.commonplaceExportWorker;
  globalForWorker.commonplaceExportWorker =
    exportWorkerSettings().mode === "off" ? null : configuredExportWorker(getDb, currentSnapshotSettings);
  return globalForWorker.commonplaceExportWorker;
}
