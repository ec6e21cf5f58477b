import secp256k1 from "secp256k1";
import { keccak256, toBytes, type Hex } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { CONSENSUS_DEFAULTS, decide, voteAgrees, type Decision } from "../curation/consensus";
import { rejectionReason } from "../curation/flags";
import { allocateEpoch, type Contribution, type EpochAllocation, type ValidatorAgreement } from "../rewards/allocation";
import { submissionDigest, voteDigest, votingKeyDigest } from "../signing/snapshot-digests";
import { decisionParams, type DatasetRow, type DecisionRow, type VoteRow } from "../snapshots/rows";
import type { PreviousEpoch } from "../snapshots/writers/rewards-json";
import { testScreeningColumns } from "./snapshot-fixtures";

/**
 * A consistent, really signed history of items for verifier tests and benchmarks, made without a database or a
 * server: contributors sign Submissions, three validators vote (one with its wallet, two through voting keys they
 * delegated), consensus decides, and `epochFiles` cuts it into an epoch's export inputs exactly as the database
 * queries do. Signing uses libsecp256k1 directly so a million items take seconds per core, not hours.
 */
export type SignedKey = { privateKey: Uint8Array; address: string };

export function keyFrom(seed: string): SignedKey {
  const privateKey = toBytes(keccak256(toBytes(seed)));
  return { privateKey, address: privateKeyToAddress(`0x${Buffer.from(privateKey).toString("hex")}` as Hex).toLowerCase() };
}

export function signDigest(key: SignedKey, digest: Uint8Array): string {
  const { signature, recid } = secp256k1.ecdsaSign(digest, key.privateKey);
  return `0x${Buffer.from(signature).toString("hex")}${(recid + 27).toString(16)}`;
}

export const CHAIN_ID = 31337;
const T0 = Date.UTC(2025, 5, 1);
const iso = (ms: number) => new Date(ms).toISOString();

export const CONTRIBUTORS = Array.from({ length: 7 }, (_, i) => keyFrom(`contributor ${i}`));
/** Validator 0 signs with its wallet; 1 and 2 sign through a voting key. */
export const VALIDATORS = Array.from({ length: 3 }, (_, i) => ({ wallet: keyFrom(`validator ${i}`), votingKey: i === 0 ? null : keyFrom(`voting key ${i}`) }));
const WEIGHTS = [1, 0.81, 0.36];

export type HistoryItem = { row: DatasetRow; decision: DecisionRow; votes: VoteRow[]; decidedAt: number };

/**
 * Items 0..n-1, submitted one per second from `start` (default 2025-06-01) and each decided a day later; every
 * `rejectEvery`-th is rejected as spam.
 */
export function signedHistory(n: number, options: { rejectEvery?: number; start?: number } = {}): HistoryItem[] {
  const rejectEvery = options.rejectEvery ?? 7;
  return Array.from({ length: n }, (_, i) => historyItem(i, rejectEvery > 0 && i % rejectEvery === rejectEvery - 1, options.start));
}

/** When item i is decided: lets a test choose cut-offs between items. */
export const decidedAt = (i: number, start = T0) => start + 86_400_000 + i * 1000;

/** Item i of a history, on its own: a benchmark streams millions of them without holding the history. */
export function historyItem(i: number, rejected: boolean, start = T0): HistoryItem {
  const contributor = CONTRIBUTORS[i % CONTRIBUTORS.length]!;
  const text = `item ${i}: ${["a thread about rust", "日本語 🎉", "=1+2", "<b>bold</b>, \"quoted\"\nnext line"][i % 4]}`;
  const id = `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`;
  const issued = start + i * 1000;
  const decided = decidedAt(i, start);
  const unsigned = {
    id,
    text,
    source_url: i % 3 === 0 ? null : `https://example.test/${i}`,
    tags: i % 2 ? ["news", "ai"] : ["t"],
    license: "cc-by-4.0",
    contributor: contributor.address,
    content_hash: keccak256(toBytes(text)),
    issued_at: iso(issued),
    submitted_at: iso(issued + 500),
    accepted_at: iso(decided),
  };
  const signature = signDigest(contributor, submissionDigest(unsigned, CHAIN_ID));
  const votes = VALIDATORS.map(({ wallet, votingKey }, v): VoteRow => {
    const base = {
      submission_id: id,
      content_hash: unsigned.content_hash,
      validator: wallet.address,
      verdict: rejected ? ("reject" as const) : ("accept" as const),
      quality: 1 + ((i + v) % 5),
      flags: rejected ? ["spam"] : [],
      issued_at: iso(decided - 3000 + v * 1000),
      weight: WEIGHTS[v]!,
    };
    const digest = voteDigest(base, CHAIN_ID);
    if (!votingKey) return { ...base, signature: signDigest(wallet, digest), key: wallet.address, key_expires_at: null, key_signature: null };
    // One delegation per validator and day, as the browser's 24-hour fast voting makes them.
    const key_expires_at = iso((Math.floor(decided / 86_400_000) + 1) * 86_400_000 + 3_600_000);
    return {
      ...base,
      signature: signDigest(votingKey, digest),
      key: votingKey.address,
      key_expires_at,
      key_signature: delegationSignature(v, key_expires_at),
    };
  }).sort((a, b) => (a.validator < b.validator ? -1 : 1));
  const decision = decide(votes, CONSENSUS_DEFAULTS) as Exclude<Decision, { kind: "pending" }>;
  const quality = decision.kind === "accepted" ? decision.quality : null;
  return {
    row: { ...unsigned, signature, quality: quality ?? 0, ...testScreeningColumns(i) },
    decision: {
      submission_id: id,
      content_hash: unsigned.content_hash,
      outcome: decision.kind,
      reason: decision.kind === "rejected" ? rejectionReason(decision.reason) : null,
      accept_share: decision.acceptShare,
      quality,
      vote_count: votes.length,
      decided_at: iso(decided),
      params: decisionParams(CONSENSUS_DEFAULTS),
    },
    votes,
    decidedAt: decided,
  };
}

const delegations = new Map<string, string>();

/** Validator v's wallet signature delegating its voting key until `expiresAt` (one per key and expiry, cached). */
export function delegationSignature(v: number, expiresAt: string): string {
  const { wallet, votingKey } = VALIDATORS[v]!;
  const cacheKey = `${v}|${expiresAt}`;
  let signature = delegations.get(cacheKey);
  if (!signature) {
    signature = signDigest(wallet, votingKeyDigest({ validator: wallet.address, key: votingKey!.address, expires_at: expiresAt }, CHAIN_ID));
    delegations.set(cacheKey, signature);
  }
  return signature;
}

export type EpochFiles = {
  rows: DatasetRow[];
  decisions: DecisionRow[];
  votes: VoteRow[];
  rewardInputs: { previous: PreviousEpoch | null; contributions: (Contribution & { submissionId: string })[]; validatorAgreements: ValidatorAgreement[] };
  allocation: EpochAllocation;
  previousCumulative: Map<string, bigint>;
};

/**
 * What the export of an epoch with this cut-off gets from the database (lib/snapshots/db-rows.ts,
 * lib/rewards/epoch-inputs.ts): every item accepted up to the cut-off, the decisions and votes of those and of the
 * items rejected since the previous cut-off, and the allocation of `budget` over what is new.
 */
export function epochFiles(
  history: readonly HistoryItem[],
  options: { cutoff: number; budget: bigint; previous: (PreviousEpoch & { cumulative: Map<string, bigint> }) | null },
): EpochFiles {
  const after = options.previous ? Date.parse(options.previous.cutoff) : Number.NEGATIVE_INFINITY;
  const inScope = history.filter((h) => h.decidedAt <= options.cutoff && (h.decision.outcome === "accepted" || h.decidedAt > after));
  const accepted = inScope.filter((h) => h.decision.outcome === "accepted");
  const fresh = accepted.filter((h) => h.decidedAt > after);
  const agreements = new Map<string, number>();
  for (const h of inScope) {
    if (h.decidedAt <= after) continue;
    const decision = decide(h.votes, CONSENSUS_DEFAULTS);
    for (const v of h.votes) if (voteAgrees(decision, v.verdict)) agreements.set(v.validator, (agreements.get(v.validator) ?? 0) + 1);
  }
  const contributions = fresh.map((h) => ({ submissionId: h.row.id, address: h.row.contributor, quality: h.row.quality }));
  const validatorAgreements = [...agreements].map(([address, agreedVotes]) => ({ address, agreedVotes }));
  const previousCumulative = options.previous?.cumulative ?? new Map<string, bigint>();
  return {
    rows: accepted.map((h) => h.row),
    decisions: inScope.map((h) => h.decision),
    votes: inScope.flatMap((h) => h.votes),
    rewardInputs: {
      previous: options.previous && { epoch: options.previous.epoch, manifestHash: options.previous.manifestHash, cutoff: options.previous.cutoff },
      contributions,
      validatorAgreements,
    },
    allocation: allocateEpoch({ budget: options.budget, contributions, validatorAgreements, previousCumulative }),
    previousCumulative,
  };
}
