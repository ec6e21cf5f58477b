import type { z } from "zod";
import { ApiError } from "./api-error";

/**
 * How far past its cap an oversized body is still read (and dropped) so the connection can carry
 * the client's next request; a larger one gets its 413 with `Connection: close` instead. Node closes
 * without lingering, so a client still uploading then may see its write fail (EPIPE) before the 413.
 */
export const DRAIN_BYTES = 1024 * 1024;

/**
 * Reads a JSON body with a size cap and validates it: 413 past the cap, 400 for non-JSON,
 * 400 naming the first invalid field otherwise. Nothing downstream sees unvalidated input.
 */
export async function readJson<S extends z.ZodType>(request: Request, schema: S, maxBytes = 64 * 1024): Promise<z.infer<S>> {
  // A body refused unread is read off the socket and dropped by Node after the 413 (`req._dump()`);
  // one too large to be worth that gets `Connection: close` instead.
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes + DRAIN_BYTES) throw tooLarge(maxBytes, { connection: "close" });
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readCapped(request, maxBytes);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(400, "invalid_json", "The request body must be JSON.");
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.map(String).join(".") || undefined;
    throw new ApiError(400, "invalid_input", issue?.message ?? "Invalid input.", field);
  }
  return parsed.data;
}

function tooLarge(maxBytes: number, headers?: Record<string, string>) {
  return new ApiError(413, "payload_too_large", `The request body is larger than ${Math.round(maxBytes / 1024)} KiB.`, undefined, headers);
}

async function readCapped(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) throw await drainOversized(reader, size, maxBytes);
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * An oversized body is read to its end (up to DRAIN_BYTES past the cap) and dropped before the 413.
 * Cancelling it instead destroys Node's request stream but not the socket, which the HTTP parser
 * then pauses for good with the rest of the body unread: the 413 goes out as keep-alive, the
 * client's next request on that connection is never read, and the keep-alive timer (5 s + 1 s)
 * destroys the socket under it (ECONNRESET). Past DRAIN_BYTES the 413 says `Connection: close`,
 * so Node closes the connection right after it and the client's next request opens a new one.
 */
async function drainOversized(reader: ReadableStreamDefaultReader<Uint8Array>, size: number, maxBytes: number): Promise<ApiError> {
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return tooLarge(maxBytes);
    size += value.byteLength;
    if (size > maxBytes + DRAIN_BYTES) {
      await reader.cancel();
      return tooLarge(maxBytes, { connection: "close" });
    }
  }
}
