import { type Decision, type VoteInput, voteAgrees } from "./consensus";

/**
 * Reputation is an exponential moving average of a validator's agreement, in [0, 1]:
 * r' = r + rate·(target − r), target 1 when the validator agreed and 0 when not. It tends to the
 * validator's long-run agreement rate, weighted towards recent votes.
 */
export type ReputationParams = {
  /** Step after a consensus decision. Small: consensus can itself be wrong, and agreeing with it is cheap for a colluding majority. */
  consensusRate: number;
  /** Step after a gold item, whose answer is known: large, so gold dominates even at a low gold rate. */
  goldRate: number;
  /** Reputation of a new account (accounts.reputation default). */
  initial: number;
};

export const REPUTATION_DEFAULTS: Readonly<ReputationParams> = Object.freeze({
  consensusRate: 0.02,
  goldRate: 0.15,
  initial: 0.5,
});

export type ReputationSource = "consensus" | "gold";

function clamp01(value: number, fallback: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : fallback;
}

/** One step of the moving average. Stays within [0, 1]; a non-finite current value restarts from `initial`. */
export function updateReputation(
  current: number,
  agreed: boolean,
  source: ReputationSource = "consensus",
  params: ReputationParams = REPUTATION_DEFAULTS,
): number {
  const r = clamp01(current, params.initial);
  const rate = clamp01(source === "gold" ? params.goldRate : params.consensusRate, 0);
  return clamp01(r + rate * ((agreed ? 1 : 0) - r), params.initial);
}

/**
 * New reputations of the validators who voted on a decided item. `reputations` holds their
 * current values (a validator missing there starts from `params.initial`).
 * Empty while pending and for NO_CONSENSUS rejections, which are evidence of nobody being wrong.
 */
export function reputationUpdates(
  decision: Decision,
  votes: readonly VoteInput[],
  reputations: ReadonlyMap<string, number>,
  params: ReputationParams = REPUTATION_DEFAULTS,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const vote of votes) {
    const agreed = voteAgrees(decision, vote.verdict);
    if (agreed === null) continue;
    const current = reputations.get(vote.validator) ?? params.initial;
    out.set(vote.validator, updateReputation(current, agreed, "consensus", params));
  }
  return out;
}
