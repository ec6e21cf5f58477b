import type { Db } from "../db/client";
import type { Snapshot } from "../db/schema";
import { ApiError } from "../http/api-error";
import { findDataset, summarize } from "./catalog";

const DATASET_REF = /^(latest|[1-9]\d{0,8})$/;

/** How the API names a snapshot: its epoch number or `latest`. Anything else is a malformed address (400), not a missing dataset. */
export function parseDatasetRef(ref: string): string {
  if (!DATASET_REF.test(ref)) throw new ApiError(400, "invalid_input", 'A dataset is named by its epoch number (1, 2, …) or "latest".', "ref");
  return ref;
}

/** A minute: long enough to spare the server a notebook's repeated reads, short enough to follow `latest` and a publication. */
export const SHORT_CACHE = "public, max-age=60";

/**
 * A published epoch never changes (DESIGN.md: snapshots are immutable once published), so its files requested by
 * number are cached for a year. `latest` moves to each new publication, and an epoch not published yet may still
 * be re-exported, so those are cached for a minute.
 */
export function datasetCacheControl(snapshot: Snapshot, ref: string): string {
  return ref !== "latest" && snapshot.status === "published" ? "public, max-age=31536000, immutable" : SHORT_CACHE;
}

/** `GET /api/datasets/{epoch|latest}`: the snapshot as one entry of `GET /api/datasets`. */
export async function datasetResponse(db: Db, ref: string): Promise<Response> {
  const snapshot = await findDataset(db, parseDatasetRef(ref));
  // Not immutable even by number: the summary says whether and when the epoch was published.
  return Response.json(summarize(snapshot), { headers: { "cache-control": SHORT_CACHE } });
}
