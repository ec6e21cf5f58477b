import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3Server, TEST_BUCKET, type S3TestServer } from "../testing/s3-server";
import { LocalSnapshotStorage } from "./local-storage";
import { s3Client, S3SnapshotStorage } from "./s3-storage";
import type { SnapshotStorage } from "./storage";

let dir: string;
let s3: S3TestServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "storage-contract-"));
  s3 = await startS3Server();
});
afterAll(async () => {
  await s3?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function readAll(storage: SnapshotStorage, epoch: number, name: string, range?: { start: number; end: number }): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of (await storage.reader(epoch, name, range)) as AsyncIterable<Uint8Array>) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

/** Each backend, and how many unfinished writes it can find after a crash (s3rver cannot list multipart uploads). */
const backends: [string, (n: number) => SnapshotStorage, number][] = [
  ["a local folder", (n) => new LocalSnapshotStorage(join(dir, `local-${n}`)), 1],
  ["an S3 bucket (s3rver)", (n) => new S3SnapshotStorage(s3Client(s3.env), { bucket: TEST_BUCKET, prefix: `contract-${n}/` }), 0],
];

describe.each(backends)("SnapshotStorage on %s", (_, make, findsUnfinished) => {
  let n = 0;
  const fresh = () => make(++n);

  it("shows a file only once closed, keeps the old one on abort, replaces it on a rewrite", async () => {
    const storage = fresh();
    const w = await storage.writer(1, "a.txt");
    await w.write(Buffer.from("hello "));
    expect(await storage.list(1)).toEqual([]);
    expect(await storage.stat(1, "a.txt")).toBeNull();
    await w.write(Buffer.from("world"));
    await w.close();
    expect(await storage.list(1)).toEqual(["a.txt"]);
    expect(await storage.stat(1, "a.txt")).toEqual({ bytes: 11 });

    const aborted = await storage.writer(1, "a.txt");
    await aborted.write(Buffer.from("garbage"));
    await aborted.abort();
    expect((await readAll(storage, 1, "a.txt")).toString()).toBe("hello world");

    const again = await storage.writer(1, "a.txt");
    await again.write(Buffer.from("HELLO"));
    await again.close();
    expect((await readAll(storage, 1, "a.txt")).toString()).toBe("HELLO");

    await storage.remove(1, "a.txt");
    await storage.remove(1, "a.txt");
    expect(await storage.list(1)).toEqual([]);
    expect(await storage.stat(1, "a.txt")).toBeNull();
  });

  it("serves byte ranges, lists an epoch's files sorted and nothing of another epoch", async () => {
    const storage = fresh();
    for (const [epoch, name, text] of [[2, "b.json", "{}"], [2, "a.jsonl", "0123456789"], [3, "c.csv", "x"]] as const) {
      const w = await storage.writer(epoch, name);
      await w.write(Buffer.from(text));
      await w.close();
    }
    expect(await storage.list(2)).toEqual(["a.jsonl", "b.json"]);
    expect(await storage.list(4)).toEqual([]);
    expect((await readAll(storage, 2, "a.jsonl", { start: 3, end: 6 })).toString()).toBe("3456");
    expect(await storage.stat(2, "missing.txt")).toBeNull();
    await expect(storage.writer(2, "../escape")).rejects.toThrow(/invalid snapshot file name/);
    await expect(storage.writer(0, "a.txt")).rejects.toThrow(/invalid epoch/);
    await expect(storage.reader(2, "missing.txt")).rejects.toThrow();
  });

  it("streams a 20 MiB file in 64 KiB writes and reads back the same bytes", async () => {
    const storage = fresh();
    const w = await storage.writer(5, "data.parquet");
    const written = createHash("sha256");
    const chunk = Buffer.alloc(64 * 1024);
    for (let i = 0; i < 320; i++) {
      chunk.fill(i % 251);
      written.update(chunk);
      await w.write(chunk);
    }
    await w.close();
    expect(await storage.stat(5, "data.parquet")).toEqual({ bytes: 20 * 1024 * 1024 });
    expect(createHash("sha256").update(await readAll(storage, 5, "data.parquet")).digest("hex")).toBe(written.digest("hex"));
  });

  it("never shows what a crashed writer left unfinished, drops it where the store can list it, and keeps the rest", async () => {
    const storage = fresh();
    const kept = await storage.writer(6, "kept.txt");
    await kept.write(Buffer.from("kept"));
    await kept.close();
    // A writer that never closes: past one multipart part on S3, so an upload is open there.
    const crashed = await storage.writer(6, "data.jsonl");
    await crashed.write(Buffer.alloc(9 * 1024 * 1024, 1));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await storage.list(6)).toEqual(["kept.txt"]);
    expect(await storage.stat(6, "data.jsonl")).toBeNull();
    expect(await storage.discardUnfinished(6)).toBe(findsUnfinished);
    expect(await storage.discardUnfinished(6)).toBe(0);
    expect(await storage.list(6)).toEqual(["kept.txt"]);
    await crashed.abort();
  });
});
