import type { Address } from "viem";
import { DatasetLeaves } from "@/lib/merkle/dataset-leaves";
import { keccak256Into } from "@/lib/merkle/keccak";
import { buildDatasetTree, buildRewardTree, type DatasetEntry, type RewardEntry } from "@/lib/merkle/standard-tree";
import { primaryOrigin } from "@/lib/config/app-origins";
import type { Contribution, EpochAllocation, RewardLeaf, ValidatorAgreement } from "@/lib/rewards/allocation";
import { CAR_FILE, writeCar, type DagFile } from "./car";
import { FanOut } from "./fan-out";
import { assertDatasetRow, type DatasetRow, type DecisionRow, type VoteRow } from "./rows";
import { DigestingSink, type ByteSink, type SnapshotFileWriter, type SnapshotStorage, type WriteResult } from "./storage";
import { writeCroissant } from "./writers/croissant";
import { writeDatasetCsv } from "./writers/csv";
import { writeDatasetCard } from "./writers/dataset-card";
import { writeDatasetJsonl } from "./writers/jsonl";
import { MANIFEST_FILE, manifestHash, manifestJson, MEDIA_TYPES, type Manifest, type ManifestFile, type SnapshotFileName } from "./writers/manifest";
import { writeDatasetParquet } from "./writers/parquet";
import { writeRewardsJson, type Hex, type LeafTree, type PreviousEpoch } from "./writers/rewards-json";
import { writeDecisionsJsonl, writeVotesJsonl } from "./writers/votes-jsonl";

export type SnapshotMeta = {
  epoch: number;
  /** ISO 8601 UTC cut-off: manifest `created_at` (never the wall time, so a rebuild is byte-identical). */
  cutoff: string;
  chainId: number;
  contracts: { token: string; distributor: string; staking: string } | null;
  budget: bigint;
  contributorShareBps: number;
  /**
   * Public site URL without trailing slash (default: APP_URL's first origin); written into README.md and
   * croissant.json, so part of the bytes.
   */
  siteUrl?: string;
  title?: string;
};

export type ExportProgress = { file: SnapshotFileName | typeof MANIFEST_FILE; rows: number; done: boolean };

export type ExportInput = {
  storage: SnapshotStorage;
  meta: SnapshotMeta;
  /** Called once: its rows feed data.jsonl, data.parquet and data.csv together. */
  rows: () => AsyncIterable<DatasetRow>;
  decisions: () => AsyncIterable<DecisionRow>;
  votes: () => AsyncIterable<VoteRow>;
  /** What the allocation was computed from, written into rewards.json so anyone can replay it. */
  rewardInputs: {
    previous: PreviousEpoch | null;
    /** One per newly frozen item, in data.jsonl order; read once, as rewards.json is written. */
    contributions: Iterable<Contribution & { submissionId: string }> | AsyncIterable<Contribution & { submissionId: string }>;
    validatorAgreements: readonly ValidatorAgreement[];
  };
  allocation: EpochAllocation;
  previousCumulative: ReadonlyMap<string, bigint>;
  onProgress?: (progress: ExportProgress) => void;
  /** Recompute keccak256(text) for every row and refuse a mismatch (default true). */
  checkContentHashes?: boolean;
};

export type ExportResult = {
  epoch: number;
  itemCount: number;
  voteCount: number;
  datasetRoot: Hex;
  rewardRoot: Hex;
  cid: string;
  totalCumulative: bigint;
  manifestHash: Hex;
  manifest: Manifest;
};

/**
 * Exports one epoch into `storage`: data.jsonl, data.parquet and data.csv written together from one read of the rows
 * (each row checked and its dataset-root leaf collected as it is read; each file's rows checked against those leaves
 * and counted, so all three hold the same rows in the same order),
 * decisions.jsonl and votes.jsonl (the evidence), rewards.json (amounts, proofs and the inputs they follow from),
 * README.md, croissant.json, snapshot.car (the content-addressed directory of all of these, read back from storage)
 * and manifest.json last: a snapshot is complete when its manifest exists. Every file goes through a storage writer
 * that publishes it only on close.
 *
 * Memory: rows stream (two batches shared by the three writers, one Parquet row group); what grows with the dataset
 * is the dataset root's input: 32 bytes per item of leaf hashes while streaming (32 MB at 1M items), then a sorted
 * copy and n+1 nodes while the root is computed. Rewards are per address; their per-item inputs stream.
 */
export async function exportSnapshot(input: ExportInput): Promise<ExportResult> {
  const { storage, meta } = input;
  const siteUrl = meta.siteUrl ?? primaryOrigin();
  const progress = input.onProgress ?? (() => {});
  const files: ManifestFile[] = [];
  const record = (name: SnapshotFileName, r: WriteResult) => {
    files.push({ name, bytes: r.bytes, sha256: r.sha256, media_type: MEDIA_TYPES[name] });
    progress({ file: name, rows: r.rows, done: true });
  };
  const tick = (file: SnapshotFileName, i: number) => {
    if (i % 10_000 === 0) progress({ file, rows: i, done: false });
  };

  const leaves = new DatasetLeaves();
  const leafOf = (row: DatasetRow) => ({ contentHash: row.content_hash as Hex, contributor: row.contributor as Address });
  const scratch = { text: Buffer.allocUnsafe(64 * 1024), digest: new Uint8Array(32), given: new Uint8Array(32) };
  const licenses = new Map<string, number>();
  const languages = new Map<string, number>();
  const checkHashes = input.checkContentHashes ?? true;
  // Each row is checked and its leaf collected once, as it is read, before any file sees it.
  async function* checkedRows(): AsyncGenerator<DatasetRow> {
    let i = 0;
    for await (const row of input.rows()) {
      assertDatasetRow(row);
      leaves.push(leafOf(row));
      if (checkHashes) checkContentHash(i, row, scratch);
      licenses.set(row.license, (licenses.get(row.license) ?? 0) + 1);
      if (row.language !== null) languages.set(row.language, (languages.get(row.language) ?? 0) + 1);
      i++;
      yield row;
    }
  }

  const sameRows = (file: SnapshotFileName) => (row: DatasetRow, i: number) => {
    if (!leaves.matches(i, leafOf(row))) {
      throw new Error(`${file}: row ${i} (${row.id}) differs from data.jsonl: the row source is not stable`);
    }
    tick(file, i);
  };
  // One read of the rows feeds the three data files at once.
  const [jsonlFile, parquetFile, csvFile] = await openAll(storage, meta.epoch, ["data.jsonl", "data.parquet", "data.csv"]);
  const rows = new FanOut(checkedRows(), 3);
  const [jsonl, parquet, csv] = await allOrAbort(rows, [
    writeInto(jsonlFile!, (sink) => writeDatasetJsonl(rows.consumer(0), sink, (_row, i) => tick("data.jsonl", i))),
    writeInto(parquetFile!, (sink) => writeDatasetParquet(rows.consumer(1), sink, { onRow: sameRows("data.parquet") })),
    writeInto(csvFile!, (sink) => writeDatasetCsv(rows.consumer(2), sink, sameRows("data.csv"))),
  ]);
  const checkCount = (file: SnapshotFileName, r: WriteResult) => {
    if (r.rows !== jsonl.rows) throw new Error(`${file}: ${r.rows} rows, data.jsonl has ${jsonl.rows}: the row source is not stable`);
    return r;
  };
  record("data.jsonl", jsonl);
  record("data.parquet", checkCount("data.parquet", parquet));
  record("data.csv", checkCount("data.csv", csv));
  record("decisions.jsonl", await writeFile(storage, meta.epoch, "decisions.jsonl", (sink) => writeDecisionsJsonl(input.decisions(), sink)));
  const votes = await writeFile(storage, meta.epoch, "votes.jsonl", (sink) => writeVotesJsonl(input.votes(), sink));
  record("votes.jsonl", votes);

  const datasetRoot = leaves.root();

  const rewards = await writeFile(storage, meta.epoch, "rewards.json", (sink) =>
    writeRewardsJson(
      {
        epoch: meta.epoch,
        budget: meta.budget,
        contributorShareBps: meta.contributorShareBps,
        ...input.rewardInputs,
        allocation: input.allocation,
        previousCumulative: input.previousCumulative,
        tree: (l) => rewardTree(l.map((leaf) => ({ account: leaf.account as Address, amount: leaf.amount }))),
      },
      sink,
    ),
  );
  record("rewards.json", rewards);

  const dataFiles = files.filter((f) => f.name !== "rewards.json");
  const sortedLicenses = [...licenses.keys()].sort();
  const sortedLanguages = [...languages.keys()].sort();
  record(
    "README.md",
    await writeFile(storage, meta.epoch, "README.md", (sink) =>
      writeDatasetCard(
        {
          epoch: meta.epoch,
          cutoff: meta.cutoff,
          itemCount: jsonl.rows,
          voteCount: votes.rows,
          licenses: new Map(sortedLicenses.map((l) => [l, licenses.get(l)!])),
          languages: new Map(sortedLanguages.map((l) => [l, languages.get(l)!])),
          files: dataFiles,
          datasetRoot,
          rewardRoot: rewards.rewardRoot,
          chainId: meta.chainId,
          distributor: meta.contracts?.distributor ?? null,
          siteUrl,
          title: meta.title,
        },
        sink,
      ),
    ),
  );
  record(
    "croissant.json",
    await writeFile(storage, meta.epoch, "croissant.json", (sink) =>
      writeCroissant(
        {
          epoch: meta.epoch,
          cutoff: meta.cutoff,
          itemCount: jsonl.rows,
          licenses: sortedLicenses,
          languages: sortedLanguages,
          files: dataFiles,
          datasetRoot,
          siteUrl,
          title: meta.title,
        },
        sink,
      ),
    ),
  );

  // The CAR reads every file back from storage: its CID addresses the bytes as stored, twice over (root, then blocks).
  const inCar: DagFile[] = files.map((f) => ({ name: f.name, open: () => readable(storage, meta.epoch, f.name) }));
  let cid = "";
  const car = await writeFile(storage, meta.epoch, CAR_FILE, async (sink) => {
    const out = new DigestingSink(sink);
    const written = await writeCar(inCar, { write: (chunk) => out.bytes(chunk) });
    cid = written.cid;
    return { ...(await out.finish()), rows: written.blocks };
  });
  record(CAR_FILE, car);

  const manifest: Manifest = {
    format: "commonplace-snapshot/1",
    epoch: meta.epoch,
    created_at: meta.cutoff,
    item_count: jsonl.rows,
    vote_count: votes.rows,
    dataset_root: datasetRoot,
    reward_root: rewards.rewardRoot,
    cid,
    budget: meta.budget.toString(),
    total_cumulative: rewards.totalCumulative.toString(),
    chain_id: meta.chainId,
    contracts: meta.contracts,
    files,
  };
  const manifestBytes = Buffer.from(manifestJson(manifest), "utf8");
  await writeFile(storage, meta.epoch, MANIFEST_FILE, async (sink) => {
    await sink.write(manifestBytes);
    return { bytes: manifestBytes.length, sha256: "", rows: 0 };
  });
  progress({ file: MANIFEST_FILE, rows: 0, done: true });

  return {
    epoch: meta.epoch,
    itemCount: jsonl.rows,
    voteCount: votes.rows,
    datasetRoot,
    rewardRoot: rewards.rewardRoot,
    cid,
    totalCumulative: rewards.totalCumulative,
    manifestHash: manifestHash(manifestBytes),
    manifest,
  };
}

/** Waits for every writer fed by `rows`; the first failure stops the others (their files are discarded) and is thrown. */
async function allOrAbort<T extends unknown[]>(rows: FanOut<DatasetRow>, writers: [...{ [K in keyof T]: Promise<T[K]> }]): Promise<T> {
  for (const writer of writers) writer.catch((error: unknown) => rows.abort(error));
  const settled = await Promise.allSettled(writers);
  for (const r of settled) if (r.status === "rejected") throw r.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as T;
}

/** A stored file as bytes to iterate (a storage reader gives a web or a Node stream). */
async function* readable(storage: SnapshotStorage, epoch: number, name: string): AsyncIterable<Uint8Array> {
  const stream = await storage.reader(epoch, name);
  for await (const chunk of stream as AsyncIterable<Uint8Array | string>) yield typeof chunk === "string" ? Buffer.from(chunk) : chunk;
}

/** Streams one file into storage; the file appears only if `write` succeeds. */
async function writeFile<R>(storage: SnapshotStorage, epoch: number, name: string, write: (sink: ByteSink) => Promise<R>): Promise<R> {
  return writeInto(await storage.writer(epoch, name), write);
}

/** Opens the files one after the other: if one cannot be opened, those already open are discarded and none is written. */
async function openAll(storage: SnapshotStorage, epoch: number, names: readonly string[]): Promise<SnapshotFileWriter[]> {
  const files: SnapshotFileWriter[] = [];
  try {
    for (const name of names) files.push(await storage.writer(epoch, name));
    return files;
  } catch (error) {
    await Promise.all(files.map((f) => f.abort().catch(() => {})));
    throw error;
  }
}

async function writeInto<R>(file: SnapshotFileWriter, write: (sink: ByteSink) => Promise<R>): Promise<R> {
  try {
    const result = await write(file);
    await file.close();
    return result;
  } catch (error) {
    await file.abort().catch(() => {});
    throw error;
  }
}

// ---- Merkle trees: lib/merkle/standard-tree.ts, OpenZeppelin StandardMerkleTree-compatible. ----

export type DatasetLeaf = DatasetEntry;
export type RewardTreeLeaf = RewardEntry;

/** StandardMerkleTree ["bytes32","address"]; `proof(i)` is for `entries[i]`. */
export function datasetTree(entries: readonly DatasetLeaf[]): LeafTree {
  return buildDatasetTree(entries);
}

/** StandardMerkleTree ["address","uint256"]; `proof(i)` is for `entries[i]`. */
export function rewardTree(entries: readonly RewardTreeLeaf[]): LeafTree {
  return buildRewardTree(entries);
}

export type { RewardLeaf };

/** Throws unless the row's content_hash is keccak256 of its UTF-8 text. */
function checkContentHash(i: number, row: DatasetRow, scratch: { text: Buffer; digest: Uint8Array; given: Uint8Array }): void {
  // The text is encoded into a buffer reused from row to row (grown when a text needs more): no allocation per row.
  const length = Buffer.byteLength(row.text, "utf8");
  if (length > scratch.text.length) scratch.text = Buffer.allocUnsafe(Math.max(length, 2 * scratch.text.length));
  scratch.text.write(row.text, 0, "utf8");
  keccak256Into(scratch.text.subarray(0, length), scratch.digest);
  decodeHex(row.content_hash, scratch.given, 0, 32);
  for (let k = 0; k < 32; k++) {
    if (scratch.given[k] !== scratch.digest[k]) throw new Error(`row ${i} (${row.id}): content_hash is not keccak256 of its text`);
  }
}

const NIBBLE = new Int8Array(128).fill(-1);
for (let c = 0; c < 10; c++) NIBBLE[48 + c] = c;
for (let c = 0; c < 6; c++) NIBBLE[97 + c] = NIBBLE[65 + c] = 10 + c;

/** Decodes `0x` + 2·length hex digits into out[at..at+length); rows are validated before, this still refuses junk. */
function decodeHex(hex: string, out: Uint8Array, at: number, length: number): void {
  if (hex.length !== 2 + 2 * length) throw new Error(`expected ${length} bytes of hex: ${hex}`);
  for (let k = 0; k < length; k++) {
    const hi = NIBBLE[hex.charCodeAt(2 + 2 * k)] ?? -1;
    const lo = NIBBLE[hex.charCodeAt(3 + 2 * k)] ?? -1;
    if (hi < 0 || lo < 0) throw new Error(`invalid hex: ${hex}`);
    out[at + k] = (hi << 4) | lo;
  }
}
