import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anvilKey } from "@/lib/chain/anvil-accounts";
import { useDatabase, type DbHandle } from "@/lib/db/client";
import { accounts, exportJobs, snapshots, submissions } from "@/lib/db/schema";
import { createTestDb } from "@/lib/db/test-db";
import { snapshotStorage } from "@/lib/snapshots/current-storage";
import { processExportWorker } from "@/lib/snapshots/process-export-worker";
import { contentHash } from "@/lib/submissions/typed-data";
import { submissionRow } from "@/lib/testing/fixtures";
import { relaxedRateLimits } from "@/lib/testing/rate-limits";
import { errorOf, getRequest, jsonRequest, sessionCookie } from "@/lib/testing/requests";
import { GET as exportRoute } from "./[epoch]/export/route";
import { POST as snapshotRoute } from "./route";

const curator = privateKeyToAccount(anvilKey(0));
let handle: DbHandle;
let dir: string;
let cookie = "";

const progress = (epoch: number) => exportRoute(getRequest(`/api/snapshots/${epoch}/export`, cookie), { params: Promise.resolve({ epoch: String(epoch) }) });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "snapshot-route-"));
  Object.assign(process.env, relaxedRateLimits(), { LOG_LEVEL: "silent", SNAPSHOT_DIR: join(dir, "snapshots"), DEPLOYMENTS_DIR: join(dir, "deployments"), EXPORT_POLL_MS: "60000" });
  handle = await createTestDb();
  useDatabase(handle);
  await handle.db.insert(accounts).values({ address: curator.address.toLowerCase(), roles: ["curator"] });
  cookie = await sessionCookie(handle.db, curator.address);
  const text = "An accepted item, so the epoch has something in it.";
  await handle.db.insert(submissions).values(submissionRow(1, curator.address, { content: text, contentHash: contentHash(text), status: "accepted", quality: 4, decidedAt: new Date(Date.now() - 1000) }));
});
afterAll(async () => {
  await processExportWorker()?.stop();
  await handle.close();
  await rm(dir, { recursive: true, force: true });
});

describe("POST /api/snapshots", () => {
  it("answers 202 with the queued job at once; one of two requests at the same moment wins, the other gets 409", async () => {
    const [a, b] = await Promise.all([snapshotRoute(jsonRequest("/api/snapshots", {}, cookie)), snapshotRoute(jsonRequest("/api/snapshots", {}, cookie))]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([202, 409]);
    const accepted = a.status === 202 ? a : b;
    const refused = a.status === 202 ? b : a;
    expect(accepted.headers.get("location")).toBe("/api/snapshots/1/export");
    expect(await accepted.json()).toMatchObject({ job: { epoch: 1, state: "queued" } });
    expect(await errorOf(refused)).toMatchObject({ code: "export_in_progress" });
    expect(await handle.db.select().from(snapshots)).toHaveLength(1);
    expect(await handle.db.select().from(exportJobs)).toHaveLength(1);
  });

  it("the server's worker writes the epoch; GET …/export follows it to done", async () => {
    await processExportWorker()?.wake();
    const res = await progress(1);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ job: { epoch: 1, state: "done", attempts: 1, error: null } });
    const [row] = await handle.db.select().from(snapshots).where(eq(snapshots.epoch, 1));
    expect(row).toMatchObject({ status: "exported", itemCount: 1 });
    expect(await snapshotStorage().stat(1, "manifest.json")).toMatchObject({ bytes: expect.any(Number) });
  });

  it("refuses the next epoch until this one is published, and answers 404 for an epoch with no export", async () => {
    const res = await snapshotRoute(jsonRequest("/api/snapshots", {}, cookie));
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatchObject({ code: "previous_unpublished" });
    expect(await handle.db.select().from(exportJobs)).toHaveLength(1);
    const missing = await progress(7);
    expect(missing.status).toBe(404);
    expect(await errorOf(missing)).toMatchObject({ code: "not_found" });
  });

  it("shows export progress only to curators", async () => {
    const res = await exportRoute(getRequest("/api/snapshots/1/export"), { params: Promise.resolve({ epoch: "1" }) });
    expect(res.status).toBe(401);
  });
});
