import { createHash } from "node:crypto";
import { BaseError, bytesToHex, createPublicClient, http, type Address, type Hex, type PublicClient } from "viem";
import { snapshotDistributorAbi, validatorStakingAbi } from "@/lib/chain/abi";
import { DatasetLeaves } from "@/lib/merkle/dataset-leaves";
import { keccak256Into } from "@/lib/merkle/keccak";
import { buildRewardTree, verifyStandardProof } from "@/lib/merkle/standard-tree";
import { directoryCid, verifyCar, CAR_FILE, type DagFile } from "./car";
import { DIRECTORY_FILES } from "./files";
import { type DatasetLayout, layoutOf } from "./dataset-fields";
import { assertDatasetRow, type DatasetRow } from "./rows";
import { checkEvidence, type OnChainSignatureCheck } from "./verify-evidence";
import { compareCsv, compareParquet } from "./verify-formats";
import { openSource, type SnapshotSource } from "./verify-source";
import { MANIFEST_FILE, manifestHash, parseManifest, SNAPSHOT_FILES, type Manifest } from "./writers/manifest";
import { EMPTY_ROOT, type RewardsFile } from "./writers/rewards-json";
import { contributionFingerprint, Fingerprints, readRewardsStreaming, type RewardsContribution } from "./rewards-stream";

export type VerifyCheck = { name: string; ok: boolean; detail: string };
export type VerifyResult = {
  ok: boolean;
  /** What manifest.json names (null when it could not be read): the epoch and the chain it was made for. */
  epoch: number | null;
  chainId: number | null;
  /** Where the files were read: the folder, or the base URL the given one resolved to (`latest` made a number). */
  location: string | null;
  checks: VerifyCheck[];
};

/** A distributor address and where it was taken from, for the report. */
export type DistributorPin = { address: Address; from: string };

export type VerifyOptions = {
  /**
   * A snapshot folder (the one holding manifest.json, one of its files, or the storage root when `epoch` is given),
   * or any http(s) URL the site shows for the epoch: its page (`/datasets/3`), `/api/datasets/3`,
   * `/api/datasets/latest`, `/api/datasets/3/files` or one file's URL; or any base URL such that `{source}/{name}`
   * serves each file.
   */
  source: string;
  /** Compare the recomputed roots with the distributor's `epochs(epoch)` record on this chain. */
  rpcUrl?: string;
  /** The distributor to read (--distributor), overriding the others. */
  distributor?: Address;
  /**
   * The distributor recorded for a chain by whoever runs the check (the repository's contracts/deployments): preferred
   * to the one manifest.json names, which is the server's word, and compared with it.
   */
  recordedDistributor?: (chainId: number) => DistributorPin | null;
  /** The epoch to look up on-chain; defaults to the manifest's. */
  epoch?: number;
  /**
   * The previous epoch's snapshot (folder or base URL), whose rewards.json holds the cumulative amounts this epoch
   * adds to. Default: the sibling folder `../{epoch - 1}`, or the same URL with `/{epoch - 1}/` for `/{epoch}/`.
   */
  previous?: string;
  fetch?: typeof fetch;
};

/**
 * Checks a snapshot against its manifest and the chain, trusting neither the server nor the manifest: every file's
 * length and sha256 are streamed and compared, every data.jsonl row's content_hash is recomputed from its text, the
 * dataset and reward roots are rebuilt from the files, and the distributor's record for the epoch must hold the
 * recomputed roots and the sha256 of manifest.json. Every check runs (none stops the others) so a report shows
 * everything that is wrong.
 *
 * Memory: files stream; what grows is the dataset tree (32 bytes of leaf hash per row while reading, then the tree's
 * 2n-1 nodes: about 100 MB at 1M rows) and rewards.json, which is read whole (it is per account, not per item).
 */
export async function verifySnapshot(options: VerifyOptions): Promise<VerifyResult> {
  const checks: VerifyCheck[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });
  let source: SnapshotSource | undefined;
  let manifest: Manifest | undefined;
  const done = (): VerifyResult => ({
    ok: checks.every((c) => c.ok),
    epoch: manifest?.epoch ?? null,
    chainId: manifest?.chain_id ?? null,
    location: source?.label ?? null,
    checks,
  });

  if (options.epoch !== undefined && !(Number.isSafeInteger(options.epoch) && options.epoch > 0)) {
    check("arguments", false, `epoch must be a positive integer, got ${options.epoch}`);
    return done();
  }
  let manifestBytes: Buffer;
  try {
    source = await openSource(options.source, options);
    const bytes = await source.readAll(MANIFEST_FILE);
    if (!bytes) throw new Error(`${MANIFEST_FILE} not found at ${source.label}`);
    manifestBytes = bytes;
  } catch (error) {
    check("manifest", false, `cannot read ${MANIFEST_FILE}: ${message(error)}`);
    return done();
  }
  try {
    manifest = parseManifest(manifestBytes.toString("utf8"));
  } catch (error) {
    check("manifest", false, `${MANIFEST_FILE} does not parse: ${message(error)}`);
    return done();
  }
  check(
    "manifest",
    true,
    `epoch ${manifest.epoch}, ${manifest.item_count} items, ${manifest.vote_count} votes, ${manifest.files.length} files (${source.label})`,
  );
  const computedManifestHash = manifestHash(manifestBytes);
  check("manifest hash", true, `${computedManifestHash} (sha256 of ${MANIFEST_FILE}, ${manifestBytes.length} bytes)`);
  const epoch = options.epoch ?? manifest.epoch;
  if (epoch !== manifest.epoch) check("epoch", false, `the manifest is for epoch ${manifest.epoch}, asked to verify epoch ${epoch}`);

  const listed = new Map(manifest.files.map((f) => [f.name, f]));
  const unlisted = SNAPSHOT_FILES.filter((name) => !listed.has(name));
  const repeated = manifest.files.length !== listed.size;
  check(
    "files listed",
    unlisted.length === 0 && !repeated,
    unlisted.length > 0
      ? `${MANIFEST_FILE} does not list ${unlisted.join(", ")}`
      : repeated
        ? `${MANIFEST_FILE} lists a file twice`
        : `all ${SNAPSHOT_FILES.length} snapshot files`,
  );

  // One pass per file: length and sha256, and for the files with roots, their content.
  const rows = new DatasetScan();
  let voteLines = 0;
  let rewardsRead = false;
  let rowsRead = false;
  let votesRead = false;
  for (const name of SNAPSHOT_FILES) {
    const expected = listed.get(name);
    if (!expected && name !== "data.jsonl" && name !== "rewards.json") continue;
    const consume =
      name === "data.jsonl"
        ? (chunk: Uint8Array) => rows.push(chunk)
        : name === "votes.jsonl"
            ? (chunk: Uint8Array) => void (voteLines += countNewlines(chunk))
            : undefined;
    try {
      const digest = await source.digest(name, consume);
      if (!digest) {
        if (expected) check(`file ${name}`, false, `missing: not found at ${source.label}`);
        continue;
      }
      if (name === "data.jsonl") {
        rows.finish();
        rowsRead = true;
      }
      if (name === "rewards.json") rewardsRead = true;
      if (name === "votes.jsonl") votesRead = true;
      if (!expected) continue;
      const problems: string[] = [];
      if (digest.bytes !== expected.bytes) problems.push(`${digest.bytes} bytes, the manifest says ${expected.bytes}`);
      if (digest.sha256 !== expected.sha256) problems.push(`sha256 ${digest.sha256}, the manifest says ${expected.sha256}`);
      check(`file ${name}`, problems.length === 0, problems.length ? problems.join("; ") : `${digest.bytes} bytes, sha256 ${digest.sha256}`);
    } catch (error) {
      check(`file ${name}`, false, `cannot read: ${message(error)}`);
    }
  }

  let datasetRoot: Hex | null = null;
  if (rowsRead) {
    const bad = rows.badRows;
    check("data.jsonl rows", bad === 0, bad === 0 ? `${rows.count} rows parse` : `${bad} of ${rows.count} rows do not parse: ${rows.parseErrors.join("; ")}`);
    const wrong = rows.wrongHashes;
    check(
      "content hashes",
      wrong.count === 0,
      wrong.count > 0
        ? `${plural(wrong.count, "row's content_hash is", "rows' content_hash is")} not keccak256 of the text (${plural(wrong.lines.length, "line", "lines", false)} ${wrong.lines.join(", ")}${wrong.count > wrong.lines.length ? ", …" : ""})`
        : bad > 0
          ? `the ${rows.count - bad} rows that parse match; ${bad} could not be checked`
          : `every content_hash is keccak256 of its row's text`,
    );
    check(
      "item count",
      rows.count === manifest.item_count,
      rows.count === manifest.item_count ? `${rows.count}` : `data.jsonl has ${rows.count} rows, the manifest says ${manifest.item_count}`,
    );
    if (bad === 0) {
      datasetRoot = rows.root();
      check(
        "dataset root",
        datasetRoot === manifest.dataset_root,
        datasetRoot === manifest.dataset_root ? datasetRoot : `recomputed ${datasetRoot}, the manifest says ${manifest.dataset_root}`,
      );
    } else {
      check("dataset root", false, `cannot recompute: ${bad} rows of data.jsonl do not parse`);
    }
  } else {
    check("dataset root", false, "cannot recompute: data.jsonl could not be read");
  }
  if (votesRead) {
    check(
      "vote count",
      voteLines === manifest.vote_count,
      voteLines === manifest.vote_count ? `${voteLines}` : `votes.jsonl has ${voteLines} lines, the manifest says ${manifest.vote_count}`,
    );
  }

  let rewardRoot: Hex | null = null;
  let totalCumulative: bigint | null = null;
  let rewardsFile: RewardsFile | null = null;
  const fingerprints = new Fingerprints();
  if (rewardsRead) {
    let parsed: RewardsFile | null = null;
    try {
      const scratch = new Uint8Array(32);
      parsed = await readRewardsStreaming(await openOrThrow(source, "rewards.json"), (c) => fingerprints.push(contributionFingerprint(c, scratch)));
    } catch (error) {
      check("rewards.json", false, `does not parse: ${message(error)}`);
      check("reward root", false, "cannot recompute: rewards.json does not parse");
    }
    const recomputed = parsed ? checkRewards(parsed, manifest, check) : null;
    rewardRoot = recomputed?.root ?? null;
    totalCumulative = recomputed?.total ?? null;
    rewardsFile = parsed;
  } else {
    check("reward root", false, "cannot recompute: rewards.json could not be read");
  }

  const client = options.rpcUrl ? createPublicClient({ transport: http(options.rpcUrl, { retryCount: 1 }) }) : null;
  const onChain: OnChainSignatureCheck | undefined = client
    ? (address, digest, signature) => client.verifyHash({ address: address as Address, hash: bytesToHex(digest), signature: signature as Hex })
    : undefined;
  const { validators } = await checkEvidence({
    open: (name) => source.open(name),
    manifest,
    rewards: rewardsFile,
    listedContributions: rewardsFile
      ? {
          fingerprints,
          // Only when a check fails: read the file again up to the entry it names.
          entry: async (index) => {
            let found: RewardsContribution | undefined;
            await readRewardsStreaming(await openOrThrow(source, "rewards.json"), (c, i) => {
              if (i === index) found = c;
            });
            return found;
          },
        }
      : null,
    previousCumulative: rewardsFile ? await previousCumulative(options, source, rewardsFile, check) : null,
    check,
    onChain,
  });
  await checkFormats(source, check);
  await checkContentAddress(source, manifest, check);

  if (options.rpcUrl) {
    await checkChain(
      { rpcUrl: options.rpcUrl, distributor: options.distributor, recordedDistributor: options.recordedDistributor, epoch, manifest },
      {
        datasetRoot: datasetRoot ?? (manifest.dataset_root as Hex),
        rewardRoot: rewardRoot ?? (manifest.reward_root as Hex),
        manifestHash: computedManifestHash,
        totalCumulative: totalCumulative ?? BigInt(manifest.total_cumulative),
      },
      check,
    );
    if (client && checks.find((c) => c.name === "chain")?.ok) await checkValidatorStakes(client, manifest, validators, check);
  }
  return done();
}

/**
 * Every validator whose votes the epoch counts held a stake on the manifest's staking contract at the cut-off: the
 * state of the last block at or before `created_at`, found by bisecting block timestamps. A curator's grant on a
 * local chain is not on-chain and shows as not staked.
 */
async function checkValidatorStakes(client: PublicClient, manifest: Manifest, validators: readonly string[], check: Check): Promise<void> {
  const staking = manifest.contracts?.staking as Address | undefined;
  if (!staking || validators.length === 0) return;
  try {
    const block = await blockAt(client, BigInt(Math.floor(Date.parse(manifest.created_at) / 1000)));
    const staked = await Promise.all(
      validators.map((v) => client.readContract({ address: staking, abi: validatorStakingAbi, functionName: "isValidator", args: [v as Address], blockNumber: block })),
    );
    const unstaked = validators.filter((_, i) => !staked[i]);
    check(
      "validator stakes",
      unstaked.length === 0,
      unstaked.length === 0
        ? `${validators.length} validators staked on ${staking} at block ${block} (the cut-off)`
        : `${unstaked.join(", ")} ${unstaked.length === 1 ? "was" : "were"} not staked on ${staking} at block ${block} (the cut-off)`,
    );
  } catch (error) {
    check("validator stakes", false, `cannot read ${staking} at the cut-off: ${message(error)}`);
  }
}

/** The last block whose timestamp is at most `timestamp` (seconds). */
async function blockAt(client: PublicClient, timestamp: bigint): Promise<bigint> {
  let high = await client.getBlockNumber();
  if ((await client.getBlock({ blockNumber: high })).timestamp <= timestamp) return high;
  let low = 0n;
  while (low < high) {
    const mid = (low + high + 1n) / 2n;
    if ((await client.getBlock({ blockNumber: mid })).timestamp <= timestamp) low = mid;
    else high = mid - 1n;
  }
  return low;
}

type Check = (name: string, ok: boolean, detail: string) => void;

async function openOrThrow(source: SnapshotSource, name: string): Promise<AsyncIterable<Uint8Array>> {
  const chunks = await source.open(name);
  if (!chunks) throw new Error(`${name} is missing`);
  return chunks;
}

/** rewards.json's accounts' cumulative amounts rebuild the manifest's reward root and total, and each proof holds. */
function checkRewards(file: RewardsFile, manifest: Manifest, check: Check): { root: Hex; total: bigint } {
  const epochOk = file.epoch === manifest.epoch;
  check("rewards.json", epochOk, epochOk ? `${file.accounts.length} accounts` : `for epoch ${file.epoch}, the manifest is for ${manifest.epoch}`);

  const entries = file.accounts.map((a) => ({ account: a.address as Address, amount: BigInt(a.cumulative) }));
  const tree = entries.length > 0 ? buildRewardTree(entries) : null;
  const root = tree?.root ?? EMPTY_ROOT;
  const rootOk = root === manifest.reward_root && root === file.reward_root;
  check(
    "reward root",
    rootOk,
    rootOk
      ? root
      : `recomputed ${root} from rewards.json's cumulative amounts; the manifest says ${manifest.reward_root}, rewards.json says ${file.reward_root}`,
  );

  const total = entries.reduce((sum, e) => sum + e.amount, 0n);
  const totalOk = total.toString() === manifest.total_cumulative && total.toString() === file.total_cumulative;
  check(
    "total cumulative",
    totalOk,
    totalOk
      ? `${total} wei`
      : `the cumulative amounts sum to ${total}; the manifest says ${manifest.total_cumulative}, rewards.json says ${file.total_cumulative}`,
  );

  const badProofs = tree ? file.accounts.filter((a, i) => !verifyStandardProof(root, tree.leafHash(i), a.proof)).map((a) => a.address) : [];
  const duplicates = entries.length - new Set(file.accounts.map((a) => a.address)).size;
  check(
    "reward proofs",
    badProofs.length === 0 && duplicates === 0,
    badProofs.length > 0
      ? `${badProofs.length} proofs do not lead to the root (${badProofs.slice(0, 3).join(", ")}${badProofs.length > 3 ? ", …" : ""})`
      : duplicates > 0
        ? `${duplicates} accounts appear more than once`
        : `${file.accounts.length} proofs verify`,
  );
  return { root, total };
}

/** data.parquet and data.csv hold exactly data.jsonl's rows. */
async function checkFormats(source: SnapshotSource, check: Check): Promise<void> {
  const jsonl = () => source.open("data.jsonl");
  const [parquet, csv, forParquet, forCsv] = await Promise.all([source.parquet("data.parquet"), source.open("data.csv"), jsonl(), jsonl()]);
  if (!forParquet || !forCsv) return; // a missing data.jsonl is reported already
  if (parquet) {
    const problem = await compareParquet(parquet, forParquet);
    check("data.parquet rows", problem === null, problem ?? "the same rows as data.jsonl, value for value");
  }
  if (csv) {
    const problem = await compareCsv(csv, forCsv);
    check("data.csv rows", problem === null, problem ?? "the same rows as data.jsonl, byte for byte as the CSV writer maps them");
  }
}

/** The CID recomputed from the files is the manifest's, and snapshot.car holds exactly that directory's blocks. */
async function checkContentAddress(source: SnapshotSource, manifest: Manifest, check: Check): Promise<void> {
  const files: DagFile[] = DIRECTORY_FILES.map((name) => ({
    name,
    open: async function* () {
      const chunks = await source.open(name);
      if (!chunks) throw new Error(`${name} is missing`);
      yield* chunks;
    },
  }));
  let cid: string;
  try {
    cid = await directoryCid(files);
  } catch (error) {
    check("cid", false, `cannot recompute: ${message(error)}`);
    return;
  }
  check("cid", cid === manifest.cid, cid === manifest.cid ? cid : `the files make ${cid}, the manifest says ${manifest.cid}`);
  const car = await source.open(CAR_FILE);
  if (!car) return; // reported as a missing file
  const problem = await verifyCar(car, files).catch((error: unknown) => `cannot read: ${message(error)}`);
  check(CAR_FILE, problem === null, problem ?? `exactly the blocks of ${cid}`);
}

/**
 * The cumulative amounts after the previous epoch, from its rewards.json, found through its manifest, whose sha256
 * must be the manifest hash this epoch's rewards.json names. Null (reported) when they cannot be had.
 */
async function previousCumulative(options: VerifyOptions, source: SnapshotSource, rewards: RewardsFile, check: Check): Promise<Map<string, bigint> | null> {
  const previous = rewards.previous;
  if (!previous) return new Map();
  const where = options.previous ?? source.sibling(rewards.epoch, previous.epoch);
  if (!where) {
    check("previous epoch", false, `epoch ${previous.epoch}'s files are needed to re-derive the amounts: give them with --previous`);
    return null;
  }
  try {
    const before = await openSource(where, { fetch: options.fetch });
    const manifestBytes = await before.readAll(MANIFEST_FILE);
    if (!manifestBytes) throw new Error(`no ${MANIFEST_FILE} at ${before.label}`);
    const hash = manifestHash(manifestBytes);
    if (hash !== previous.manifest_hash) throw new Error(`its ${MANIFEST_FILE} hashes to ${hash}, rewards.json names ${previous.manifest_hash}`);
    const listed = parseManifest(manifestBytes.toString("utf8")).files.find((f) => f.name === "rewards.json");
    const chunks = await before.open("rewards.json");
    if (!listed || !chunks) throw new Error(`no rewards.json at ${before.label}`);
    // One streaming pass: the digest is checked as the accounts are read, without the per-item list.
    const digest = createHash("sha256");
    const file = await readRewardsStreaming(
      (async function* () {
        for await (const chunk of chunks) {
          digest.update(chunk);
          yield chunk;
        }
      })(),
      () => {},
    );
    const sha = digest.digest("hex");
    if (sha !== listed.sha256) throw new Error(`its rewards.json has sha256 ${sha}, its manifest says ${listed.sha256}`);
    check("previous epoch", true, `epoch ${previous.epoch} (${before.label}), manifest ${hash}`);
    return new Map(file.accounts.map((a) => [a.address, BigInt(a.cumulative)]));
  } catch (error) {
    check("previous epoch", false, `epoch ${previous.epoch} from ${where}: ${message(error)}`);
    return null;
  }
}

type Computed = { datasetRoot: Hex; rewardRoot: Hex; manifestHash: Hex; totalCumulative: bigint };

/** The distributor's record of `epoch` holds what the files give. An unpublished epoch is a failure. */
async function checkChain(
  target: Pick<VerifyOptions, "distributor" | "recordedDistributor"> & { rpcUrl: string; epoch: number; manifest: Manifest },
  computed: Computed,
  check: Check,
): Promise<void> {
  const { manifest, epoch } = target;
  const client = createPublicClient({ transport: http(target.rpcUrl, { retryCount: 1 }) });
  let chainId: number;
  try {
    chainId = await client.getChainId();
  } catch (error) {
    check("chain", false, `cannot reach the RPC: ${message(error)}`);
    return;
  }
  check("chain", chainId === manifest.chain_id, chainId === manifest.chain_id ? `chain ${chainId}` : `the RPC is chain ${chainId}, the manifest is for chain ${manifest.chain_id}`);
  const named = manifest.contracts?.distributor as Address | undefined;
  // A pin from outside the files comes first: the manifest's own is only as good as the server that wrote it.
  const pinned = target.distributor ? { address: target.distributor, from: "--distributor" } : target.recordedDistributor?.(manifest.chain_id);
  const distributor = pinned?.address ?? named;
  if (!distributor) {
    check("distributor", false, `${MANIFEST_FILE} names no contracts: give the distributor with --distributor`);
    return;
  }
  if (!pinned) {
    check("distributor", true, `${distributor}, as ${MANIFEST_FILE} names it (the server's word: pin the official one with --distributor)`);
  } else if (named && named.toLowerCase() !== distributor.toLowerCase()) {
    check("distributor", false, `${pinned.from} gives ${distributor}, ${MANIFEST_FILE} names ${named}`);
  } else {
    check("distributor", true, `${distributor} (${pinned.from}${named ? `, as ${MANIFEST_FILE} names it` : ""})`);
  }

  let record: { datasetRoot: Hex; rewardRoot: Hex; manifestHash: Hex; totalCumulative: bigint; publishedAt: bigint };
  let latest: bigint;
  try {
    [record, latest] = await Promise.all([
      client.readContract({ address: distributor, abi: snapshotDistributorAbi, functionName: "epochs", args: [BigInt(epoch)] }),
      client.readContract({ address: distributor, abi: snapshotDistributorAbi, functionName: "latestEpoch" }),
    ]);
  } catch (error) {
    check("on-chain epoch", false, `cannot read the distributor at ${distributor}: ${message(error)}`);
    return;
  }
  if (record.publishedAt === 0n) {
    check("on-chain epoch", false, `epoch ${epoch} is not published on ${distributor} (latest published epoch: ${latest})`);
    return;
  }
  check("on-chain epoch", true, `epoch ${epoch} published at ${new Date(Number(record.publishedAt) * 1000).toISOString()}`);
  const compare = (name: string, onChain: Hex | bigint, fromFiles: Hex | bigint, what: string) => {
    const ok = typeof onChain === "bigint" ? onChain === fromFiles : onChain.toLowerCase() === String(fromFiles).toLowerCase();
    check(name, ok, ok ? String(onChain) : `the chain holds ${onChain}, ${what} gives ${fromFiles}`);
  };
  compare("on-chain dataset root", record.datasetRoot, computed.datasetRoot, "data.jsonl");
  compare("on-chain reward root", record.rewardRoot, computed.rewardRoot, "rewards.json");
  compare("on-chain manifest hash", record.manifestHash, computed.manifestHash, MANIFEST_FILE);
  compare("on-chain total cumulative", record.totalCumulative, computed.totalCumulative, "rewards.json");
}

function countNewlines(chunk: Uint8Array): number {
  let n = 0;
  for (let at = chunk.indexOf(0x0a); at >= 0; at = chunk.indexOf(0x0a, at + 1)) n++;
  return n;
}

// ---- data.jsonl: rows parsed line by line, content hashes checked, dataset-root leaves packed. ----

const MAX_EXAMPLES = 5;

/**
 * Takes data.jsonl's bytes chunk by chunk. Per row: parse and validate, check keccak256(utf8(text)) against
 * content_hash, and keep only the 32-byte leaf hash keccak256(keccak256(abi.encode(content_hash, contributor))) in
 * 2 MB blocks (32 MB at 1M rows): the row itself is dropped at once.
 */
class DatasetScan {
  count = 0;
  badRows = 0;
  readonly parseErrors: string[] = [];
  readonly wrongHashes = { count: 0, lines: [] as number[] };
  private readonly decoder = new TextDecoder("utf-8", { fatal: true });
  private pending = "";
  private decodeFailed = false;
  /** Set by the first row: every row of the file must share it. */
  private layout: DatasetLayout | undefined;
  private readonly leaves = new DatasetLeaves();
  private readonly given = Buffer.alloc(32);
  private readonly digest = new Uint8Array(32);

  push(chunk: Uint8Array): void {
    if (this.decodeFailed) return;
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      this.failDecode();
      return;
    }
    this.lines(text);
  }

  /** Ends the file: the last line may lack its newline. */
  finish(): void {
    if (!this.decodeFailed) {
      try {
        this.lines(this.decoder.decode());
      } catch {
        this.failDecode();
      }
    }
    if (this.pending !== "") {
      this.row(this.pending);
      this.pending = "";
    }
  }

  root(): Hex {
    return this.leaves.root();
  }

  private lines(text: string): void {
    let start = 0;
    for (let end = text.indexOf("\n"); end >= 0; end = text.indexOf("\n", start)) {
      const line = start === 0 && this.pending !== "" ? this.pending + text.slice(0, end) : text.slice(start, end);
      if (start === 0) this.pending = "";
      this.row(line);
      start = end + 1;
    }
    this.pending = start === 0 ? this.pending + text : text.slice(start);
  }

  private row(line: string): void {
    const n = ++this.count;
    let row: DatasetRow;
    try {
      const value: unknown = JSON.parse(line);
      if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("not a JSON object");
      row = value as DatasetRow;
      const layout = layoutOf(Object.keys(row));
      this.layout ??= layout;
      if (layout !== this.layout) throw new Error("rows with and without the screening columns in one file");
      assertDatasetRow(row, layout);
    } catch (error) {
      this.badRows++;
      if (this.parseErrors.length < MAX_EXAMPLES) this.parseErrors.push(`line ${n}: ${message(error)}`);
      return;
    }
    // assertDatasetRow checked that both are lowercase hex of the right length.
    this.given.write(row.content_hash.slice(2), 0, 32, "hex");
    keccak256Into(Buffer.from(row.text, "utf8"), this.digest);
    if (!sameBytes(this.digest, this.given)) {
      this.wrongHashes.count++;
      if (this.wrongHashes.lines.length < MAX_EXAMPLES) this.wrongHashes.lines.push(n);
    }
    this.leaves.push({ contentHash: row.content_hash as Hex, contributor: row.contributor as Address });
  }

  private failDecode(): void {
    this.decodeFailed = true;
    this.pending = "";
    this.badRows++;
    this.parseErrors.push(`not valid UTF-8 after line ${this.count}`);
  }
}

function plural(n: number, one: string, many: string, withCount = true): string {
  const word = n === 1 ? one : many;
  return withCount ? `${n} ${word}` : word;
}

/** a[0..32) === b[0..32). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  for (let k = 0; k < 32; k++) if (a[k] !== b[k]) return false;
  return true;
}

function message(error: unknown): string {
  if (error instanceof BaseError) return error.shortMessage;
  if (error instanceof Error) {
    const cause = (error as Error & { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
