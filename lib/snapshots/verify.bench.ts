import { execFile } from "node:child_process";
import { createReadStream, createWriteStream, type WriteStream } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { BenchTable } from "@/lib/bench/table";
import { CONSENSUS_DEFAULTS } from "@/lib/curation/consensus";
import { keccak256Into } from "@/lib/merkle/keccak";
import { allocateEpoch } from "@/lib/rewards/allocation";
import { RECOVERY_LIBRARY } from "@/lib/signing/fast-recover";
import { submissionDigest, voteDigest } from "@/lib/signing/snapshot-digests";
import { historyItem, CHAIN_ID } from "@/lib/testing/signed-epoch";
import { exportSnapshot } from "./export";
import { textLines } from "./json-lines";
import { LocalSnapshotStorage } from "./local-storage";
import { datasetRowJson, decisionRowJson, voteRowJson, type DatasetRow, type DecisionRow, type VoteRow } from "./rows";

/**
 * The verifier on a large signed epoch (VERIFY_BENCH_ROWS rows, default 1,000,000, three signed votes each: two via
 * voting keys), beside the bare signature-recovery loop over the same signatures with the same library in the same
 * run: the floor for anything that checks every signature. The verifier runs as `commonplace-verify` in its own
 * process under /usr/bin/time (wall time and peak RSS), at a tenth of the size first so memory growth shows.
 */
const exec = promisify(execFile);

function rowCount(): number {
  const fromEnv = Number(process.env.VERIFY_BENCH_ROWS);
  return Number.isSafeInteger(fromEnv) && fromEnv > 0 ? fromEnv : 1_000_000;
}

type Signatures = { digests: Uint8Array; signatures: Uint8Array; count: number };

/** Writes a text stream in 4 MB pieces, waiting for the disk. */
class LineWriter {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly out: WriteStream) {}
  async line(text: string) {
    this.parts.push(text, "\n");
    this.size += text.length + 1;
    if (this.size > 4 << 20) await this.flush();
  }
  async flush() {
    const chunk = this.parts.join("");
    this.parts = [];
    this.size = 0;
    if (!this.out.write(chunk)) await new Promise<void>((resolve) => this.out.once("drain", () => resolve()));
  }
  async close() {
    await this.flush();
    await new Promise((resolve) => this.out.end(resolve));
  }
}

async function* parsedLines<T>(path: string): AsyncIterable<T> {
  for await (const { text } of textLines(createReadStream(path, { highWaterMark: 1 << 20 }))) yield JSON.parse(text) as T;
}

/** Generates the epoch's rows, decisions and votes into staging files, keeping every (digest, signature) pair. */
async function generate(n: number, staging: string) {
  await mkdir(staging, { recursive: true });
  const open = (name: string) => new LineWriter(createWriteStream(join(staging, name)));
  const [data, decisions, votes] = [open("data.jsonl"), open("decisions.jsonl"), open("votes.jsonl")];
  const sigs: Signatures = { digests: new Uint8Array(n * 4 * 32), signatures: new Uint8Array(n * 4 * 65), count: 0 };
  const keep = (digest: Uint8Array, signature: string) => {
    sigs.digests.set(digest, sigs.count * 32);
    Buffer.from(sigs.signatures.buffer, sigs.signatures.byteOffset + sigs.count * 65, 65).write(signature.slice(2), "hex");
    sigs.count++;
  };
  const contributions: { submissionId: string; address: string; quality: number }[] = [];
  const agreements = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const item = historyItem(i, false);
    await data.line(datasetRowJson(item.row));
    await decisions.line(decisionRowJson(item.decision));
    keep(submissionDigest(item.row, CHAIN_ID), item.row.signature);
    for (const vote of item.votes) {
      await votes.line(voteRowJson(vote));
      keep(voteDigest(vote, CHAIN_ID), vote.signature);
      agreements.set(vote.validator, (agreements.get(vote.validator) ?? 0) + 1);
    }
    contributions.push({ submissionId: item.row.id, address: item.row.contributor, quality: item.row.quality });
  }
  await Promise.all([data.close(), decisions.close(), votes.close()]);
  const validatorAgreements = [...agreements].map(([address, agreedVotes]) => ({ address, agreedVotes }));
  return { sigs, contributions, validatorAgreements };
}

export async function exportSignedEpoch(n: number, root: string) {
  const staging = join(root, "staging");
  const generated = await generate(n, staging);
  const budget = 10n ** 24n;
  await exportSnapshot({
    storage: new LocalSnapshotStorage(root),
    meta: { epoch: 1, cutoff: new Date(Date.UTC(2030, 0, 1)).toISOString(), chainId: CHAIN_ID, contracts: null, budget, contributorShareBps: 7000 },
    rows: () => parsedLines<DatasetRow>(join(staging, "data.jsonl")),
    decisions: () => parsedLines<DecisionRow>(join(staging, "decisions.jsonl")),
    votes: () => parsedLines<VoteRow>(join(staging, "votes.jsonl")),
    rewardInputs: { previous: null, contributions: generated.contributions, validatorAgreements: generated.validatorAgreements },
    allocation: allocateEpoch({ budget, contributions: generated.contributions, validatorAgreements: generated.validatorAgreements, previousCumulative: new Map() }),
    previousCumulative: new Map(),
  });
  await rm(staging, { recursive: true, force: true });
  return generated.sigs;
}

/** The floor: recover each signer with the library the verifier uses, and hash its public key to an address. */
function bareRecoveryLoop(sigs: Signatures): number {
  const lib = createRequire(import.meta.url)("secp256k1/bindings") as { ecdsaRecover: (s: Uint8Array, r: number, m: Uint8Array, c: boolean) => Uint8Array };
  const address = new Uint8Array(32);
  let x = 0;
  const start = performance.now();
  for (let i = 0; i < sigs.count; i++) {
    const sig = sigs.signatures.subarray(i * 65, i * 65 + 65);
    const publicKey = lib.ecdsaRecover(sig.subarray(0, 64), sig[64]! - 27, sigs.digests.subarray(i * 32, i * 32 + 32), false);
    keccak256Into(publicKey.subarray(1), address);
    x ^= address[31]!;
  }
  if (x === 256) throw new Error("unreachable: keeps the loop's result alive");
  return performance.now() - start;
}

async function timedVerify(dir: string): Promise<{ seconds: number; rssMb: number; ok: boolean }> {
  const { stderr, stdout } = await exec("/usr/bin/time", ["-f", "TIME %e %M", process.execPath, "bin/commonplace-verify.mjs", dir], {
    maxBuffer: 1 << 24,
    env: { ...process.env, NO_COLOR: "1" },
  }).catch((error: { stdout: string; stderr: string }) => error);
  const match = /TIME ([\d.]+) (\d+)/.exec(stderr);
  if (!match) throw new Error(`no timing from /usr/bin/time: ${stderr}`);
  return { seconds: Number(match[1]), rssMb: Math.round(Number(match[2]) / 1024), ok: /^OK: all/m.test(stdout) };
}

export default async function verifyBench(): Promise<BenchTable[]> {
  const n = rowCount();
  const small = Math.max(1, Math.floor(n / 10));
  const root = await mkdtemp(join(tmpdir(), "verify-bench-"));
  const rows: Record<string, string | number>[] = [];
  try {
    const smallRoot = join(root, "small");
    await exportSignedEpoch(small, smallRoot);
    const smallRun = await timedVerify(join(smallRoot, "1"));

    const sigs = await exportSignedEpoch(n, join(root, "large"));
    const bareMs = bareRecoveryLoop(sigs);
    const largeRun = await timedVerify(join(root, "large", "1"));
    const bare = bareMs / 1000;
    rows.push({ case: `bare recovery loop, ${sigs.count.toLocaleString("en-US")} signatures`, "seconds": Number(bare.toFixed(1)), "signatures/s": Math.round(sigs.count / bare), "× bare": 1, "peak RSS MB": "" });
    for (const [size, run] of [[small, smallRun], [n, largeRun]] as const) {
      rows.push({
        case: `commonplace-verify, ${size.toLocaleString("en-US")} rows + ${(size * 3).toLocaleString("en-US")} votes${run.ok ? "" : " (FAILED)"}`,
        seconds: run.seconds,
        "signatures/s": Math.round((size * 4) / run.seconds),
        "× bare": Number((run.seconds / ((bare * size) / n)).toFixed(2)),
        "peak RSS MB": run.rssMb,
      });
    }
  } finally {
    await rm(root, { recursive: true, force: true });
  }
  return [
    {
      title: `Verifier vs the bare recovery loop (${RECOVERY_LIBRARY}; quorum ${CONSENSUS_DEFAULTS.quorum})`,
      rows,
      notes: [
        "× bare: the verifier's wall time over the bare loop's time for the same number of signatures (scaled for the smaller run).",
        "The verifier also hashes every file, rebuilds the dataset tree, replays every decision, re-derives the rewards, reads data.parquet and data.csv back and rechecks the CID and the CAR.",
      ],
    },
  ];
}
