import { CONSENSUS_DEFAULTS, type ConsensusParams, decide, NO_CONSENSUS, type Verdict, type VoteInput, voteWeight } from "./consensus";
import { createRng, GOLD_DEFAULTS, scoreGold, shuffled } from "./gold";
import { FLAGGED_FIRST_MIN_REPUTATION } from "./queue-order";
import { REPUTATION_DEFAULTS, type ReputationParams, reputationUpdates, updateReputation } from "./reputation";

/**
 * A seeded model of the validator network, to compare plain majority with reputation weighting.
 *
 * - honest validators give the right verdict with probability `honestAccuracy`;
 * - random validators flip a coin;
 * - colluding validators accept every spam item together. With `colluders: "accept-all"` they
 *   accept everything, gold included (gold looks like any other item); with `"stealth"` they
 *   recognise the ring's spam (all spam, the worst case) and otherwise behave like honest
 *   validators, gold included, to keep their reputation up.
 *
 * Items are processed one after another. Each item is shown to validators in a random order
 * (a random subset of the pool, as the queue would), one vote at a time until `decide` returns a
 * decision; then the voters' reputations move with the consensus step. Before each vote the
 * validator meets a gold item with the probability that makes `goldRate` the gold share of its
 * queue; its answer moves its reputation with the gold step. Gold answers are balanced between
 * accept and reject by `goldRejectShare`.
 *
 * Every random draw of an item comes from a generator seeded by (seed, item), drawn in full
 * whether used or not, so every weighting sees the same voters casting the same votes: the
 * comparison is paired and its difference is not sampling noise between two runs.
 */

export type ValidatorKind = "honest" | "random" | "colluding";
/**
 * "shuffled" is a control: each vote weighs what another validator's reputation weighs (a fixed
 * random pairing), so weights have the right spread but say nothing about the voter. Whatever it
 * gains over majority comes from unequal weights sending some 2–1 splits to more votes, not from
 * reputation; the gap between it and "reputation" is what reputation itself earns.
 */
export type Weighting = "majority" | "reputation" | "shuffled";

export type SimulationConfig = {
  seed: string;
  validators: number;
  items: number;
  spamRate: number;
  /** Share of the pool that is random or colluding. */
  badShare: number;
  /** Share of the bad validators that collude (the rest vote at random). */
  colludingShareOfBad: number;
  colluders: "accept-all" | "stealth";
  honestAccuracy: number;
  goldRate: number;
  goldRejectShare: number;
  consensus: ConsensusParams;
  reputation: ReputationParams;
  /**
   * The AI screening: it flags a spam item with probability `flagSpam` and a good one with `flagGood`. With
   * `flaggedFirst`, a flagged item's voters are drawn first from validators at FLAGGED_FIRST_MIN_REPUTATION or above,
   * as the queue serves them (lib/curation/queue-order.ts); without, from the whole pool like any item.
   */
  screening?: { flagSpam: number; flagGood: number; flaggedFirst: boolean };
};

export const SIMULATION_DEFAULTS: Readonly<Omit<SimulationConfig, "seed" | "badShare" | "colludingShareOfBad">> =
  Object.freeze({
    validators: 40,
    items: 2000,
    spamRate: 0.3,
    colluders: "accept-all",
    honestAccuracy: 0.9,
    goldRate: GOLD_DEFAULTS.rate,
    goldRejectShare: 0.5,
    consensus: CONSENSUS_DEFAULTS,
    reputation: REPUTATION_DEFAULTS,
  });

export type SimulationOutcome = {
  items: number;
  /** Items whose final status matches the truth; a NO_CONSENSUS rejection counts as a rejection. */
  accuracy: number;
  /** The same over items decided by a threshold (excluding NO_CONSENSUS). */
  consensusAccuracy: number;
  noConsensusShare: number;
  spamAccepted: number;
  goodRejected: number;
  meanVotes: number;
  /** Items the screening flagged, their mean votes to a decision and the share decided right. */
  flagged: { items: number; meanVotes: number; accuracy: number };
  /** Mean final reputation per kind of validator (NaN under majority, or when there is none of a kind). */
  meanReputation: Record<ValidatorKind, number>;
};

const VOTE_DRAWS = 4;

export function simulate(config: SimulationConfig, weighting: Weighting): SimulationOutcome {
  if (config.validators < config.consensus.maxVotes)
    throw new RangeError(`the pool needs at least maxVotes (${config.consensus.maxVotes}) validators`);
  const kinds = validatorKinds(config);
  const ids = kinds.map((_, i) => `v${String(i).padStart(4, "0")}`);
  const reputation = new Map(ids.map((id) => [id, config.reputation.initial]));
  const maxVotes = config.consensus.maxVotes;
  const weightOf = weighting === "shuffled" ? shuffled(ids, createRng(`${config.seed}:shuffled`)) : ids;
  const goldPerVote = config.goldRate >= 1 ? Infinity : config.goldRate / (1 - config.goldRate);
  let correct = 0;
  let consensusDecided = 0;
  let consensusCorrect = 0;
  let noConsensus = 0;
  let spamAccepted = 0;
  let goodRejected = 0;
  let spamTotal = 0;
  let voteTotal = 0;
  let flaggedItems = 0;
  let flaggedVotes = 0;
  let flaggedCorrect = 0;

  for (let item = 0; item < config.items; item++) {
    const rng = createRng(`${config.seed}:item:${item}`);
    const spam = rng() < config.spamRate;
    const randomOrder = pickValidators(kinds.length, maxVotes, rng);
    const draws = Array.from({ length: maxVotes * VOTE_DRAWS }, rng);
    // Its own generator, so a run without screening draws exactly what it drew before screening existed.
    const flagRng = createRng(`${config.seed}:flag:${item}`);
    const flagged = !!config.screening && flagRng() < (spam ? config.screening.flagSpam : config.screening.flagGood);
    const order =
      flagged && config.screening?.flaggedFirst ? trustedFirst(ids, reputation, randomOrder, flagRng, maxVotes) : randomOrder;
    const votes: VoteInput[] = [];
    let accepted = false;
    let rejectedForNoConsensus = false;
    for (let slot = 0; slot < maxVotes; slot++) {
      const v = order[slot] ?? 0;
      const id = ids[v] ?? "";
      const kind = kinds[v] ?? "honest";
      const [voteU = 0, goldGate = 0, goldTruth = 0, goldVoteU = 0] = draws.slice(slot * VOTE_DRAWS, (slot + 1) * VOTE_DRAWS);
      if (goldGate < goldPerVote) {
        const goldVerdict: Verdict = goldTruth < config.goldRejectShare ? "reject" : "accept";
        const verdict = castVote(config, kind, goldVerdict === "reject", goldVoteU, true);
        const current = reputation.get(id) ?? config.reputation.initial;
        reputation.set(id, updateReputation(current, scoreGold({ verdict }, goldVerdict), "gold", config.reputation));
      }
      const verdict = castVote(config, kind, spam, voteU, false);
      const weight = weighting === "majority" ? 1 : voteWeight(reputation.get(weightOf[v] ?? id) ?? config.reputation.initial, config.consensus);
      votes.push({ validator: id, verdict, quality: 3, flags: verdict === "reject" ? ["spam"] : [], weight });
      const decision = decide(votes, config.consensus);
      if (decision.kind === "pending") continue;
      accepted = decision.kind === "accepted";
      rejectedForNoConsensus = decision.kind === "rejected" && decision.reason === NO_CONSENSUS;
      for (const [validator, next] of reputationUpdates(decision, votes, reputation, config.reputation))
        reputation.set(validator, next);
      break;
    }
    voteTotal += votes.length;
    const right = accepted !== spam;
    if (flagged) {
      flaggedItems++;
      flaggedVotes += votes.length;
      if (right) flaggedCorrect++;
    }
    if (right) correct++;
    if (rejectedForNoConsensus) noConsensus++;
    else {
      consensusDecided++;
      if (right) consensusCorrect++;
    }
    if (spam) {
      spamTotal++;
      if (accepted) spamAccepted++;
    } else if (!accepted) goodRejected++;
  }

  const meanReputation = { honest: NaN, random: NaN, colluding: NaN };
  if (weighting !== "majority")
    for (const kind of ["honest", "random", "colluding"] as const) {
      const reps = ids.filter((_, i) => kinds[i] === kind).map((id) => reputation.get(id) ?? 0);
      meanReputation[kind] = reps.length > 0 ? reps.reduce((a, b) => a + b, 0) / reps.length : NaN;
    }
  return {
    items: config.items,
    accuracy: correct / config.items,
    consensusAccuracy: consensusDecided > 0 ? consensusCorrect / consensusDecided : NaN,
    noConsensusShare: noConsensus / config.items,
    spamAccepted: spamTotal > 0 ? spamAccepted / spamTotal : 0,
    goodRejected: spamTotal < config.items ? goodRejected / (config.items - spamTotal) : 0,
    meanVotes: voteTotal / config.items,
    flagged: {
      items: flaggedItems,
      meanVotes: flaggedItems ? flaggedVotes / flaggedItems : NaN,
      accuracy: flaggedItems ? flaggedCorrect / flaggedItems : NaN,
    },
    meanReputation,
  };
}

/** The voters of a flagged item under flagged-first: trusted validators in random order, then the item's usual ones. */
function trustedFirst(
  ids: readonly string[],
  reputation: ReadonlyMap<string, number>,
  usual: readonly number[],
  rng: () => number,
  count: number,
): number[] {
  const trusted = ids.flatMap((id, i) => ((reputation.get(id) ?? 0) >= FLAGGED_FIRST_MIN_REPUTATION ? [i] : []));
  const first = pickValidators(trusted.length, Math.min(count, trusted.length), rng).map((i) => trusted[i] ?? 0);
  return [...first, ...usual.filter((v) => !first.includes(v))].slice(0, count);
}

function validatorKinds(config: SimulationConfig): ValidatorKind[] {
  const bad = Math.round(config.validators * config.badShare);
  const colluding = Math.round(bad * config.colludingShareOfBad);
  return Array.from({ length: config.validators }, (_, i) =>
    i < colluding ? "colluding" : i < bad ? "random" : "honest",
  );
}

/** The first `count` validators of a random permutation of the pool. */
function pickValidators(pool: number, count: number, rng: () => number): number[] {
  const all = Array.from({ length: pool }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(rng() * (pool - i));
    const tmp = all[i] ?? 0;
    all[i] = all[j] ?? 0;
    all[j] = tmp;
  }
  return all.slice(0, count);
}

function castVote(config: SimulationConfig, kind: ValidatorKind, spam: boolean, u: number, gold: boolean): Verdict {
  if (kind === "random") return u < 0.5 ? "accept" : "reject";
  if (kind === "colluding" && (config.colluders === "accept-all" || (spam && !gold))) return "accept";
  const truth: Verdict = spam ? "reject" : "accept";
  return u < config.honestAccuracy ? truth : truth === "accept" ? "reject" : "accept";
}

export type ComparisonRow = {
  badShare: number;
  majority: SimulationOutcome;
  weighted: SimulationOutcome;
  shuffled: SimulationOutcome;
  /** Mean over seeds of weighted − majority accuracy, and its smallest value. */
  delta: number;
  minDelta: number;
};

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function averageOutcomes(outcomes: readonly SimulationOutcome[]): SimulationOutcome {
  const avg = (pick: (o: SimulationOutcome) => number) => mean(outcomes.map(pick));
  return {
    items: avg((o) => o.items),
    accuracy: avg((o) => o.accuracy),
    consensusAccuracy: avg((o) => o.consensusAccuracy),
    noConsensusShare: avg((o) => o.noConsensusShare),
    spamAccepted: avg((o) => o.spamAccepted),
    goodRejected: avg((o) => o.goodRejected),
    meanVotes: avg((o) => o.meanVotes),
    flagged: {
      items: avg((o) => o.flagged.items),
      meanVotes: avg((o) => o.flagged.meanVotes),
      accuracy: avg((o) => o.flagged.accuracy),
    },
    meanReputation: {
      honest: avg((o) => o.meanReputation.honest),
      random: avg((o) => o.meanReputation.random),
      colluding: avg((o) => o.meanReputation.colluding),
    },
  };
}

/** Majority against reputation weighting at each bad share, averaged over seeds. */
export function compareWeightings(
  base: Omit<SimulationConfig, "seed" | "badShare">,
  badShares: readonly number[],
  seeds: readonly string[],
): ComparisonRow[] {
  return badShares.map((badShare) => {
    const runs = seeds.map((seed) => {
      const config = { ...base, seed, badShare };
      return {
        majority: simulate(config, "majority"),
        weighted: simulate(config, "reputation"),
        shuffled: simulate(config, "shuffled"),
      };
    });
    const deltas = runs.map((r) => r.weighted.accuracy - r.majority.accuracy);
    return {
      badShare,
      majority: averageOutcomes(runs.map((r) => r.majority)),
      weighted: averageOutcomes(runs.map((r) => r.weighted)),
      shuffled: averageOutcomes(runs.map((r) => r.shuffled)),
      delta: mean(deltas),
      minDelta: Math.min(...deltas),
    };
  });
}

export type ScreeningRow = {
  badShare: number;
  /** Weighted consensus with flagged items served like any other, and served to trusted validators first. */
  off: SimulationOutcome;
  on: SimulationOutcome;
};

/** Flagged-first against no special order for flagged items, under reputation weighting, averaged over seeds. */
export function compareFlaggedFirst(
  base: Omit<SimulationConfig, "seed" | "badShare" | "screening">,
  screening: { flagSpam: number; flagGood: number },
  badShares: readonly number[],
  seeds: readonly string[],
): ScreeningRow[] {
  return badShares.map((badShare) => {
    const run = (flaggedFirst: boolean) =>
      averageOutcomes(seeds.map((seed) => simulate({ ...base, seed, badShare, screening: { ...screening, flaggedFirst } }, "reputation")));
    return { badShare, off: run(false), on: run(true) };
  });
}
