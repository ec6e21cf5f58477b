/**
 * Reputation-weighted consensus over one item's votes (DESIGN.md, "Consensus").
 * Pure and deterministic: the same set of votes gives the same decision in any order.
 */

export type Verdict = "accept" | "reject";

/** One vote as stored: `weight` is what it counts with, voteWeight() of the validator's reputation when it was cast. */
export type VoteInput = {
  validator: string;
  verdict: Verdict;
  /** Integer 1–5. */
  quality: number;
  flags: readonly string[];
  weight: number;
};

export type ConsensusParams = {
  /** Votes needed before an item can be decided. */
  quorum: number;
  /** After this many votes without a clear share the item is rejected with NO_CONSENSUS. */
  maxVotes: number;
  /** Accepted when the weighted accept share is at least this. */
  acceptThreshold: number;
  /** Rejected when the weighted accept share is at most this. */
  rejectThreshold: number;
  /**
   * Floor on a vote's effective weight. A validator whose reputation fell to 0 still counts a
   * little, so a set of such votes degrades to a plain majority instead of a 0/0 share.
   */
  minWeight: number;
  /**
   * Effective weight = max(minWeight, reputation ^ weightExponent). Above 1 it sharpens the gap
   * between validators who are usually right (≈0.9) and ones who are not (≈0.5): see scripts/simulate.ts.
   */
  weightExponent: number;
};

export const CONSENSUS_DEFAULTS: Readonly<ConsensusParams> = Object.freeze({
  quorum: 3,
  maxVotes: 7,
  acceptThreshold: 2 / 3,
  rejectThreshold: 1 / 3,
  minWeight: 0.05,
  weightExponent: 2,
});

/** Rejection reason when maxVotes is reached without a clear share; such a decision moves no reputation. */
export const NO_CONSENSUS = "no consensus";
/** Rejection reason when the rejecting votes carried no flag. */
export const REJECTED_BY_VALIDATORS = "rejected by validators";

export type Decision =
  | { kind: "pending" }
  | { kind: "accepted"; quality: number; acceptShare: number }
  | { kind: "rejected"; reason: string; acceptShare: number };

/**
 * Shares are compared with this tolerance so that exactly 2 of 3 equal weights counts as 2/3
 * whatever the floating-point rounding of the sums.
 */
const SHARE_EPSILON = 1e-9;

/** Defaults merged with overrides, validated (RangeError on nonsense). */
export function consensusParams(overrides: Partial<ConsensusParams> = {}): ConsensusParams {
  const params = { ...CONSENSUS_DEFAULTS, ...overrides };
  assertParams(params);
  return params;
}

function assertParams(p: ConsensusParams): void {
  if (!Number.isInteger(p.quorum) || p.quorum < 1) throw new RangeError(`quorum must be an integer ≥ 1, got ${p.quorum}`);
  if (!Number.isInteger(p.maxVotes) || p.maxVotes < p.quorum)
    throw new RangeError(`maxVotes must be an integer ≥ quorum, got ${p.maxVotes}`);
  if (!(p.rejectThreshold >= 0 && p.rejectThreshold < p.acceptThreshold && p.acceptThreshold <= 1))
    throw new RangeError("thresholds must satisfy 0 ≤ rejectThreshold < acceptThreshold ≤ 1");
  if (!(p.minWeight > 0 && p.minWeight <= 1)) throw new RangeError(`minWeight must be in (0, 1], got ${p.minWeight}`);
  if (!(p.weightExponent > 0 && Number.isFinite(p.weightExponent)))
    throw new RangeError(`weightExponent must be a positive number, got ${p.weightExponent}`);
}

/** The weight a vote carries in consensus, from the validator's reputation when it is cast (stored with the vote). */
export function voteWeight(reputation: number, params: ConsensusParams = CONSENSUS_DEFAULTS): number {
  const r = Number.isFinite(reputation) ? Math.min(1, Math.max(0, reputation)) : 0;
  return Math.max(params.minWeight, r ** params.weightExponent);
}

/**
 * Votes in a canonical order (by validator) so floating-point sums do not depend on the order
 * the caller read them in. One vote per validator, as the votes table's key guarantees.
 */
function canonical(votes: readonly VoteInput[]): VoteInput[] {
  const sorted = [...votes].sort((a, b) => (a.validator < b.validator ? -1 : a.validator > b.validator ? 1 : 0));
  for (let i = 0; i < sorted.length; i++) {
    const vote = sorted[i] as VoteInput;
    if (i > 0 && sorted[i - 1]?.validator === vote.validator)
      throw new RangeError(`two votes by ${vote.validator} on one item`);
    if (!Number.isInteger(vote.quality) || vote.quality < 1 || vote.quality > 5)
      throw new RangeError(`quality must be an integer 1–5, got ${vote.quality}`);
    if (!(Number.isFinite(vote.weight) && vote.weight > 0)) throw new RangeError(`weight must be a positive number, got ${vote.weight}`);
  }
  return sorted;
}

type Tally = { votes: VoteInput[]; weights: number[]; total: number; accepting: number };

function tally(votes: readonly VoteInput[]): Tally {
  const sorted = canonical(votes);
  const weights = sorted.map((v) => v.weight);
  let total = 0;
  let accepting = 0;
  sorted.forEach((v, i) => {
    const w = weights[i] ?? 0;
    total += w;
    if (v.verdict === "accept") accepting += w;
  });
  return { votes: sorted, weights, total, accepting };
}

/** Weighted share of accept votes, 0–1 (0 with no votes). */
export function acceptShare(votes: readonly VoteInput[]): number {
  const t = tally(votes);
  return t.total > 0 ? t.accepting / t.total : 0;
}

/**
 * The item's state after these votes. Call it after every vote insert; the first non-pending
 * result is the decision to record (with the votes that made it).
 */
export function decide(votes: readonly VoteInput[], params: ConsensusParams = CONSENSUS_DEFAULTS): Decision {
  assertParams(params);
  const t = tally(votes);
  if (t.votes.length < params.quorum) return { kind: "pending" };
  const share = t.accepting / t.total;
  if (share <= params.rejectThreshold + SHARE_EPSILON) return { kind: "rejected", reason: rejectReason(t), acceptShare: share };
  if (share >= params.acceptThreshold - SHARE_EPSILON) return { kind: "accepted", quality: quality(t), acceptShare: share };
  if (t.votes.length >= params.maxVotes) return { kind: "rejected", reason: NO_CONSENSUS, acceptShare: share };
  return { kind: "pending" };
}

/** Weighted mean of the accepting votes' quality scores. */
function quality(t: Tally): number {
  let sum = 0;
  let weight = 0;
  t.votes.forEach((v, i) => {
    if (v.verdict !== "accept") return;
    const w = t.weights[i] ?? 0;
    sum += w * v.quality;
    weight += w;
  });
  return sum / weight;
}

/** The flag carrying the most rejecting weight; ties go to the alphabetically first flag. */
function rejectReason(t: Tally): string {
  const byFlag = new Map<string, number>();
  t.votes.forEach((v, i) => {
    if (v.verdict !== "reject") return;
    for (const flag of new Set(v.flags)) byFlag.set(flag, (byFlag.get(flag) ?? 0) + (t.weights[i] ?? 0));
  });
  let best: string | undefined;
  let bestWeight = -1;
  for (const [flag, weight] of byFlag) {
    if (weight > bestWeight || (weight === bestWeight && best !== undefined && flag < best)) {
      best = flag;
      bestWeight = weight;
    }
  }
  return best ?? REJECTED_BY_VALIDATORS;
}

/**
 * Whether a verdict agreed with a decision: the basis of reputation updates, agreement rates
 * and validator rewards. null when there is nothing to agree with: pending, or rejected for
 * lack of consensus (a split item is evidence of nobody being wrong).
 */
export function voteAgrees(decision: Decision, verdict: Verdict): boolean | null {
  if (decision.kind === "pending") return null;
  if (decision.kind === "accepted") return verdict === "accept";
  if (decision.reason === NO_CONSENSUS) return null;
  return verdict === "reject";
}
