import { spawn } from "node:child_process";
import { createReadStream } from "node:fs";
import { cp, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { keccak256, toBytes, type Address, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snapshotDistributorAbi } from "@/lib/chain/abi";
import { allocateEpoch } from "@/lib/rewards/allocation";
import { startTestChain, type TestChain } from "@/contracts/fixtures";
import { exportSnapshot, type ExportResult } from "./export";
import { LocalSnapshotStorage } from "./local-storage";
import type { DatasetRow, VoteRow } from "./rows";
import { manifestHash, manifestJson, parseManifest } from "./writers/manifest";
import { verifySnapshot, type VerifyResult } from "./verify";
import { datasetRow } from "../testing/snapshot-fixtures";

const addr = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;

function rowAt(i: number): DatasetRow {
  const text = `item ${i}: ${["a thread about rust", "日本語 🎉", "=1+2", "<b>bold</b>"][i % 4]}`;
  return datasetRow(i, text, { quality: 1 + (i % 5), contributor: addr((i % 3) + 1) });
}

const ROWS = Array.from({ length: 36 }, (_, i) => rowAt(i));
const VOTES: VoteRow[] = ROWS.map((r) => ({
  submission_id: r.id,
  validator: addr(11),
  verdict: "accept",
  quality: 4,
  flags: [],
  weight: 1,
  created_at: r.accepted_at,
}));

async function* iterate<T>(items: readonly T[]): AsyncIterable<T> {
  for (const item of items) yield item;
}

async function exportEpoch(root: string, epoch: number, chain: TestChain): Promise<ExportResult> {
  const budget = 10n ** 20n;
  return exportSnapshot({
    storage: new LocalSnapshotStorage(root),
    meta: { epoch, cutoff: "2025-06-03T00:00:00.000Z", chainId: 31337, contracts: chain.deployment, budget, contributorShareBps: 7000 },
    rows: () => iterate(ROWS),
    votes: () => iterate(VOTES),
    allocation: allocateEpoch({
      budget,
      contributions: ROWS.map((r) => ({ address: r.contributor, quality: r.quality })),
      validatorAgreements: [{ address: addr(11), agreedVotes: VOTES.length }],
      previousCumulative: new Map(),
    }),
    previousCumulative: new Map(),
  });
}

async function publish(chain: TestChain, r: Pick<ExportResult, "epoch" | "datasetRoot" | "rewardRoot" | "manifestHash" | "totalCumulative">) {
  await chain.send(0, {
    address: chain.deployment.distributor,
    abi: snapshotDistributorAbi,
    functionName: "publish",
    args: [BigInt(r.epoch), r.datasetRoot, r.rewardRoot, r.manifestHash, r.totalCumulative],
  });
}

/** Serves `{dir}/{name}` at `/files/{name}`, as the app's /api/datasets/{epoch}/files/{name} does. */
async function serveFolder(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const match = /^\/files\/([^/]+)$/.exec(new URL(req.url ?? "/", "http://x").pathname);
    if (!match) return void res.writeHead(404).end();
    const path = join(dir, basename(decodeURIComponent(match[1]!)));
    stat(path).then(
      (info) => {
        res.writeHead(200, { "content-length": info.size });
        createReadStream(path).pipe(res);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("no server address");
  return { url: `http://127.0.0.1:${address.port}/files`, server };
}

const failed = (result: VerifyResult) => result.checks.filter((c) => !c.ok).map((c) => c.name);

let chain: TestChain;
let root: string;
let good: string;
let first: ExportResult;
let wrongRoot: string;
let http: { url: string; server: Server };
let distributor: Address;

beforeAll(async () => {
  chain = await startTestChain();
  distributor = chain.deployment.distributor;
  root = await mkdtemp(join(tmpdir(), "verify-test-"));
  first = await exportEpoch(root, 1, chain);
  good = join(root, "1");
  await publish(chain, first);
  // Epoch 2: a real export, published with a dataset root that is not the files'.
  const second = await exportEpoch(root, 2, chain);
  wrongRoot = join(root, "2");
  await publish(chain, { ...second, datasetRoot: keccak256(toBytes("not the dataset")) });
  http = await serveFolder(good);
});

afterAll(async () => {
  await new Promise((resolve) => http?.server.close(resolve));
  await chain?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

async function copyOf(dir: string): Promise<string> {
  const to = await mkdtemp(join(root, "copy-"));
  await cp(dir, to, { recursive: true });
  return to;
}

/** Rewrites manifest.json's entry for `name` to the file's new length and sha256, as a careful forger would. */
async function refreshManifest(dir: string, name: string): Promise<Hex> {
  const manifest = parseManifest(await readFile(join(dir, "manifest.json"), "utf8"));
  const bytes = await readFile(join(dir, name));
  const { createHash } = await import("node:crypto");
  const files = manifest.files.map((f) => (f.name === name ? { ...f, bytes: bytes.length, sha256: createHash("sha256").update(bytes).digest("hex") } : f));
  const text = manifestJson({ ...manifest, files });
  await writeFile(join(dir, "manifest.json"), text);
  return manifestHash(text);
}

describe("verifySnapshot", () => {
  it("passes a good snapshot from a folder, with every check against the chain", async () => {
    const result = await verifySnapshot({ source: good, rpcUrl: chain.anvil.rpcUrl, distributor });
    expect(failed(result)).toEqual([]);
    expect(result.ok).toBe(true);
    const names = result.checks.map((c) => c.name);
    for (const name of ["manifest", "file data.jsonl", "file data.parquet", "content hashes", "dataset root", "reward root", "total cumulative"]) {
      expect(names).toContain(name);
    }
    for (const name of ["on-chain dataset root", "on-chain reward root", "on-chain manifest hash", "on-chain total cumulative"]) {
      expect(names).toContain(name);
    }
    expect(result.checks.find((c) => c.name === "dataset root")?.detail).toBe(first.datasetRoot);
    // The storage root with an epoch finds the same folder.
    expect((await verifySnapshot({ source: root, epoch: 1 })).ok).toBe(true);
  });

  it("passes a good snapshot served over HTTP", async () => {
    const result = await verifySnapshot({ source: http.url, rpcUrl: chain.anvil.rpcUrl, distributor });
    expect(failed(result)).toEqual([]);
    expect(result.checks.find((c) => c.name === "file data.jsonl")?.ok).toBe(true);
  });

  it("fails on a row whose text changed by one character, even with a consistent manifest", async () => {
    const dir = await copyOf(good);
    const path = join(dir, "data.jsonl");
    const text = await readFile(path, "utf8");
    const at = text.indexOf("a thread about rust");
    await writeFile(path, text.slice(0, at) + "A" + text.slice(at + 1));

    const result = await verifySnapshot({ source: dir });
    expect(failed(result)).toEqual(["file data.jsonl", "content hashes"]);
    expect(result.checks.find((c) => c.name === "file data.jsonl")?.detail).toMatch(/sha256 [0-9a-f]{64}, the manifest says/);
    expect(result.checks.find((c) => c.name === "content hashes")?.detail).toBe("1 row's content_hash is not keccak256 of the text (line 1)");

    // Rewriting the manifest's sha256 hides the file change but not the row: nor the chain's manifest hash.
    await refreshManifest(dir, "data.jsonl");
    const forged = await verifySnapshot({ source: dir, rpcUrl: chain.anvil.rpcUrl, distributor });
    expect(failed(forged)).toEqual(["content hashes", "on-chain manifest hash"]);
  });

  it("fails on a changed reward even when the manifest's sha256 was updated to match", async () => {
    const dir = await copyOf(good);
    const path = join(dir, "rewards.json");
    const rewards = JSON.parse(await readFile(path, "utf8")) as { accounts: { cumulative: string }[] };
    const account = rewards.accounts[0]!;
    account.cumulative = (BigInt(account.cumulative) + 10n ** 18n).toString();
    await writeFile(path, JSON.stringify(rewards, null, 2) + "\n");
    await refreshManifest(dir, "rewards.json");

    const result = await verifySnapshot({ source: dir, rpcUrl: chain.anvil.rpcUrl, distributor });
    const names = failed(result);
    expect(names).toContain("reward root");
    expect(names).toContain("total cumulative");
    expect(names).not.toContain("file rewards.json");
    expect(names).toEqual(expect.arrayContaining(["on-chain reward root", "on-chain manifest hash", "on-chain total cumulative"]));
    expect(result.checks.find((c) => c.name === "reward root")?.detail).toMatch(/^recomputed 0x[0-9a-f]{64} from rewards.json/);
  });

  it("fails when the chain holds a different dataset root for the epoch", async () => {
    const result = await verifySnapshot({ source: wrongRoot, rpcUrl: chain.anvil.rpcUrl, distributor });
    expect(failed(result)).toEqual(["on-chain dataset root"]);
    expect(result.checks.find((c) => c.name === "on-chain dataset root")?.detail).toMatch(/^the chain holds 0x[0-9a-f]{64}, data.jsonl gives 0x/);
  });

  it("fails, saying so, when the epoch is not published", async () => {
    const result = await verifySnapshot({ source: good, rpcUrl: chain.anvil.rpcUrl, distributor, epoch: 9 });
    expect(failed(result)).toEqual(["epoch", "on-chain epoch"]);
    expect(result.checks.find((c) => c.name === "on-chain epoch")?.detail).toBe(
      `epoch 9 is not published on ${distributor} (latest published epoch: 2)`,
    );
  });

  it("reports a missing file, a missing manifest and an unreachable RPC without throwing", async () => {
    const dir = await copyOf(good);
    await rm(join(dir, "data.parquet"));
    const result = await verifySnapshot({ source: dir, rpcUrl: "http://127.0.0.1:9", distributor });
    expect(failed(result)).toEqual(["file data.parquet", "chain"]);
    expect((await verifySnapshot({ source: join(root, "nothing") })).checks).toEqual([
      { name: "manifest", ok: false, detail: expect.stringMatching(/^cannot read manifest.json: no such folder/) },
    ]);
    const missing = await verifySnapshot({ source: `${http.url}/missing` });
    expect(missing.ok).toBe(false);
  });
});

describe("commonplace-verify", () => {
  const run = (...args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ["bin/commonplace-verify.mjs", ...args], {
        env: { ...process.env, NO_COLOR: "1", RPC_URL: "", DISTRIBUTOR: "" },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.once("error", reject);
      child.once("close", (code) => resolve({ code, stdout, stderr }));
    });

  it("exits 0 on a good snapshot, 1 with the failing check on a wrong chain root, 2 on a usage error", async () => {
    const rpc = chain.anvil.rpcUrl;
    const [ok, bad, usage] = await Promise.all([
      run(good, "--rpc", rpc, "--distributor", distributor),
      run(wrongRoot, "--rpc", rpc, "--distributor", distributor),
      run(good, "--epoch", "zero"),
    ]);
    expect(ok.stdout).toMatch(/✓ on-chain dataset root/);
    expect(ok.stdout).toMatch(/^OK: all \d+ checks passed$/m);
    expect(ok.code).toBe(0);

    expect(bad.stdout).toMatch(/✗ on-chain dataset root +the chain holds 0x[0-9a-f]{64}, data.jsonl gives 0x[0-9a-f]{64}/);
    expect(bad.stdout).toMatch(/^FAILED: 1 of \d+ checks \(on-chain dataset root\)$/m);
    expect(bad.code).toBe(1);

    expect(usage.stderr).toMatch(/--epoch must be a positive integer/);
    expect(usage.code).toBe(2);
  });
});
