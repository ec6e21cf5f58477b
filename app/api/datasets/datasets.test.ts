import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { createPublicClient, createWalletClient, http, parseEther, publicActions, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { commonplaceTokenAbi, snapshotDistributorAbi } from "@/lib/chain/abi";
import { startAnvil, type AnvilInstance } from "@/lib/chain/anvil";
import { anvilKey } from "@/lib/chain/anvil-accounts";
import { deployContracts } from "@/lib/chain/deploy";
import { writeDeployment, type Deployment } from "@/lib/chain/deployments";
import { grantValidator } from "@/lib/curation/admin";
import { voteAs } from "@/lib/testing/cast-votes";
import { useDatabase, type DbHandle } from "@/lib/db/client";
import { accounts, submissions, type Snapshot } from "@/lib/db/schema";
import { createTestDb } from "@/lib/db/test-db";
import { createSnapshot } from "@/lib/snapshots/export-jobs";
import { publicationState, UNSEEN_TX_GRACE_MS } from "@/lib/snapshots/publication";
import { currentSnapshotSettings } from "@/lib/snapshots/settings";
import { contentHash } from "@/lib/submissions/typed-data";
import { submissionRow } from "@/lib/testing/fixtures";
import { errorOf, getRequest, jsonRequest, sessionCookie, TEST_ORIGIN } from "@/lib/testing/requests";
import { GET as rewardsRoute } from "../rewards/[address]/route";
import { GET as publicationStateRoute, POST as publicationRoute } from "../snapshots/[epoch]/publication/route";
import { tableDigest } from "@/lib/testing/table-digest";
import { GET as listRoute, OPTIONS as listPreflight } from "./route";
import * as datasetRoutes from "./[ref]/route";
import * as fileRoutes from "./[ref]/files/[name]/route";
import { relaxedRateLimits } from "@/lib/testing/rate-limits";

const key = anvilKey;
const curator = privateKeyToAccount(key(0));
const contributor = privateKeyToAccount(key(4));
const validators = [1, 2, 3].map((i) => privateKeyToAccount(key(i)));

let handle: DbHandle;
let anvil: AnvilInstance;
let dir: string;
let deployment: Deployment;
let snapshot: Snapshot;
let curatorCookie: string;

const file = (ref: string, name: string, headers: Record<string, string> = {}, method: "GET" | "HEAD" | "OPTIONS" = "GET") =>
  fileRoutes[method](new NextRequest(`${TEST_ORIGIN}/api/datasets/${ref}/files/${name}`, { method, headers }), { params: Promise.resolve({ ref, name }) });
const dataset = (ref: string, method: "GET" | "OPTIONS" = "GET") =>
  datasetRoutes[method](new NextRequest(`${TEST_ORIGIN}/api/datasets/${ref}`, { method }), { params: Promise.resolve({ ref }) });
type Listed = { epoch: number; status: string; files: { name: string; bytes: number; sha256: string }[] };
const listed = async () => ((await (await listRoute(new NextRequest(`${TEST_ORIGIN}/api/datasets`), undefined)).json()) as { datasets: Listed[] }).datasets;
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const IMMUTABLE = "public, max-age=31536000, immutable";
const MINUTE = "public, max-age=60";

/** What a notebook on another site needs to read a file: its length, ranges, digest, and leave to read them. */
function expectPublicFileHeaders(res: Response, listedFile: { bytes: number; sha256: string }, cacheControl: string) {
  expect(res.headers.get("accept-ranges")).toBe("bytes");
  expect(res.headers.get("etag")).toBe(`"${listedFile.sha256}"`);
  expect(res.headers.get("x-content-sha256")).toBe(listedFile.sha256);
  expect(res.headers.get("cache-control")).toBe(cacheControl);
  expectShared(res);
}

function expectShared(res: Response) {
  expect(res.headers.get("access-control-allow-origin")).toBe("*");
  const exposed = (res.headers.get("access-control-expose-headers") ?? "").split(/,\s*/);
  for (const name of ["Content-Length", "Content-Range", "ETag", "Accept-Ranges", "X-Content-Sha256", "Content-Disposition"]) expect(exposed).toContain(name);
  expect(res.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
}
const publication = (epoch: string, txHash: string) =>
  publicationRoute(jsonRequest(`/api/snapshots/${epoch}/publication`, { txHash }, curatorCookie), { params: Promise.resolve({ epoch }) });
const publicationStatus = (epoch: string) => publicationStateRoute(getRequest(`/api/snapshots/${epoch}/publication`, curatorCookie), { params: Promise.resolve({ epoch }) });
const rewards = async (address: string) =>
  (await (await rewardsRoute(new NextRequest(`${TEST_ORIGIN}/api/rewards/${address}`), { params: Promise.resolve({ address }) })).json()) as {
    epoch: number | null;
    cumulativeAmount: string;
    claimed: string | null;
    claimable: string | null;
    proof: Hex[];
    history: { epoch: number }[];
  };

beforeAll(async () => {
  Object.assign(process.env, relaxedRateLimits(), { LOG_LEVEL: "silent" });
  dir = await mkdtemp(join(tmpdir(), "datasets-"));
  anvil = await startAnvil();
  deployment = await deployContracts({ rpcUrl: anvil.rpcUrl, deployerKey: key(0) });
  writeDeployment(31337, deployment, join(dir, "deployments"));
  Object.assign(process.env, { RPC_URL: anvil.rpcUrl, DEPLOYMENTS_DIR: join(dir, "deployments"), SNAPSHOT_DIR: join(dir, "snapshots"), EPOCH_BUDGET: "1000" });
  handle = await createTestDb();
  useDatabase(handle);
  await handle.db.insert(accounts).values([{ address: contributor.address.toLowerCase() }, { address: curator.address.toLowerCase(), roles: ["curator"] }]);
  for (const v of validators) await grantValidator(handle.db, v.address);
  for (let n = 1; n <= 3; n++) {
    const text = `Accepted item number ${n}, worth learning from.`;
    const [row] = await handle.db.insert(submissions).values(submissionRow(n, contributor.address, { content: text, contentHash: contentHash(text) })).returning();
    for (const v of validators) await voteAs(handle.db, v, row?.id ?? "", "accept", 4);
  }
  snapshot = await createSnapshot(handle.db, currentSnapshotSettings());
  curatorCookie = await sessionCookie(handle.db, curator.address);
});
afterAll(async () => {
  await handle.close();
  await anvil.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("GET /api/datasets and files", () => {
  it("lists the snapshot with its files", async () => {
    const { datasets } = (await (await listRoute(new NextRequest(`${TEST_ORIGIN}/api/datasets`), undefined)).json()) as {
      datasets: { epoch: number; status: string; itemCount: number; files: { name: string; url: string }[] }[];
    };
    expect(datasets).toHaveLength(1);
    expect(datasets[0]).toMatchObject({ epoch: 1, status: "exported", itemCount: 3 });
    expect(datasets[0]?.files.map((f) => f.name)).toContain("data.parquet");
  });

  it("streams a file with its length and sha256 as ETag, answers If-None-Match and ranges", async () => {
    const res = await file("1", "data.jsonl");
    expect(res.status).toBe(200);
    const bytes = Buffer.from(await res.arrayBuffer());
    const sha = createHash("sha256").update(bytes).digest("hex");
    expect(res.headers.get("etag")).toBe(`"${sha}"`);
    expect(Number(res.headers.get("content-length"))).toBe(bytes.length);
    expect(snapshot.manifest?.files.find((f) => f.name === "data.jsonl")?.sha256).toBe(sha);

    expect((await file("1", "data.jsonl", { "if-none-match": `"${sha}"` })).status).toBe(304);
    const part = await file("1", "data.jsonl", { range: "bytes=5-14" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 5-14/${bytes.length}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(bytes.subarray(5, 15));
    const tail = await file("1", "data.jsonl", { range: "bytes=-4" });
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(bytes.subarray(bytes.length - 4));
    const bad = await file("1", "data.jsonl", { range: `bytes=${bytes.length + 10}-` });
    expect(bad.status).toBe(416);
    expect(bad.headers.get("content-range")).toBe(`bytes */${bytes.length}`);

    // Every listed file is served, the dataset card's capitals included, with the manifest's digest.
    for (const listed of snapshot.manifest?.files ?? []) {
      const served = await file("1", listed.name);
      expect(served.status, listed.name).toBe(200);
      expect(createHash("sha256").update(Buffer.from(await served.arrayBuffer())).digest("hex"), listed.name).toBe(listed.sha256);
    }

    const manifest = await file("1", "manifest.json");
    const manifestBytes = Buffer.from(await manifest.arrayBuffer());
    expect(`0x${createHash("sha256").update(manifestBytes).digest("hex")}`).toBe(snapshot.manifestHash);
  });

  it("answers 404 for unknown files, epochs, traversal, and 'latest' before any publication, 400 for a malformed epoch, changing nothing", async () => {
    const before = await tableDigest(handle.db);
    for (const [ref, name] of [["1", "secrets.txt"], ["1", "..%2F..%2Fpackage.json"], ["9", "data.jsonl"], ["latest", "data.jsonl"]] as const) {
      for (const res of [await file(ref, name), await file(ref, name, {}, "HEAD")]) {
        expect(res.status, `${ref}/${name}`).toBe(404);
        expect((await errorOf(res)).code).toBe("not_found");
        expectShared(res);
      }
    }
    for (const ref of ["abc", "0", "-1", "1.5", "01", "9999999999", "LATEST"]) {
      const res = await file(ref, "data.jsonl");
      expect(res.status, ref).toBe(400);
      expect(await errorOf(res), ref).toMatchObject({ code: "invalid_input", field: "ref" });
    }
    expect(await tableDigest(handle.db)).toEqual(before);
  });
});

describe("GET, HEAD and OPTIONS of an epoch's data, as other sites' notebooks and range readers use them", () => {
  it("GET /api/datasets/{epoch} is the list's entry; latest is 404 until an epoch is published; a malformed ref is 400; nothing changes", async () => {
    const before = await tableDigest(handle.db);
    const [entry] = await listed();
    const one = await dataset("1");
    expect(one.status).toBe(200);
    expect(await one.json()).toEqual(entry);
    expect(one.headers.get("cache-control")).toBe(MINUTE);
    expectShared(one);

    for (const ref of ["latest", "2", "999999999"]) {
      const missing = await dataset(ref);
      expect(missing.status, ref).toBe(404);
      expect((await errorOf(missing)).code).toBe("not_found");
      expectShared(missing);
    }
    expect((await errorOf(await dataset("latest"))).message).toBe("No snapshot has been published yet.");
    for (const ref of ["abc", "0", "-3", "1e3", " 1", "latest/"]) {
      const bad = await dataset(ref);
      expect(bad.status, ref).toBe(400);
      expect(await errorOf(bad), ref).toMatchObject({ code: "invalid_input", field: "ref" });
    }
    expect(await tableDigest(handle.db)).toEqual(before);
  });

  it("every file answers GET and HEAD alike: its length, ranges, ETag, CORS, and a minute's caching before publication; HEAD sends no body", async () => {
    const [entry] = await listed();
    expect(entry?.files.length).toBeGreaterThan(5);
    for (const listedFile of entry?.files ?? []) {
      const got = await file("1", listedFile.name);
      expect(got.status, listedFile.name).toBe(200);
      expectPublicFileHeaders(got, listedFile, MINUTE);
      expect(Number(got.headers.get("content-length")), listedFile.name).toBe(listedFile.bytes);
      const bytes = new Uint8Array(await got.arrayBuffer());
      expect(bytes.length).toBe(listedFile.bytes);
      expect(sha256(bytes)).toBe(listedFile.sha256);

      const head = await file("1", listedFile.name, {}, "HEAD");
      expect(head.status, listedFile.name).toBe(200);
      expect(Object.fromEntries(head.headers)).toEqual(Object.fromEntries(got.headers));
      expect(head.body).toBeNull();

      // A range reader's first look (e.g. Parquet's footer): the range's length, the whole file's size in Content-Range.
      const partHead = await file("1", listedFile.name, { range: "bytes=-4" }, "HEAD");
      expect(partHead.status).toBe(206);
      expect(partHead.headers.get("content-length")).toBe("4");
      expect(partHead.headers.get("content-range")).toBe(`bytes ${listedFile.bytes - 4}-${listedFile.bytes - 1}/${listedFile.bytes}`);
      expect(partHead.body).toBeNull();
      const part = await file("1", listedFile.name, { range: "bytes=-4" });
      expect(Object.fromEntries(part.headers)).toEqual(Object.fromEntries(partHead.headers));
      expect(new Uint8Array(await part.arrayBuffer())).toEqual(bytes.subarray(bytes.length - 4));
    }
  });

  it("answers If-None-Match with 304 on GET and HEAD, and sends the whole file when If-Range names another", async () => {
    const [entry] = await listed();
    const parquet = entry?.files.find((f) => f.name === "data.parquet");
    if (!parquet) throw new Error("no data.parquet listed");
    for (const method of ["GET", "HEAD"] as const) {
      const cached = await file("1", "data.parquet", { "if-none-match": `W/"other", "${parquet.sha256}"` }, method);
      expect(cached.status, method).toBe(304);
      expect(cached.body).toBeNull();
      expectPublicFileHeaders(cached, parquet, MINUTE);
    }
    const same = await file("1", "data.parquet", { range: "bytes=0-3", "if-range": `"${parquet.sha256}"` });
    expect(same.status).toBe(206);
    expect(Buffer.from(await same.arrayBuffer()).toString()).toBe("PAR1");
    const moved = await file("1", "data.parquet", { range: "bytes=0-3", "if-range": `"${"0".repeat(64)}"` });
    expect(moved.status).toBe(200);
    expect(moved.headers.get("content-length")).toBe(String(parquet.bytes));
    expect((await moved.arrayBuffer()).byteLength).toBe(parquet.bytes);
  });

  it("answers a browser's preflight for a ranged, conditional read of the list, a dataset and a file", async () => {
    const before = await tableDigest(handle.db);
    const preflights = [
      await listPreflight(new NextRequest(`${TEST_ORIGIN}/api/datasets`, { method: "OPTIONS" }), undefined),
      await dataset("latest", "OPTIONS"),
      await file("1", "data.parquet", { origin: "https://notebook.example", "access-control-request-method": "GET", "access-control-request-headers": "range,if-none-match" }, "OPTIONS"),
    ];
    for (const res of preflights) {
      expect(res.status).toBe(204);
      expect(res.body).toBeNull();
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("access-control-allow-methods")).toBe("GET, HEAD, OPTIONS");
      expect(res.headers.get("access-control-allow-headers")).toBe("Range, If-None-Match, If-Range");
      expect(Number(res.headers.get("access-control-max-age"))).toBeGreaterThanOrEqual(3600);
      // No credentials are ever allowed: a session cookie cannot ride along on another site's request.
      expect(res.headers.get("access-control-allow-credentials")).toBeNull();
    }
    expect(await tableDigest(handle.db)).toEqual(before);
  });
});

describe("publication, rewards and claims", () => {
  const chainClient = () => createWalletClient({ account: curator, chain: { ...foundry, rpcUrls: { default: { http: [anvil.rpcUrl] } } }, transport: http(anvil.rpcUrl) }).extend(publicActions);

  it("refuses a transaction that did not publish this epoch and marks nothing", async () => {
    const client = chainClient();
    const hash = await client.writeContract({ address: deployment.token, abi: commonplaceTokenAbi, functionName: "transfer", args: [contributor.address, 1n] });
    const res = await publication("1", hash);
    expect(res.status).toBe(400);
    expect((await errorOf(res)).code).toBe("no_publication");
    expect((await rewards(contributor.address)).epoch).toBeNull();
  });

  it("answers at once for a transaction the chain has not seen, keeps it pending, and refuses it once the grace period passes", async () => {
    const unknown = `0x${"ab".repeat(32)}`;
    const res = await publication("1", unknown);
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ state: "pending", txHash: unknown });
    const polled = await publicationStatus("1");
    expect(polled.status).toBe(202);
    expect(await polled.json()).toMatchObject({ state: "pending" });
    const later = await publicationState(handle.db, createPublicClient({ transport: http(anvil.rpcUrl) }), deployment.distributor, 1, new Date(Date.now() + UNSEEN_TX_GRACE_MS + 1000));
    expect(later).toEqual({ state: "none", error: { code: "tx_not_found", message: expect.any(String) } });
    expect(await (await publicationStatus("1")).json()).toMatchObject({ state: "none", error: { code: "tx_not_found" } });
    expect((await rewards(contributor.address)).epoch).toBeNull();
  });

  it("confirms the curator's publication from the chain, then serves proofs that the distributor pays", async () => {
    const client = chainClient();
    const hash = await client.writeContract({
      address: deployment.distributor,
      abi: snapshotDistributorAbi,
      functionName: "publish",
      args: [1n, snapshot.datasetRoot as Hex, snapshot.rewardRoot as Hex, snapshot.manifestHash as Hex, snapshot.totalCumulative],
    });
    await chainClient().waitForTransactionReceipt({ hash });
    const res = await publication("1", hash);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ state: "confirmed", snapshot: { epoch: 1, status: "published", txHash: hash } });
    expect(await (await publicationStatus("1")).json()).toMatchObject({ state: "confirmed" });
    expect((await publication("1", hash)).status).toBe(409);
    expect((await file("latest", "data.csv")).status).toBe(200);
    // Published: files by epoch number are immutable; through latest (which moves) they are cached for a minute.
    const [entry] = await listed();
    expect(entry?.status).toBe("published");
    for (const listedFile of entry?.files ?? []) {
      for (const method of ["GET", "HEAD"] as const) {
        const byNumber = await file("1", listedFile.name, {}, method);
        expectPublicFileHeaders(byNumber, listedFile, IMMUTABLE);
        expect(byNumber.headers.get("content-length")).toBe(String(listedFile.bytes));
        const byLatest = await file("latest", listedFile.name, {}, method);
        expectPublicFileHeaders(byLatest, listedFile, MINUTE);
        expect(byLatest.headers.get("content-length")).toBe(String(listedFile.bytes));
      }
    }
    const latest = await dataset("latest");
    expect(latest.status).toBe(200);
    expect(await latest.json()).toEqual(entry);
    expect(latest.headers.get("cache-control")).toBe(MINUTE);

    const before = await rewards(contributor.address);
    expect(before).toMatchObject({ epoch: 1, claimed: "0" });
    expect(BigInt(before.cumulativeAmount)).toBe(parseEther("700"));
    expect(before.claimable).toBe(before.cumulativeAmount);
    const claim = await client.writeContract({
      address: deployment.distributor,
      abi: snapshotDistributorAbi,
      functionName: "claim",
      args: [contributor.address, BigInt(before.cumulativeAmount), before.proof],
    });
    expect((await client.waitForTransactionReceipt({ hash: claim })).status).toBe("success");
    const balance = await client.readContract({ address: deployment.token, abi: commonplaceTokenAbi, functionName: "balanceOf", args: [contributor.address] });
    expect(balance).toBe(parseEther("700") + 1n); // plus the 1 wei of the non-publishing transfer above
    expect(await rewards(contributor.address)).toMatchObject({ claimed: before.cumulativeAmount, claimable: "0" });
  });
});
