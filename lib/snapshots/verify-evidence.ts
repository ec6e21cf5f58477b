import { consensusParams, decide, voteAgrees, type Decision } from "@/lib/curation/consensus";
import { rejectionReason } from "@/lib/curation/flags";
import { MAX_VOTING_KEY_SECONDS } from "@/lib/curation/vote-typed-data";
import { addWeight, allocateWeights, contributionWeight, rewardLeaves } from "@/lib/rewards/allocation";
import { recoverAddressFast } from "@/lib/signing/fast-recover";
import { RecoveryPool } from "@/lib/signing/recovery-pool";
import { submissionDigest, voteDigest, votingKeyDigest } from "@/lib/signing/snapshot-digests";
import { layoutOf } from "./dataset-fields";
import { Peekable, textLines } from "./json-lines";
import { assertDatasetRow, assertDecisionRow, assertVoteRow, type DatasetRow, type DecisionRow, type VoteRow } from "./rows";
import type { Manifest, SnapshotFileName } from "./writers/manifest";
import { contributionFingerprint, type Fingerprints, type RewardsContribution } from "./rewards-stream";
import type { RewardsFile } from "./writers/rewards-json";

export type Check = (name: string, ok: boolean, detail: string) => void;

/** Asks the chain whether `address` (a smart account) signed `digest` (ERC-1271, ERC-6492); only with --rpc. */
export type OnChainSignatureCheck = (address: string, digest: Uint8Array, signature: string) => Promise<boolean>;

export type EvidenceInput = {
  open: (name: SnapshotFileName) => Promise<AsyncIterable<Uint8Array> | null>;
  manifest: Manifest;
  /** rewards.json without its per-item list, parsed; null when it could not be read (already reported). */
  rewards: RewardsFile | null;
  /** rewards.json's `inputs.contributions`, as fingerprints in file order, and a way to read one entry back. */
  listedContributions: { fingerprints: Fingerprints; entry(index: number): Promise<RewardsContribution | undefined> } | null;
  /** Cumulative amounts after the previous epoch (empty for the first); null when its files could not be found. */
  previousCumulative: ReadonlyMap<string, bigint> | null;
  check: Check;
  onChain?: OnChainSignatureCheck;
};

/** Shares and qualities are floats written by JSON.stringify: a replay must give the same double, within rounding. */
const SAME_FLOAT = 1e-9;

/**
 * Re-derives what the server decided and paid from the evidence files, in one merged pass over data.jsonl,
 * decisions.jsonl and votes.jsonl (all three are in (decided_at, submission_id) order, so rows, decisions and votes
 * stream; per new item only rewards.json's 8-byte fingerprint is held):
 * every contributor signature, every vote signature and the voting-key delegation it came with, every decision
 * replayed from its own votes and parameters, the items and agreeing votes the epoch pays for, and every reward
 * amount from those inputs, the budget and the previous epoch's cumulative amounts. Each failing check names the
 * first offending line and how many more there are.
 */
export async function checkEvidence(input: EvidenceInput): Promise<{ validators: string[] }> {
  const previousCutoff = input.rewards?.previous ? Date.parse(input.rewards.previous.cutoff) : Number.NEGATIVE_INFINITY;
  const findings = new Findings();

  const [dataBytes, decisionBytes, voteBytes] = await Promise.all([input.open("data.jsonl"), input.open("decisions.jsonl"), input.open("votes.jsonl")]);
  if (!dataBytes || !decisionBytes || !voteBytes) {
    input.check("evidence", false, "cannot replay: data.jsonl, decisions.jsonl and votes.jsonl are all needed");
    return { validators: [] };
  }
  const pool = new RecoveryPool();
  try {
    return await replayEvidence(input, { dataBytes, decisionBytes, voteBytes }, pool, findings, previousCutoff);
  } finally {
    await pool.close();
  }
}

async function replayEvidence(
  input: EvidenceInput,
  files: { dataBytes: AsyncIterable<Uint8Array>; decisionBytes: AsyncIterable<Uint8Array>; voteBytes: AsyncIterable<Uint8Array> },
  pool: RecoveryPool,
  findings: Findings,
  previousCutoff: number,
): Promise<{ validators: string[] }> {
  const { manifest, rewards } = input;
  const { dataBytes, decisionBytes, voteBytes } = files;
  const chainId = manifest.chain_id;
  const cutoff = Date.parse(manifest.created_at);
  const signatures = { chainId, findings, pool, onChain: input.onChain };
  const data = new Peekable(parsed(dataBytes, "data.jsonl", parseDatasetRow)[Symbol.asyncIterator]());
  const votes = new Peekable(parsed(voteBytes, "votes.jsonl", parseVoteRow)[Symbol.asyncIterator]());
  const delegations = new Map<string, string | null>();
  const contributions = new ContributionCheck(input.listedContributions?.fingerprints ?? null);
  const agreements = new Map<string, number>();
  const validators = new Set<string>();
  let decisionCount = 0;
  let voteCount = 0;

  for await (const line of parsed(decisionBytes, "decisions.jsonl", parseDecisionRow)) {
    if (!line.row) {
      findings.add("decisions", line.error);
      continue;
    }
    decisionCount++;
    const d = line.row;
    const at = `decisions.jsonl line ${line.n} (${d.submission_id})`;
    const decidedAt = Date.parse(d.decided_at);
    if (decidedAt > cutoff) findings.add("decisions", `${at}: decided at ${d.decided_at}, after the cut-off ${manifest.created_at}`);
    if (d.outcome === "rejected" && decidedAt <= previousCutoff) {
      findings.add("decisions", `${at}: rejected at ${d.decided_at}, before the previous epoch's cut-off: not this epoch's evidence`);
    }

    const itemVotes: VoteRow[] = [];
    for (let next = await votes.peek(); next && (!next.row || next.row.submission_id === d.submission_id); next = await votes.peek()) {
      await votes.next();
      if (!next.row) {
        findings.add("votes", next.error);
        continue;
      }
      voteCount++;
      itemVotes.push(next.row);
      validators.add(next.row.validator);
      const where = `votes.jsonl line ${next.n} (${next.row.validator} on ${d.submission_id})`;
      if (next.row.content_hash !== d.content_hash) findings.add("votes", `${where}: content_hash ${next.row.content_hash} is not the item's ${d.content_hash}`);
      await checkVoteSignature(next.row, next.n, where, signatures, delegations);
    }

    const replayed = replay(d, itemVotes);
    const problem = typeof replayed === "string" ? replayed : decisionMismatch(d, itemVotes.length, replayed);
    if (problem) findings.add("decisions", `${at}: ${problem}`);
    if (typeof replayed !== "string" && decidedAt > previousCutoff && decidedAt <= cutoff) {
      for (const vote of itemVotes) {
        if (voteAgrees(replayed, vote.verdict)) agreements.set(vote.validator, (agreements.get(vote.validator) ?? 0) + 1);
      }
    }

    if (d.outcome !== "accepted") continue;
    const row = await data.next();
    if (!row) {
      findings.add("data rows", `${at}: accepted, but data.jsonl has no row for it`);
      continue;
    }
    if (!row.row) continue; // data.jsonl's own parse check reports it
    const rowAt = `data.jsonl line ${row.n} (${row.row.id})`;
    const mismatch = dataRowMismatch(row.row, d);
    if (mismatch) findings.add("data rows", `${rowAt}: ${mismatch} (${at})`);
    await checkSubmissionSignature(row.row, row.n, rowAt, signatures);
    if (decidedAt > previousCutoff) contributions.add({ submission_id: row.row.id, contributor: row.row.contributor, quality: row.row.quality });
  }
  for (let extra = await votes.next(); extra; extra = await votes.next()) {
    if (!extra.row) findings.add("votes", extra.error);
    else findings.add("votes", `votes.jsonl line ${extra.n}: a vote on ${extra.row.submission_id}, which decisions.jsonl does not decide at this point`);
  }
  for (let extra = await data.next(); extra; extra = await data.next()) {
    if (extra.row) findings.add("data rows", `data.jsonl line ${extra.n} (${extra.row.id}): no accepted decision for it in decisions.jsonl`);
  }
  await pool.flush();

  findings.report(input.check, "submission signatures", `every contributor signature recovers its contributor (${manifest.item_count} rows)`);
  findings.report(input.check, "votes", `${voteCount} votes, each on its decision's item`);
  findings.report(input.check, "vote signatures", `every vote is signed by its validator or a key it delegated to, before the key expired`);
  findings.report(input.check, "decisions", `${decisionCount} decisions replay from their own votes and parameters`);
  findings.report(input.check, "data rows", `data.jsonl holds exactly the accepted decisions' items, in order`);
  if (rewards) await checkRewardInputs(rewards, contributions, agreements, input, findings);
  return { validators: [...validators].sort() };
}

type Parsed<T> = { n: number; row: T; error?: undefined } | { n: number; row: null; error: string };

async function* parsed<T>(chunks: AsyncIterable<Uint8Array>, file: string, parse: (value: unknown) => T): AsyncGenerator<Parsed<T>> {
  let last = 0;
  try {
    for await (const { n, text } of textLines(chunks)) {
      last = n;
      try {
        yield { n, row: parse(JSON.parse(text)) };
      } catch (error) {
        yield { n, row: null, error: `${file} line ${n}: ${error instanceof Error ? error.message : String(error)}` };
      }
    }
  } catch (error) {
    yield { n: last + 1, row: null, error: `${file}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

function object(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new Error("not a JSON object");
  return value as Record<string, unknown>;
}

const parseDatasetRow = (value: unknown) => {
  const row = object(value) as DatasetRow;
  // Epochs exported before screening carry the item columns only; their rows are replayed like any other.
  assertDatasetRow(row, layoutOf(Object.keys(row)));
  return row;
};
const parseVoteRow = (value: unknown) => {
  const row = object(value) as VoteRow;
  assertVoteRow(row);
  return row;
};
const parseDecisionRow = (value: unknown) => {
  const row = object(value) as DecisionRow;
  assertDecisionRow(row);
  if (typeof row.params !== "object" || row.params === null) throw new Error("no consensus params");
  return row;
};

/**
 * Counts failures per check and keeps the first of each: the one with the lowest `order` (a line number, for checks
 * whose results arrive out of line order from the recovery pool), else the first added.
 */
class Findings {
  private readonly byCheck = new Map<string, { first: string; order: number; count: number }>();
  private added = 0;

  add(check: string, message: string, order = this.added): void {
    this.added++;
    const found = this.byCheck.get(check);
    if (!found) this.byCheck.set(check, { first: message, order, count: 1 });
    else {
      found.count++;
      if (order < found.order) Object.assign(found, { first: message, order });
    }
  }

  report(check: Check, name: string, okDetail: string): void {
    const found = this.byCheck.get(name);
    if (!found) return check(name, true, okDetail);
    check(name, false, found.count > 1 ? `${found.first} (and ${found.count - 1} more)` : found.first);
  }
}

const sameAddress = (a: string | null, b: string) => a !== null && a === b.toLowerCase();

type SignatureChecks = { chainId: number; findings: Findings; pool: RecoveryPool; onChain?: OnChainSignatureCheck };

/** Whether `address` made `signature` over `digest`: recovered locally, or asked of the chain (smart accounts). */
async function madeBy(address: string, recovered: string | null, digest: Uint8Array, signature: string, onChain?: OnChainSignatureCheck): Promise<boolean> {
  if (sameAddress(recovered, address)) return true;
  return onChain ? onChain(address, digest, signature).catch(() => false) : false;
}

const notSigned = (what: string, expected: string, recovered: string | null, onChain: boolean) =>
  `${what} ${recovered ? `recovers ${recovered}, not ${expected}` : "is not a valid signature"}${onChain ? "" : " (a smart account's signature needs --rpc)"}`;

async function checkSubmissionSignature(row: DatasetRow, n: number, at: string, c: SignatureChecks) {
  const digest = submissionDigest(row, c.chainId);
  await c.pool.recover(digest, row.signature, async (recovered) => {
    if (await madeBy(row.contributor, recovered, digest, row.signature, c.onChain)) return;
    c.findings.add("submission signatures", `${at}: ${notSigned("the Submission signature", `the contributor ${row.contributor}`, recovered, !!c.onChain)}`, n);
  });
}

/** The vote's signature by its key, and when the key is not the validator's wallet, the delegation and its expiry. */
async function checkVoteSignature(vote: VoteRow, n: number, at: string, c: SignatureChecks, delegations: Map<string, string | null>) {
  const fail = (message: string) => c.findings.add("vote signatures", `${at}: ${message}`, n);
  let digest: Uint8Array;
  try {
    digest = voteDigest(vote, c.chainId);
  } catch (error) {
    return fail(`cannot be what was signed: ${error instanceof Error ? error.message : String(error)}`);
  }
  await c.pool.recover(digest, vote.signature, async (recovered) => {
    if (vote.key === vote.validator) {
      if (!(await madeBy(vote.validator, recovered, digest, vote.signature, c.onChain))) {
        fail(notSigned("the Vote signature", `the validator ${vote.validator}`, recovered, !!c.onChain));
      }
      return;
    }
    if (recovered !== vote.key) return fail(`the Vote signature ${recovered ? `recovers ${recovered}, not its key ${vote.key}` : "is not a valid signature"}`);
    const problem = await delegationProblem(vote, c, delegations);
    if (problem) return fail(problem);
    const issued = Date.parse(vote.issued_at);
    const expires = Date.parse(vote.key_expires_at!);
    if (issued >= expires) return fail(`signed at ${vote.issued_at} by key ${vote.key}, which expired at ${vote.key_expires_at}`);
    if (expires - issued > MAX_VOTING_KEY_SECONDS * 1000) {
      fail(`key ${vote.key} is delegated until ${vote.key_expires_at}, more than ${MAX_VOTING_KEY_SECONDS / 86_400} days after this vote`);
    }
  });
}

/** Why the vote's VotingKey delegation does not hold, or null; checked once per delegation (a key signs many votes). */
async function delegationProblem(vote: VoteRow, c: SignatureChecks, delegations: Map<string, string | null>): Promise<string | null> {
  if (vote.key_expires_at === null || vote.key_signature === null) return `signed by key ${vote.key} with no VotingKey delegation from ${vote.validator}`;
  const cacheKey = `${vote.validator}|${vote.key}|${vote.key_expires_at}|${vote.key_signature}`;
  const known = delegations.get(cacheKey);
  if (known !== undefined) return known;
  const digest = votingKeyDigest({ validator: vote.validator, key: vote.key, expires_at: vote.key_expires_at }, c.chainId);
  const recovered = recoverAddressFast(digest, vote.key_signature);
  const problem = (await madeBy(vote.validator, recovered, digest, vote.key_signature, c.onChain))
    ? null
    : notSigned(`the VotingKey delegation of ${vote.key}`, `the validator ${vote.validator}`, recovered, !!c.onChain);
  delegations.set(cacheKey, problem);
  return problem;
}

/** The consensus rule over the item's votes with the decision's own parameters, or why it cannot be replayed. */
function replay(d: DecisionRow, votes: readonly VoteRow[]): Exclude<Decision, { kind: "pending" }> | string {
  let decision: Decision;
  try {
    const params = consensusParams({
      quorum: d.params.quorum,
      maxVotes: d.params.max_votes,
      acceptThreshold: d.params.accept_threshold,
      rejectThreshold: d.params.reject_threshold,
    });
    decision = decide(votes, params);
  } catch (error) {
    return `cannot replay: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (decision.kind === "pending") return `its ${votes.length} votes in votes.jsonl decide nothing yet under its parameters`;
  return decision;
}

function decisionMismatch(d: DecisionRow, voteCount: number, replayed: Exclude<Decision, { kind: "pending" }>): string | null {
  if (d.vote_count !== voteCount) return `vote_count ${d.vote_count}, votes.jsonl holds ${voteCount} votes on it`;
  if (replayed.kind !== d.outcome) return `${d.outcome}, but its votes ${replayed.kind === "accepted" ? "accept" : "reject"} it (accept share ${replayed.acceptShare})`;
  if (Math.abs(replayed.acceptShare - d.accept_share) > SAME_FLOAT) return `accept_share ${d.accept_share}, its votes give ${replayed.acceptShare}`;
  if (replayed.kind === "accepted" && (d.quality === null || Math.abs(replayed.quality - d.quality) > SAME_FLOAT)) {
    return `quality ${d.quality}, its votes give ${replayed.quality}`;
  }
  if (replayed.kind === "rejected" && d.reason !== rejectionReason(replayed.reason)) return `reason ${JSON.stringify(d.reason)}, its votes give ${JSON.stringify(rejectionReason(replayed.reason))}`;
  return null;
}

function dataRowMismatch(row: DatasetRow, d: DecisionRow): string | null {
  if (row.id !== d.submission_id) return `item ${row.id} where the decisions say ${d.submission_id} is next`;
  if (row.content_hash !== d.content_hash) return `content_hash ${row.content_hash}, the decision is on ${d.content_hash}`;
  if (d.quality === null || Math.abs(row.quality - d.quality) > SAME_FLOAT) return `quality ${row.quality}, the decision gives ${d.quality}`;
  if (row.accepted_at !== d.decided_at) return `accepted_at ${row.accepted_at}, the decision was made at ${d.decided_at}`;
  return null;
}

/**
 * The epoch's new items as the files give them, compared on the fly with rewards.json's list by fingerprint, and
 * summed into one weight per contributor: nothing per item is kept.
 */
class ContributionCheck {
  count = 0;
  readonly weights = new Map<string, bigint>();
  firstMismatch: { index: number; derived: RewardsContribution } | null = null;
  private readonly scratch = new Uint8Array(32);

  constructor(private readonly listed: Fingerprints | null) {}

  add(c: RewardsContribution): void {
    if (this.listed && !this.firstMismatch && this.listed.at(this.count) !== contributionFingerprint(c, this.scratch)) {
      this.firstMismatch = { index: this.count, derived: c };
    }
    addWeight(this.weights, c.contributor, contributionWeight(c.quality, c.contributor));
    this.count++;
  }
}

/** rewards.json's inputs are the ones the files give, and its amounts are what the rule makes of them. */
async function checkRewardInputs(
  rewards: RewardsFile,
  contributions: ContributionCheck,
  agreements: ReadonlyMap<string, number>,
  input: EvidenceInput,
  findings: Findings,
): Promise<void> {
  const listed = input.listedContributions;
  if (listed) {
    const mismatch = contributions.firstMismatch ?? (listed.fingerprints.count > contributions.count ? { index: contributions.count, derived: null } : null);
    if (mismatch) {
      const a = await listed.entry(mismatch.index);
      const b = mismatch.derived;
      findings.add(
        "reward inputs",
        `rewards.json inputs.contributions[${mismatch.index}] is ${a ? `${a.submission_id} by ${a.contributor} at quality ${a.quality}` : "missing"}; the files give ${b ? `${b.submission_id} by ${b.contributor} at quality ${b.quality}` : "no more new items"}`,
      );
    }
  }
  const derived = [...agreements].map(([address, agreed_votes]) => ({ address, agreed_votes })).sort((a, b) => (a.address < b.address ? -1 : 1));
  const given = rewards.inputs.validator_agreements;
  for (let i = 0; i < Math.max(given.length, derived.length); i++) {
    const a = given[i];
    const b = derived[i];
    if (a && b && a.address === b.address && a.agreed_votes === b.agreed_votes) continue;
    findings.add(
      "reward inputs",
      `rewards.json inputs.validator_agreements[${i}] is ${a ? `${a.agreed_votes} votes by ${a.address}` : "missing"}; votes.jsonl gives ${b ? `${b.agreed_votes} agreeing votes by ${b.address}` : "no more validators"}`,
    );
    break;
  }
  findings.report(input.check, "reward inputs", `${contributions.count} new items and ${derived.length} validators' agreeing votes, as the files give them`);

  if (rewards.budget !== input.manifest.budget) findings.add("reward amounts", `rewards.json's budget ${rewards.budget} is not the manifest's ${input.manifest.budget}`);
  if (!input.previousCumulative) {
    findings.add("reward amounts", `cannot re-derive: the files of epoch ${rewards.previous?.epoch} (the previous epoch) were not found; give them with --previous`);
    findings.report(input.check, "reward amounts", "");
    return;
  }
  const allocation = allocateWeights({
    budget: BigInt(rewards.budget),
    contributorShareBps: rewards.contributor_share_bps,
    contributorWeights: contributions.weights,
    validatorWeights: new Map(derived.map((a) => [a.address, BigInt(a.agreed_votes)])),
    previousCumulative: input.previousCumulative,
  });
  const pools: [string, bigint, string][] = [
    ["contributor_pool", allocation.contributorPool, rewards.contributor_pool],
    ["validator_pool", allocation.validatorPool, rewards.validator_pool],
    ["unallocated", allocation.unallocated, rewards.unallocated],
  ];
  for (const [name, want, got] of pools) if (want.toString() !== got) findings.add("reward amounts", `rewards.json ${name} is ${got}, the rule gives ${want}`);
  const thisEpoch = new Map(allocation.allocations.map((a) => [a.address, a]));
  const leaves = rewardLeaves(allocation.allocations, input.previousCumulative);
  for (let i = 0; i < Math.max(leaves.length, rewards.accounts.length); i++) {
    const leaf = leaves[i];
    const account = rewards.accounts[i];
    if (!leaf || !account || leaf.account !== account.address) {
      findings.add("reward amounts", `rewards.json accounts[${i}] is ${account?.address ?? "missing"}; the rule pays ${leaf?.account ?? "no more accounts"} there`);
      break;
    }
    const a = thisEpoch.get(leaf.account);
    const want = { contributor_amount: a?.contributorAmount ?? 0n, validator_amount: a?.validatorAmount ?? 0n, epoch_amount: a?.epochAmount ?? 0n, cumulative: leaf.amount };
    for (const [name, amount] of Object.entries(want)) {
      const got = account[name as keyof typeof want];
      if (got !== amount.toString()) findings.add("reward amounts", `rewards.json account ${account.address}: ${name} ${got}, the rule gives ${amount}`);
    }
  }
  findings.report(input.check, "reward amounts", `${leaves.length} accounts' amounts follow from the inputs, the budget and the previous epoch`);
}
