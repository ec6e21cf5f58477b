import type { z } from "zod";
import { ApiError } from "./api-error";

/**
 * Reads a JSON body with a size cap and validates it: 413 past the cap, 400 for non-JSON,
 * 400 naming the first invalid field otherwise. Nothing downstream sees unvalidated input.
 */
export async function readJson<S extends z.ZodType>(request: Request, schema: S, maxBytes = 64 * 1024): Promise<z.infer<S>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
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

function tooLarge(maxBytes: number) {
  return new ApiError(413, "payload_too_large", `The request body is larger than ${Math.round(maxBytes / 1024)} KiB.`);
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
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}
