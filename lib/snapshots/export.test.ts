import { createHash } from "node:crypto";
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { afterAll, describe, expect, it } from "vitest";
import { allocateEpoch } from "@/lib/rewards/allocation";
import { CAR_FILE, directoryCid, verifyCar } from "./car";
import { exportSnapshot, type ExportInput, type ExportProgress } from "./export";
import { LocalSnapshotStorage } from "./local-storage";
import { CONSENSUS_DEFAULTS } from "@/lib/curation/consensus";
import { decisionParams, type DatasetRow, type DecisionRow, type VoteRow } from "./rows";
import { MANIFEST_FILE, manifestHash, parseManifest, SNAPSHOT_FILES } from "./writers/manifest";
import { parseRewardsFile } from "./writers/rewards-json";
import { datasetRow, testAddress } from "../testing/snapshot-fixtures";

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), "snapshot-test-"));
  dirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const addr = testAddress;
const TEXTS = ["hello, \"world\"\nsecond line", "<script>alert(1)</script>", "=1+2", "日本語 🎉", "", "plain"];

function rowAt(i: number): DatasetRow {
  return datasetRow(i, `${TEXTS[i % TEXTS.length]} ${i}`, {
    source_url: i % 2 ? null : `https://example.test/${i}`,
    tags: i % 3 ? ["a", "b,c"] : [],
    license: i % 4 ? "cc-by-4.0" : "mit",
    quality: 1 + (i % 5) * 0.9,
    contributor: addr((i % 4) + 1),
  });
}

const ROWS = Array.from({ length: 120 }, (_, i) => rowAt(i));
const DECISIONS: DecisionRow[] = ROWS.map((r) => ({
  submission_id: r.id,
  content_hash: r.content_hash,
  outcome: "accepted",
  reason: null,
  accept_share: 1,
  quality: r.quality,
  vote_count: 3,
  decided_at: r.accepted_at,
  params: decisionParams(CONSENSUS_DEFAULTS),
}));
const VOTES: VoteRow[] = ROWS.flatMap((r, i) =>
  [11, 12, 13].map((v) => ({
    submission_id: r.id,
    content_hash: r.content_hash,
    validator: addr(v),
    verdict: i % 10 === 0 && v === 13 ? ("reject" as const) : ("accept" as const),
    quality: 3,
    flags: [],
    issued_at: r.accepted_at,
    weight: 0.25,
    signature: `0x${"ef".repeat(65)}`,
    key: addr(v),
    key_expires_at: null,
    key_signature: null,
  })),
);

async function* iterate<T>(items: readonly T[]): AsyncIterable<T> {
  for (const item of items) yield item;
}

function exportInput(root: string, overrides: Partial<ExportInput> = {}): ExportInput {
  const previousCumulative = new Map([
    [addr(1), 500n],
    [addr(99), 1234n], // earned earlier, nothing this epoch: must stay in the tree
  ]);
  const contributions = ROWS.map((r) => ({ submissionId: r.id, address: r.contributor, quality: r.quality }));
  const validatorAgreements = [11, 12, 13].map((v) => ({ address: addr(v), agreedVotes: VOTES.filter((x) => x.validator === addr(v) && x.verdict === "accept").length }));
  const allocation = allocateEpoch({ budget: 10n ** 21n + 7n, contributions, validatorAgreements, previousCumulative });
  return {
    storage: new LocalSnapshotStorage(root),
    meta: {
      epoch: 2,
      cutoff: "2025-06-03T00:00:00.000Z",
      chainId: 31337,
      contracts: { token: addr(0xa1), distributor: addr(0xa2), staking: addr(0xa3) },
      budget: 10n ** 21n + 7n,
      contributorShareBps: 7000,
      siteUrl: "http://localhost:3000",
    },
    rows: () => iterate(ROWS),
    decisions: () => iterate(DECISIONS),
    votes: () => iterate(VOTES),
    rewardInputs: { previous: { epoch: 1, manifestHash: `0x${"9".repeat(64)}`, cutoff: "2025-06-01T00:00:00.000Z" }, contributions, validatorAgreements },
    allocation,
    previousCumulative,
    ...overrides,
  };
}

describe("exportSnapshot", () => {
  it("rebuilds byte-identical files, with a manifest that matches them and roots recomputable from them", async () => {
    const [a, b] = [await tempDir(), await tempDir()];
    const progress: ExportProgress[] = [];
    const first = await exportSnapshot(exportInput(a, { onProgress: (p) => progress.push(p) }));
    const second = await exportSnapshot(exportInput(b));

    const names = (await readdir(join(a, "2"))).sort();
    expect(names).toEqual([...SNAPSHOT_FILES, MANIFEST_FILE].sort());
    expect((await readdir(join(b, "2"))).sort()).toEqual(names);
    for (const name of names) {
      const [x, y] = [await readFile(join(a, "2", name)), await readFile(join(b, "2", name))];
      expect(x.equals(y), name).toBe(true);
    }
    expect(second).toEqual(first);

    const manifestBytes = await readFile(join(a, "2", MANIFEST_FILE));
    expect(manifestHash(manifestBytes)).toBe(first.manifestHash);
    const manifest = parseManifest(manifestBytes.toString("utf8"));
    expect(manifest.files.map((f) => f.name)).toEqual([...SNAPSHOT_FILES]);
    for (const f of manifest.files) {
      const bytes = await readFile(join(a, "2", f.name));
      expect(f.bytes, f.name).toBe(bytes.length);
      expect(f.sha256, f.name).toBe(createHash("sha256").update(bytes).digest("hex"));
    }
    expect(manifest).toMatchObject({ epoch: 2, created_at: "2025-06-03T00:00:00.000Z", item_count: 120, vote_count: 360, chain_id: 31337 });

    // Dataset root, recomputed from data.jsonl alone with OpenZeppelin's reference implementation.
    const lines = (await readFile(join(a, "2", "data.jsonl"), "utf8")).trimEnd().split("\n");
    const leaves = lines.map((l) => JSON.parse(l) as DatasetRow).map((r) => [r.content_hash, r.contributor]);
    expect(StandardMerkleTree.of(leaves, ["bytes32", "address"]).root).toBe(manifest.dataset_root);

    // Reward root and proofs, from rewards.json alone.
    const rewards = parseRewardsFile(await readFile(join(a, "2", "rewards.json"), "utf8"));
    const tree = StandardMerkleTree.of(rewards.accounts.map((x) => [x.address, x.cumulative]), ["address", "uint256"]);
    expect(tree.root).toBe(manifest.reward_root);
    for (const x of rewards.accounts) {
      expect(StandardMerkleTree.verify(rewards.reward_root, ["address", "uint256"], [x.address, x.cumulative], x.proof)).toBe(true);
    }
    const byAddress = new Map(rewards.accounts.map((x) => [x.address, x]));
    expect(byAddress.get(addr(99))).toMatchObject({ epoch_amount: "0", cumulative: "1234" });
    expect(BigInt(byAddress.get(addr(1))!.cumulative)).toBe(500n + BigInt(byAddress.get(addr(1))!.epoch_amount));
    const paid = rewards.accounts.reduce((s, x) => s + BigInt(x.epoch_amount), 0n);
    expect(paid).toBe(10n ** 21n + 7n);
    expect(manifest.total_cumulative).toBe(rewards.total_cumulative);
    expect(rewards.previous).toEqual({ epoch: 1, manifest_hash: `0x${"9".repeat(64)}`, cutoff: "2025-06-01T00:00:00.000Z" });
    expect(rewards.inputs.contributions).toHaveLength(ROWS.length);

    // The CID is the content address of the files as stored, and the CAR holds exactly them.
    const dagFiles = manifest.files
      .filter((f) => f.name !== CAR_FILE)
      .map((f) => ({ name: f.name, open: async function* () { yield await readFile(join(a, "2", f.name)); } }));
    expect(manifest.cid).toBe(await directoryCid(dagFiles));
    expect(await verifyCar((async function* () { yield await readFile(join(a, "2", CAR_FILE)); })(), dagFiles)).toBeNull();
    expect(BigInt(rewards.total_cumulative)).toBe(paid + 500n + 1234n);

    const card = await readFile(join(a, "2", "README.md"), "utf8");
    expect(card).toMatch(/^---\n[\s\S]*\nlicense:\n- cc-by-4.0\n- mit\n[\s\S]*\n---\n/);
    expect(card).toContain(manifest.files[0]!.sha256);
    const croissant = JSON.parse(await readFile(join(a, "2", "croissant.json"), "utf8")) as { distribution: { name: string; sha256: string }[] };
    for (const d of croissant.distribution) expect(d.sha256).toBe(manifest.files.find((f) => f.name === d.name)!.sha256);

    expect(progress.filter((p) => p.done).map((p) => p.file)).toEqual([...SNAPSHOT_FILES, MANIFEST_FILE]);
  });

  it("reads the rows once for the three data files; a source failing half-way publishes none of them", async () => {
    let calls = 0;
    await exportSnapshot(exportInput(await tempDir(), { rows: () => (calls++, iterate(ROWS)) }));
    expect(calls).toBe(1);

    const root = await tempDir();
    async function* failing(): AsyncIterable<DatasetRow> {
      yield* ROWS.slice(0, 50);
      throw new Error("connection lost");
    }
    await expect(exportSnapshot(exportInput(root, { rows: failing }))).rejects.toThrow("connection lost");
    expect(await new LocalSnapshotStorage(root).list(2)).toEqual([]);
  });

  it("refuses a row whose content_hash is not keccak256 of its text", async () => {
    const root = await tempDir();
    const bad = ROWS.map((r, i) => (i === 5 ? { ...r, text: r.text + "!" } : r));
    await expect(exportSnapshot(exportInput(root, { rows: () => iterate(bad) }))).rejects.toThrow(/content_hash/);
    expect(await new LocalSnapshotStorage(root).list(2)).toEqual([]);
  });
});
