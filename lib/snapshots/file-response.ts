import { Readable } from "node:stream";
import { ApiError, notFound } from "../http/api-error";
import type { Snapshot } from "../db/schema";
import type { SnapshotStorage } from "./storage";
import { datasetCacheControl } from "./dataset-response";
import { MANIFEST_FILE, MEDIA_TYPES } from "./writers/manifest";

/** How long a redirect's presigned URL stays valid: long enough to start a download, short enough not to be shared. */
const REDIRECT_SECONDS = 300;

/** "bytes=a-b", "bytes=a-", "bytes=-n" → an inclusive range inside the file, or null when absent. One range only. */
export function parseRange(header: string | null, size: number): { start: number; end: number } | null {
  if (!header) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === "" && match[2] === "")) throw rangeError(size);
  let start: number;
  let end: number;
  if (match[1] === "") {
    const suffix = Number(match[2]);
    if (suffix === 0) throw rangeError(size);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start > end || start >= size) throw rangeError(size);
  return { start, end };
}

function rangeError(size: number) {
  return new ApiError(416, "range_not_satisfiable", "The requested byte range is outside the file.", undefined, { "content-range": `bytes */${size}` });
}

/**
 * A snapshot file as an HTTP response: streamed, with its length, its sha256 as a strong ETag
 * (If-None-Match → 304), byte ranges (206, honouring If-Range) for resumable downloads and range
 * readers, and caching by `ref` (datasetCacheControl). HEAD gets the same headers and no body,
 * without opening the file.
 */
export async function snapshotFileResponse(storage: SnapshotStorage, snapshot: Snapshot, ref: string, name: string, request: Request): Promise<Response> {
  const listed = snapshot.manifest?.files.find((f) => f.name === name);
  const sha256 = name === MANIFEST_FILE ? snapshot.manifestHash.replace(/^0x/, "") : listed?.sha256;
  if (!sha256) throw notFound(`No file "${name}" in epoch ${snapshot.epoch}.`);
  const stat = await storage.stat(snapshot.epoch, name);
  if (!stat) throw notFound(`The file "${name}" of epoch ${snapshot.epoch} is missing from storage.`);
  const headers: Record<string, string> = {
    "content-type": `${MEDIA_TYPES[name as keyof typeof MEDIA_TYPES] ?? "application/octet-stream"}${name.endsWith(".parquet") ? "" : "; charset=utf-8"}`,
    etag: `"${sha256}"`,
    "accept-ranges": "bytes",
    "content-disposition": `attachment; filename="commonplace-epoch-${snapshot.epoch}-${name}"`,
    "cache-control": datasetCacheControl(snapshot, ref),
    "x-content-sha256": sha256,
  };
  const etags = request.headers.get("if-none-match");
  if (etags && etags.split(",").some((t) => t.trim().replace(/^W\//, "") === `"${sha256}"`)) return new Response(null, { status: 304, headers });
  const head = request.method === "HEAD";
  // SNAPSHOT_REDIRECT=1: the bucket serves the bytes (ranges included) through a short-lived presigned URL. A
  // presigned URL is signed for GET only, so HEAD is answered here: it needs no bytes.
  if (process.env.SNAPSHOT_REDIRECT === "1" && storage.signedUrl && !head) {
    const location = await storage.signedUrl(snapshot.epoch, name, REDIRECT_SECONDS);
    return new Response(null, { status: 302, headers: { location, etag: headers.etag!, "cache-control": "private, no-store" } });
  }
  // If-Range names the file a client holds part of: another file (`latest` moved on) gets the whole new one.
  const ifRange = request.headers.get("if-range");
  const range = ifRange === null || ifRange === headers.etag ? parseRange(request.headers.get("range"), stat.bytes) : null;
  const status = range ? 206 : 200;
  const sent = range
    ? { ...headers, "content-length": String(range.end - range.start + 1), "content-range": `bytes ${range.start}-${range.end}/${stat.bytes}` }
    : { ...headers, "content-length": String(stat.bytes) };
  if (head) return new Response(null, { status, headers: sent });
  const body = await storage.reader(snapshot.epoch, name, range ?? undefined);
  const stream = body instanceof ReadableStream ? body : (Readable.toWeb(Readable.from(body)) as ReadableStream<Uint8Array>);
  return new Response(stream, { status, headers: sent });
}
