import { spawn } from "node:child_process";
import { createReadStream } from "node:fs";
import { cp, mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { createWalletClient, getAddress, http as viemHttp, keccak256, toBytes, toHex, type Address, type Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { anvilKey } from "@/lib/chain/anvil-accounts";
import { DEFAULT_MIN_STAKE, seedLocalValidators } from "@/lib/chain/deploy";
import { rewardLeaves } from "@/lib/rewards/allocation";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snapshotDistributorAbi, validatorStakingAbi } from "@/lib/chain/abi";
import { startTestChain, type TestChain } from "@/contracts/fixtures";
import { exportSnapshot, type ExportResult as ExportFiles } from "./export";
import { LocalSnapshotStorage } from "./local-storage";
import { manifestHash, manifestJson, parseManifest, type Manifest } from "./writers/manifest";
import { writeDatasetCsv } from "./writers/csv";
import { writeDatasetParquet } from "./writers/parquet";
import { parseRewardsFile } from "./writers/rewards-json";
import type { DatasetRow, VoteRow } from "./rows";
import { buildRewardTree } from "@/lib/merkle/standard-tree";
import { submissionDigest, voteDigest, votingKeyDigest } from "@/lib/signing/snapshot-digests";
import { verifySnapshot, type VerifyResult } from "./verify";
import { filesBaseUrl } from "./verify-source";
import { CHAIN_ID, decidedAt, delegationSignature, epochFiles, keyFrom, signDigest, signedHistory, VALIDATORS } from "../testing/signed-epoch";

const BUDGET = 10n ** 20n;
/** From now, so the cut-offs are after the test chain's blocks: the validators' stakes are read at the cut-off. */
const START = Math.floor(Date.now() / 1000) * 1000;
const HISTORY = signedHistory(60, { start: START });
/** Epoch 1 takes the first 30 items' decisions; epoch 2, everything (cumulative), paying for what is new. */
const CUTOFF_1 = decidedAt(29, START);
const CUTOFF_2 = decidedAt(59, START);

async function* iterate<T>(items: readonly T[]): AsyncIterable<T> {
  for (const item of items) yield item;
}

async function exportEpoch(root: string, epoch: number, chain: TestChain, previous: ExportResult | null): Promise<ExportResult> {
  const files = epochFiles(HISTORY, {
    cutoff: epoch === 1 ? CUTOFF_1 : CUTOFF_2,
    budget: BUDGET,
    previous: previous && {
      epoch: previous.epoch,
      manifestHash: previous.manifestHash,
      cutoff: previous.manifest.created_at,
      cumulative: new Map(previous.allocations.map((a) => [a.address, a.cumulative])),
    },
  });
  const result = await exportSnapshot({
    storage: new LocalSnapshotStorage(root),
    meta: { epoch, cutoff: new Date(epoch === 1 ? CUTOFF_1 : CUTOFF_2).toISOString(), chainId: CHAIN_ID, contracts: chain.deployment, budget: BUDGET, contributorShareBps: 7000 },
    rows: () => iterate(files.rows),
    decisions: () => iterate(files.decisions),
    votes: () => iterate(files.votes),
    rewardInputs: files.rewardInputs,
    allocation: files.allocation,
    previousCumulative: files.previousCumulative,
  });
  return { ...result, allocations: rewardLeaves(files.allocation.allocations, files.previousCumulative).map((l) => ({ address: l.account, cumulative: l.amount })) };
}

type ExportResult = ExportFiles & { allocations: { address: string; cumulative: bigint }[] };

async function publish(chain: TestChain, r: Pick<ExportResult, "epoch" | "datasetRoot" | "rewardRoot" | "manifestHash" | "totalCumulative">) {
  await chain.send(0, {
    address: chain.deployment.distributor,
    abi: snapshotDistributorAbi,
    functionName: "publish",
    args: [BigInt(r.epoch), r.datasetRoot, r.rewardRoot, r.manifestHash, r.totalCumulative],
  });
}

/** The newest epoch folder under `dir`, as `latest` names the newest published epoch. */
async function newestEpoch(dir: string): Promise<string | undefined> {
  const epochs = (await readdir(dir)).filter((name) => /^[1-9]\d*$/.test(name)).map(Number);
  return epochs.length ? String(Math.max(...epochs)) : undefined;
}

/** Serves `{root}/{epoch}/{name}` at `/api/datasets/{epoch|latest}/files/{name}`, as the app's file route does. */
async function serveRoot(dir: string): Promise<{ origin: string; base: string; server: Server }> {
  const server = createServer(async (req, res) => {
    const match = /^\/api\/datasets\/(\d+|latest)\/files\/([^/]+)$/.exec(new URL(req.url ?? "/", "http://x").pathname);
    const epoch = match?.[1] === "latest" ? await newestEpoch(dir) : match?.[1];
    if (!match || !epoch) return void res.writeHead(404).end();
    const path = join(dir, epoch, basename(decodeURIComponent(match[2]!)));
    stat(path).then(
      (info) => {
        const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? "");
        if (range) {
          const [start, end] = [Number(range[1]), Math.min(Number(range[2]), info.size - 1)];
          res.writeHead(206, { "content-length": end - start + 1, "content-range": `bytes ${start}-${end}/${info.size}` });
          if (req.method === "HEAD") return void res.end();
          return void createReadStream(path, { start, end }).pipe(res);
        }
        res.writeHead(200, { "content-length": info.size, "accept-ranges": "bytes" });
        if (req.method === "HEAD") return void res.end();
        createReadStream(path).pipe(res);
      },
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("no server address");
  const origin = `http://127.0.0.1:${address.port}`;
  return { origin, base: `${origin}/api/datasets`, server };
}

const failed = (result: VerifyResult) => result.checks.filter((c) => !c.ok).map((c) => c.name);
const detail = (result: VerifyResult, name: string) => result.checks.find((c) => c.name === name)?.detail;

let chain: TestChain;
let root: string;
let good: string;
let first: ExportResult;
let wrongRoot: string;
let http: { origin: string; base: string; server: Server };
let distributor: Address;

beforeAll(async () => {
  chain = await startTestChain();
  distributor = chain.deployment.distributor;
  for (const v of VALIDATORS) await chain.testClient.setBalance({ address: v.wallet.address as Address, value: 10n ** 18n });
  await seedLocalValidators({
    rpcUrl: chain.anvil.rpcUrl,
    deployment: chain.deployment,
    funderKey: anvilKey(0),
    validatorKeys: VALIDATORS.map((v) => toHex(v.wallet.privateKey)),
  });
  root = await mkdtemp(join(tmpdir(), "verify-test-"));
  first = await exportEpoch(root, 1, chain, null);
  good = join(root, "1");
  await publish(chain, first);
  // Epoch 2: a real export, published with a dataset root that is not the files'.
  const second = await exportEpoch(root, 2, chain, first);
  wrongRoot = join(root, "2");
  await publish(chain, { ...second, datasetRoot: keccak256(toBytes("not the dataset")) });
  http = await serveRoot(root);
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
async function refreshManifest(dir: string, name: string, changes: Partial<Manifest> = {}): Promise<Hex> {
  const manifest = { ...parseManifest(await readFile(join(dir, "manifest.json"), "utf8")), ...changes };
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
    for (const name of ["submission signatures", "vote signatures", "decisions", "data rows", "reward inputs", "reward amounts", "data.parquet rows", "data.csv rows", "cid", "snapshot.car"]) {
      expect(names).toContain(name);
    }
    expect(result.checks.find((c) => c.name === "dataset root")?.detail).toBe(first.datasetRoot);
    // The storage root with an epoch finds the same folder.
    expect((await verifySnapshot({ source: root, epoch: 1 })).ok).toBe(true);
  });

  it("passes a good snapshot served over HTTP", async () => {
    const result = await verifySnapshot({ source: `${http.base}/1/files`, rpcUrl: chain.anvil.rpcUrl, distributor });
    expect(failed(result)).toEqual([]);
    expect(result.checks.find((c) => c.name === "file data.jsonl")?.ok).toBe(true);
    // Epoch 2 re-derives its amounts from epoch 1's, found at the neighbouring URL.
    const second = await verifySnapshot({ source: `${http.base}/2/files` });
    expect(failed(second)).toEqual([]);
    expect(detail(second, "previous epoch")).toMatch(new RegExp(`^epoch 1 \\(${http.base}/1/files\\), manifest ${first.manifestHash}$`));
  });

  it("fails on a row whose text changed by one character, even with a consistent manifest", async () => {
    const dir = await copyOf(good);
    const path = join(dir, "data.jsonl");
    const text = await readFile(path, "utf8");
    const at = text.indexOf("a thread about rust");
    await writeFile(path, text.slice(0, at) + "A" + text.slice(at + 1));

    const result = await verifySnapshot({ source: dir });
    // The copies in the other formats and the content address no longer match either.
    expect(failed(result)).toEqual(["file data.jsonl", "content hashes", "data.parquet rows", "data.csv rows", "cid", "snapshot.car"]);
    expect(detail(result, "data.parquet rows")).toBe("data.parquet row 1 differs from data.jsonl line 1");
    expect(result.checks.find((c) => c.name === "file data.jsonl")?.detail).toMatch(/sha256 [0-9a-f]{64}, the manifest says/);
    expect(result.checks.find((c) => c.name === "content hashes")?.detail).toBe("1 row's content_hash is not keccak256 of the text (line 1)");

    // Rewriting the manifest's sha256 hides the file change but not the row: nor the chain's manifest hash.
    await refreshManifest(dir, "data.jsonl");
    const forged = await verifySnapshot({ source: dir, rpcUrl: chain.anvil.rpcUrl, distributor });
    expect(failed(forged)).toEqual(["content hashes", "data.parquet rows", "data.csv rows", "cid", "snapshot.car", "on-chain manifest hash"]);
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
    expect(detail(result, "reward amounts")).toMatch(/^rewards.json account 0x[0-9a-f]{40}: cumulative \d+, the rule gives \d+/);
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

  it("names a validator whose votes count but who was not staked at the cut-off", async () => {
    const id = await chain.snapshot();
    try {
      const quitter = VALIDATORS[1]!.wallet;
      const wallet = createWalletClient({ account: privateKeyToAccount(toHex(quitter.privateKey)), chain: foundry, transport: viemHttp(chain.anvil.rpcUrl) });
      const hash = await wallet.writeContract({ address: chain.deployment.staking, abi: validatorStakingAbi, functionName: "requestUnstake", args: [DEFAULT_MIN_STAKE] });
      await chain.publicClient.waitForTransactionReceipt({ hash });
      const result = await verifySnapshot({ source: good, rpcUrl: chain.anvil.rpcUrl, distributor });
      expect(failed(result)).toEqual(["validator stakes"]);
      expect(detail(result, "validator stakes")).toMatch(new RegExp(`^${quitter.address} was not staked on ${chain.deployment.staking} at block \\d+ \\(the cut-off\\)$`));
    } finally {
      await chain.revert(id);
    }
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
    expect(failed(result)).toEqual(["file data.parquet", "cid", "chain"]);
    expect(detail(result, "cid")).toBe("cannot recompute: data.parquet is missing");
    expect((await verifySnapshot({ source: join(root, "nothing") })).checks).toEqual([
      { name: "manifest", ok: false, detail: expect.stringMatching(/^cannot read manifest.json: no such folder/) },
    ]);
    const missing = await verifySnapshot({ source: `${http.base}/7/files` });
    expect(missing.ok).toBe(false);
  });
});

describe("the URLs the site shows for an epoch", () => {
  it("resolve to the epoch's files, latest to the number its manifest names", async () => {
    const files = `${http.base}/1/files`;
    const forms = [`${http.origin}/datasets/1`, `${http.origin}/datasets/1/`, `${http.base}/1`, `${http.base}/1/`, files, `${files}/`, `${files}/manifest.json`, `${files}/data.parquet`];
    for (const form of forms) expect(await filesBaseUrl(form), form).toBe(files);
    for (const form of [`${http.base}/latest`, `${http.base}/latest/files/`, `${http.origin}/datasets/latest`]) {
      expect(await filesBaseUrl(form), form).toBe(`${http.base}/2/files`);
    }
    // The app under a path prefix; any other URL is a base serving {url}/{name} (a mirror, a bucket), less a file name.
    expect(await filesBaseUrl("https://example.org/commonplace/datasets/4")).toBe("https://example.org/commonplace/api/datasets/4/files");
    expect(await filesBaseUrl("https://mirror.example/epoch-4/manifest.json")).toBe("https://mirror.example/epoch-4");
  });

  it("verifies an epoch from its page's URL, with the chain, finding the distributor in the manifest", async () => {
    const result = await verifySnapshot({ source: `${http.origin}/datasets/1`, rpcUrl: chain.anvil.rpcUrl });
    expect(failed(result)).toEqual([]);
    expect(result).toMatchObject({ ok: true, epoch: 1, chainId: CHAIN_ID, location: `${http.base}/1/files` });
    expect(detail(result, "distributor")).toBe(`${distributor}, as manifest.json names it (the server's word: pin the official one with --distributor)`);
    expect(detail(result, "on-chain dataset root")).toBe(first.datasetRoot);
  });

  it("reads latest as one numbered epoch, whose previous epoch is found beside it", async () => {
    const result = await verifySnapshot({ source: `${http.base}/latest` });
    expect(failed(result)).toEqual([]);
    expect(result).toMatchObject({ epoch: 2, location: `${http.base}/2/files` });
    expect(detail(result, "previous epoch")).toMatch(new RegExp(`^epoch 1 \\(${http.base}/1/files\\)`));
  });

  it("takes a snapshot file's path for its folder, and says when nothing is published", async () => {
    expect(await verifySnapshot({ source: join(good, "manifest.json") })).toMatchObject({ ok: true, epoch: 1, location: good });
    const none = await verifySnapshot({ source: "http://app.invalid/api/datasets/latest", fetch: async () => new Response("{}", { status: 404 }) });
    expect(none).toEqual({
      ok: false,
      epoch: null,
      chainId: null,
      location: null,
      checks: [
        {
          name: "manifest",
          ok: false,
          detail: "cannot read manifest.json: no published epoch at http://app.invalid (GET http://app.invalid/api/datasets/latest/files/manifest.json: HTTP 404)",
        },
      ],
    });
  });
});

/** Rewrites line `n` (1-based) of a JSON Lines file through `edit`, keeping every other byte. */
async function editLine(dir: string, name: string, n: number, edit: (row: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
  const lines = (await readFile(join(dir, name), "utf8")).split("\n");
  lines[n - 1] = JSON.stringify(edit(JSON.parse(lines[n - 1]!) as Record<string, unknown>));
  await writeFile(join(dir, name), lines.join("\n"));
}

async function jsonLines<T>(dir: string, name: string): Promise<T[]> {
  return (await readFile(join(dir, name), "utf8")).trimEnd().split("\n").map((l) => JSON.parse(l) as T);
}

const STRANGER = keyFrom("a key nobody delegated");

describe("tampering with one thing at a time (offline)", () => {
  it("a changed vote verdict: the vote's signature no longer holds", async () => {
    const dir = await copyOf(good);
    await editLine(dir, "votes.jsonl", 2, (v) => ({ ...v, verdict: "reject" }));
    await refreshManifest(dir, "votes.jsonl");
    const result = await verifySnapshot({ source: dir });
    expect(failed(result)).toContain("vote signatures");
    expect(detail(result, "vote signatures")).toMatch(/^votes.jsonl line 2 \(0x[0-9a-f]{40} on [0-9a-f-]{36}\): the Vote signature recovers 0x[0-9a-f]{40}, not (its key|the validator) 0x[0-9a-f]{40}/);
  });

  it("a vote signed by a key nobody delegated", async () => {
    const dir = await copyOf(good);
    const votes = await jsonLines<VoteRow>(dir, "votes.jsonl");
    const n = votes.findIndex((v) => v.key !== v.validator) + 1;
    await editLine(dir, "votes.jsonl", n, (v) => {
      const vote = v as VoteRow;
      const expires_at = vote.key_expires_at!;
      return {
        ...vote,
        signature: signDigest(STRANGER, voteDigest(vote, CHAIN_ID)),
        key: STRANGER.address,
        key_signature: signDigest(STRANGER, votingKeyDigest({ validator: vote.validator, key: STRANGER.address, expires_at }, CHAIN_ID)),
      };
    });
    await refreshManifest(dir, "votes.jsonl");
    const result = await verifySnapshot({ source: dir });
    expect(failed(result)).toEqual(["vote signatures", "cid", "snapshot.car"]);
    expect(detail(result, "vote signatures")).toBe(
      `votes.jsonl line ${n} (${votes[n - 1]!.validator} on ${votes[n - 1]!.submission_id}): the VotingKey delegation of ${STRANGER.address} recovers ${STRANGER.address}, not the validator ${votes[n - 1]!.validator} (a smart account's signature needs --rpc)`,
    );
  });

  it("a vote signed by a key after it expired", async () => {
    const dir = await copyOf(good);
    const votes = await jsonLines<VoteRow>(dir, "votes.jsonl");
    const n = votes.findIndex((v) => v.key !== v.validator) + 1;
    const vote = votes[n - 1]!;
    const v = VALIDATORS.findIndex((x) => x.wallet.address === vote.validator);
    const expired = new Date(Date.parse(vote.issued_at) - 60_000).toISOString();
    await editLine(dir, "votes.jsonl", n, (row) => ({ ...row, key_expires_at: expired, key_signature: delegationSignature(v, expired) }));
    await refreshManifest(dir, "votes.jsonl");
    const result = await verifySnapshot({ source: dir });
    expect(failed(result)).toEqual(["vote signatures", "cid", "snapshot.car"]);
    expect(detail(result, "vote signatures")).toBe(
      `votes.jsonl line ${n} (${vote.validator} on ${vote.submission_id}): signed at ${vote.issued_at} by key ${vote.key}, which expired at ${expired}`,
    );
  });

  it("a reward amount moved between accounts, with the reward tree and the manifest rebuilt to match", async () => {
    const dir = await copyOf(good);
    const path = join(dir, "rewards.json");
    const rewards = parseRewardsFile(await readFile(path, "utf8"));
    const [a, b] = rewards.accounts.filter((x) => BigInt(x.contributor_amount) > 10n ** 18n);
    const shift = (x: typeof a, by: bigint) => {
      for (const key of ["contributor_amount", "epoch_amount", "cumulative"] as const) x![key] = (BigInt(x![key]) + by).toString();
    };
    shift(a, 10n ** 18n);
    shift(b, -(10n ** 18n));
    const tree = buildRewardTree(rewards.accounts.map((x) => ({ account: x.address as Address, amount: BigInt(x.cumulative) })));
    rewards.reward_root = tree.root;
    rewards.accounts.forEach((x, i) => (x.proof = tree.proof(i)));
    await writeFile(path, JSON.stringify(rewards, null, 2) + "\n");
    await refreshManifest(dir, "rewards.json", { reward_root: tree.root });

    const result = await verifySnapshot({ source: dir });
    expect(failed(result)).toEqual(["reward amounts", "cid", "snapshot.car"]);
    expect(detail(result, "reward amounts")).toMatch(new RegExp(`^rewards.json account ${a!.address}: contributor_amount ${a!.contributor_amount}, the rule gives \\d+ \\(and 5 more\\)$`));
  });

  it("a reward input changed (one new item's quality), the manifest rehashed", async () => {
    const dir = await copyOf(good);
    const path = join(dir, "rewards.json");
    const rewards = parseRewardsFile(await readFile(path, "utf8"));
    const entry = rewards.inputs.contributions[2]!;
    const honest = entry.quality;
    entry.quality = 5;
    await writeFile(path, JSON.stringify(rewards, null, 2) + "\n");
    await refreshManifest(dir, "rewards.json");
    const result = await verifySnapshot({ source: dir });
    expect(failed(result)).toEqual(["reward inputs", "cid", "snapshot.car"]);
    expect(detail(result, "reward inputs")).toBe(
      `rewards.json inputs.contributions[2] is ${entry.submission_id} by ${entry.contributor} at quality 5; the files give ${entry.submission_id} by ${entry.contributor} at quality ${honest}`,
    );
  });

  it("one row changed in data.parquet, the manifest rehashed", async () => {
    const dir = await copyOf(good);
    const rows = await jsonLines<DatasetRow>(dir, "data.jsonl");
    const changed = rows.map((r, i) => (i === 2 ? { ...r, quality: 5 } : r));
    const out = await import("node:fs").then((fs) => fs.createWriteStream(join(dir, "data.parquet")));
    await writeDatasetParquet(iterate(changed), { write: (chunk) => new Promise<void>((resolve, reject) => out.write(chunk, (e) => (e ? reject(e) : resolve()))) });
    await new Promise((resolve) => out.end(resolve));
    await refreshManifest(dir, "data.parquet");
    const result = await verifySnapshot({ source: dir });
    expect(failed(result)).toEqual(["data.parquet rows", "cid", "snapshot.car"]);
    expect(detail(result, "data.parquet rows")).toBe("data.parquet row 3 differs from data.jsonl line 3");
  });

  it("a screening signal changed in data.parquet and data.csv, the manifest rehashed", async () => {
    const dir = await copyOf(good);
    const rows = await jsonLines<DatasetRow>(dir, "data.jsonl");
    // The good snapshot holds screened, flagged and unscreened rows: the checks below compare all of them.
    expect(new Set(rows.map((r) => r.screening_verdict))).toEqual(new Set(["pass", "flag", null]));
    const changed = rows.map((r, i) => (i === 2 ? { ...r, signal_caps_share: (r.signal_caps_share ?? 0) + 0.5 } : r));
    for (const [name, write] of [
      ["data.parquet", writeDatasetParquet],
      ["data.csv", writeDatasetCsv],
    ] as const) {
      const out = await import("node:fs").then((fs) => fs.createWriteStream(join(dir, name)));
      await write(iterate(changed), { write: (chunk) => new Promise<void>((resolve, reject) => out.write(chunk, (e) => (e ? reject(e) : resolve()))) });
      await new Promise((resolve) => out.end(resolve));
      await refreshManifest(dir, name);
    }
    const result = await verifySnapshot({ source: dir });
    expect(failed(result)).toEqual(["data.parquet rows", "data.csv rows", "cid", "snapshot.car"]);
    expect(detail(result, "data.parquet rows")).toBe("data.parquet row 3 differs from data.jsonl line 3");
    expect(detail(result, "data.csv rows")).toBe("data.csv record 3 (data.jsonl line 3) differs from data.jsonl");
  });

  it("a data row whose signature is by another key", async () => {
    const dir = await copyOf(good);
    const rows = await jsonLines<DatasetRow>(dir, "data.jsonl");
    await editLine(dir, "data.jsonl", 4, (r) => ({ ...r, signature: signDigest(STRANGER, submissionDigest(r as DatasetRow, CHAIN_ID)) }));
    await refreshManifest(dir, "data.jsonl");
    const result = await verifySnapshot({ source: dir });
    expect(failed(result)).toContain("submission signatures");
    expect(failed(result)).not.toContain("dataset root");
    expect(detail(result, "submission signatures")).toBe(
      `data.jsonl line 4 (${rows[3]!.id}): the Submission signature recovers ${STRANGER.address}, not the contributor ${rows[3]!.contributor} (a smart account's signature needs --rpc)`,
    );
  });

  it("one byte changed inside snapshot.car", async () => {
    const dir = await copyOf(good);
    const path = join(dir, "snapshot.car");
    const car = await readFile(path);
    const at = car.indexOf(Buffer.from("a thread about rust")) + 3;
    expect(at).toBeGreaterThan(3);
    car[at] = car[at]! ^ 0x01;
    await writeFile(path, car);
    await refreshManifest(dir, "snapshot.car");
    const result = await verifySnapshot({ source: dir });
    expect(failed(result)).toEqual(["snapshot.car"]);
    expect(detail(result, "snapshot.car")).toMatch(/^block bafk[a-z2-7]+ does not hash to its CID$/);
  });
});

describe("commonplace-verify", () => {
  const runWith = (env: Record<string, string>, ...args: string[]) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ["bin/commonplace-verify.mjs", ...args], {
        env: { ...process.env, NO_COLOR: "1", RPC_URL: "", DISTRIBUTOR: "", ...env },
      });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
      child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
      child.once("error", reject);
      child.once("close", (code) => resolve({ code, stdout, stderr }));
    });
  const run = (...args: string[]) => runWith({}, ...args);

  /** A DEPLOYMENTS_DIR recording `distributor` (or nothing) as chain 31337's. */
  async function deployments(recorded?: Address): Promise<string> {
    const dir = await mkdtemp(join(root, "deployments-"));
    if (recorded) await writeFile(join(dir, `${CHAIN_ID}.json`), JSON.stringify({ ...chain.deployment, distributor: recorded }));
    return dir;
  }

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

  it("--json: one object with the epoch, the result and every check; the distributor from the manifest, no --distributor", async () => {
    const { code, stdout } = await runWith({ DEPLOYMENTS_DIR: await deployments() }, `${http.origin}/datasets/1`, "--rpc", chain.anvil.rpcUrl, "--json");
    const report = JSON.parse(stdout) as { source: string; location: string; epoch: number; chainId: number; chainChecked: boolean; ok: boolean; checks: VerifyResult["checks"] };
    expect(report).toMatchObject({ source: `${http.origin}/datasets/1`, location: `${http.base}/1/files`, epoch: 1, chainId: CHAIN_ID, chainChecked: true, ok: true });
    expect(report.checks.every((c) => c.ok && typeof c.name === "string" && typeof c.detail === "string")).toBe(true);
    expect(report.checks.find((c) => c.name === "distributor")?.detail).toMatch(new RegExp(`^${distributor}, as manifest.json names it`));
    expect(report.checks.map((c) => c.name)).toEqual(expect.arrayContaining(["manifest", "vote signatures", "on-chain manifest hash", "validator stakes"]));
    expect(code).toBe(0);
  });

  it("prefers the distributor this repository records for the chain, and fails when the manifest names another", async () => {
    const stranger = getAddress(keyFrom("another distributor").address);
    const [agrees, differs] = await Promise.all([
      runWith({ DEPLOYMENTS_DIR: await deployments(distributor) }, good, "--rpc", chain.anvil.rpcUrl),
      runWith({ DEPLOYMENTS_DIR: await deployments(stranger) }, good, "--rpc", chain.anvil.rpcUrl, "--json"),
    ]);
    expect(agrees.stdout).toMatch(new RegExp(`✓ distributor +${distributor} \\(recorded in .*/${CHAIN_ID}\\.json, as manifest.json names it\\)`));
    expect(agrees.code).toBe(0);
    const report = JSON.parse(differs.stdout) as { ok: boolean; checks: VerifyResult["checks"] };
    expect(report.ok).toBe(false);
    expect(report.checks.find((c) => c.name === "distributor")).toEqual({
      name: "distributor",
      ok: false,
      detail: expect.stringMatching(new RegExp(`^recorded in .*/${CHAIN_ID}\\.json gives ${stranger}, manifest.json names ${distributor}$`)),
    });
    expect(differs.code).toBe(1);
  });
});
