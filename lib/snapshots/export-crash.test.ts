import { spawn, type ChildProcess } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { parseEther } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDatabase, openDatabase, type DbEnv, type DbHandle } from "../db/client";
import { accounts, exportJobs, snapshots, submissions } from "../db/schema";
import { contentHash } from "../submissions/typed-data";
import { submissionRow } from "../testing/fixtures";
import { enqueueSnapshot } from "./create";
import { exportJobView } from "./export-jobs";
import type { Manifest } from "./writers/manifest";

/**
 * A worker process killed with SIGKILL in the middle of an export (one file written, the rest
 * not): the next worker takes the job over once the lease runs out and writes the same epoch in
 * full. Runs on an embedded PGlite folder, or a fresh database on DATABASE_URL's server.
 */
const ITEMS = 5_000;
const LEASE_MS = 1_500;
let dir: string;
let dbEnv: DbEnv;
let dropServerDatabase: (() => Promise<void>) | null = null;
const children: ChildProcess[] = [];

async function withDb<T>(work: (handle: DbHandle) => Promise<T>): Promise<T> {
  const handle = await openDatabase(dbEnv);
  try {
    return await work(handle);
  } finally {
    await handle.close();
  }
}

function startWorker(): { child: ChildProcess; exited: Promise<number | null>; exported: Promise<void> } {
  const child = spawn(process.execPath, ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"], {
    // The folder, whatever store the run uses: the test watches the files appear and checks what the crash left.
    env: { ...process.env, ...dbEnv, SNAPSHOT_STORE: "", SNAPSHOT_DIR: join(dir, "snapshots"), DEPLOYMENTS_DIR: join(dir, "deployments"), EXPORT_LEASE_MS: String(LEASE_MS), EXPORT_POLL_MS: "200", LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let output = "";
  const exported = new Promise<void>((resolve) =>
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"snapshot_exported"')) resolve();
    }),
  );
  child.stderr?.resume();
  return { child, exited: new Promise((resolve) => child.on("exit", (code) => resolve(code))), exported };
}

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "export-crash-"));
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const { recreateDatabase, dropDatabase } = await import("../db/server-databases");
    const name = `commonplace_crash_${process.pid}`;
    dbEnv = { DATABASE_URL: await recreateDatabase(serverUrl, name) };
    dropServerDatabase = () => dropDatabase(serverUrl, name);
  } else dbEnv = { PGLITE_DIR: join(dir, "pglite") };

  await withDb(async (handle) => {
    await migrateDatabase(handle);
    const contributor = "0x" + "c1".repeat(20);
    await handle.db.insert(accounts).values({ address: contributor });
    // Enough accepted items that the export takes a while: there is a middle to be killed in.
    const decidedAt = new Date(Date.now() - 60_000);
    for (let from = 1; from <= ITEMS; from += 1_000) {
      const rows = Array.from({ length: 1_000 }, (_, i) => {
        const text = `Accepted item number ${from + i}, long enough to be worth keeping in a dataset.`;
        return submissionRow(from + i, contributor, { content: text, contentHash: contentHash(text), status: "accepted", quality: 3 + ((from + i) % 3), decidedAt });
      });
      await handle.db.insert(submissions).values(rows);
    }
    await enqueueSnapshot(handle.db, { budget: parseEther("1000") });
  });
}, 120_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
  await dropServerDatabase?.();
  await rm(dir, { recursive: true, force: true });
});

describe("an export killed half-way", () => {
  it("is taken over and finished by the next worker: every file whole, the job done on its second attempt", async () => {
    const first = startWorker();
    // data.jsonl closed, the other files not yet: the middle of the export.
    await until(() => existsSync(join(dir, "snapshots", "1", "data.jsonl")), 90_000, "the first file of the export");
    first.child.kill("SIGKILL");
    await first.exited;
    expect(existsSync(join(dir, "snapshots", "1", "manifest.json"))).toBe(false);

    const second = startWorker();
    await second.exported;
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);

    await withDb(async (handle) => {
      expect(await exportJobView(handle.db, 1)).toMatchObject({ state: "done", attempts: 2 });
      const [snapshot] = await handle.db.select().from(snapshots).where(eq(snapshots.epoch, 1));
      expect(snapshot).toMatchObject({ status: "exported", itemCount: ITEMS });
      const manifestBytes = await readFile(join(dir, "snapshots", "1", "manifest.json"));
      expect(`0x${createHash("sha256").update(manifestBytes).digest("hex")}`).toBe(snapshot?.manifestHash);
      const manifest = JSON.parse(manifestBytes.toString()) as Manifest;
      for (const file of manifest.files) {
        const bytes = await readFile(join(dir, "snapshots", "1", file.name));
        expect(createHash("sha256").update(bytes).digest("hex"), file.name).toBe(file.sha256);
      }
      // Nothing half-written is left beside the files: the dead worker's temporary write was dropped.
      expect((await readdir(join(dir, "snapshots", "1"))).filter((name) => name.startsWith("."))).toEqual([]);
      // Published, the next epoch is created as usual: the crash left nothing blocking.
      await handle.db.update(snapshots).set({ status: "published" }).where(eq(snapshots.epoch, 1));
      expect(await enqueueSnapshot(handle.db, { budget: parseEther("1000") })).toBe(2);
      expect(await handle.db.select().from(exportJobs)).toHaveLength(2);
    });
  }, 180_000);
});
