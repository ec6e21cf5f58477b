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
import { GET as listRoute } from "./route";
import { GET as fileRoute } from "./[ref]/files/[name]/route";
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

const file = (ref: string, name: string, headers: Record<string, string> = {}) =>
  fileRoute(new NextRequest(`${TEST_ORIGIN}/api/datasets/${ref}/files/${name}`, { headers }), { params: Promise.resolve({ ref, name }) });
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

  it("answers 404 for unknown files, epochs, traversal, and 'latest' before any publication", async () => {
    for (const [ref, name] of [["1", "secrets.txt"], ["1", "..%2F..%2Fpackage.json"], ["9", "data.jsonl"], ["abc", "data.jsonl"], ["latest", "data.jsonl"]] as const) {
      const res = await file(ref, name);
      expect(res.status, `${ref}/${name}`).toBe(404);
      expect((await errorOf(res)).code).toBe("not_found");
    }
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
