import { expect, it } from "vitest";
import { z } from "zod";
import { DRAIN_BYTES, readJson } from "./read-json";

const schema = z.object({ a: z.string() });
const CAP = 1024;

/** A chunked request body of `total` bytes in 16 KiB pieces; `pulled()` says how much of it was read. */
function chunkedRequest(total: number, headers: Record<string, string> = {}) {
  let pulled = 0;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) return controller.close();
      const piece = new Uint8Array(Math.min(16 * 1024, total - pulled)).fill(0x78);
      pulled += piece.byteLength;
      controller.enqueue(piece);
    },
    cancel() {
      cancelled = true;
    },
  });
  const init: RequestInit & { duplex: "half" } = { method: "POST", body, headers, duplex: "half" };
  return { request: new Request("http://localhost/", init), pulled: () => pulled, cancelled: () => cancelled };
}

it("reads an oversized body to its end before the 413, so the connection can carry the next request", async () => {
  const body = chunkedRequest(CAP + DRAIN_BYTES);
  const refusal = await readJson(body.request, schema, CAP).catch((error: unknown) => error);
  expect(refusal).toMatchObject({ status: 413, code: "payload_too_large", headers: undefined });
  expect(body.pulled()).toBe(CAP + DRAIN_BYTES);
  expect(body.cancelled()).toBe(false);
});

it("stops past the drain limit and answers with Connection: close", async () => {
  const body = chunkedRequest(10 * DRAIN_BYTES);
  await expect(readJson(body.request, schema, CAP)).rejects.toMatchObject({ status: 413, headers: { connection: "close" } });
  expect(body.pulled()).toBeLessThan(CAP + DRAIN_BYTES + 32 * 1024);
  expect(body.cancelled()).toBe(true);
});

it("refuses a declared length past the drain limit unread, with Connection: close", async () => {
  const body = chunkedRequest(10 * DRAIN_BYTES, { "content-length": String(10 * DRAIN_BYTES) });
  await expect(readJson(body.request, schema, CAP)).rejects.toMatchObject({ status: 413, headers: { connection: "close" } });
  expect(body.pulled()).toBeLessThanOrEqual(16 * 1024);
});

it("still parses a body under the cap", async () => {
  const init: RequestInit & { duplex: "half" } = { method: "POST", body: JSON.stringify({ a: "b" }), duplex: "half" };
  await expect(readJson(new Request("http://localhost/", init), schema, CAP)).resolves.toEqual({ a: "b" });
});
