import { hash32 } from "./gold";

export type QueueCandidate = {
  id: string;
  /** Lowercase 0x address of the item's author. */
  contributor: string;
  voteCount: number;
  createdAt: Date;
  /** The AI screening flagged it (see flaggedRank). */
  flagged?: boolean;
};

export const QUEUE_DEFAULTS = Object.freeze({
  /**
   * Width of the windows that spread validators. Larger spreads concurrent validators better
   * (8 gives three validators three different first items about two times in three) but lets an
   * item wait up to spreadWindow − 1 places behind younger ones with as many votes.
   */
  spreadWindow: 8,
});

/**
 * Reputation from which a validator is served flagged items first. Reputation tends to a validator's agreement rate:
 * honest reviewers settle near 0.9, coin-flippers near 0.5 and colluders lower (see `npm run simulate`).
 */
export const FLAGGED_FIRST_MIN_REPUTATION = 0.75;

/**
 * Flagged items are likely spam, and a split vote costs up to maxVotes reviews instead of quorum: they go first to
 * validators whose votes agree with consensus (few splits, so about quorum reviews each) and last to everyone else, who
 * reach them only once the unflagged items are done, so nothing waits for ever.
 */
export const flaggedRank = (flagged: boolean | undefined, flaggedFirst: boolean): number => (!!flagged === flaggedFirst ? 0 : 1);

/** The most items one queue request can set aside (the browser's recent skips and votes in flight), well past a page. */
export const MAX_QUEUE_EXCLUDE = 100;

export type QueueOrderOptions = {
  /** Ids the validator must not see: those it already voted on. */
  excluded?: ReadonlySet<string>;
  spreadWindow?: number;
  /** This validator's reputation is at least FLAGGED_FIRST_MIN_REPUTATION: flagged items come first, not last. */
  flaggedFirst?: boolean;
};

/**
 * A validator's review order: flagged items first or last (flaggedRank), then fewest votes first, then oldest, spread so that validators opening
 * the queue at once are not all handed the same item.
 *
 * Spreading: within one vote-count bucket, items are cut oldest first into windows of
 * `spreadWindow`, and each window is ordered by a hash of (validator, item id). Fewest-votes-first
 * holds exactly; oldest-first holds to within a window, so no item is starved (rotating a whole
 * bucket by a validator hash would instead send some validators to the newest items first). The
 * order is stable for a validator, so prefetched pages and refetches agree.
 *
 * Never returns the validator's own items, excluded ids, or an id twice. The caller should fetch
 * at least `limit + spreadWindow − 1` candidates (sorted or not) so a truncated last window cannot
 * change the first `limit` places.
 */
export function orderQueue<T extends QueueCandidate>(
  candidates: readonly T[],
  validator: string,
  options: QueueOrderOptions = {},
): T[] {
  const window = options.spreadWindow ?? QUEUE_DEFAULTS.spreadWindow;
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`spreadWindow must be an integer ≥ 1, got ${window}`);
  const me = validator.toLowerCase();
  const excluded = options.excluded ?? new Set<string>();
  const seen = new Set<string>();
  const eligible: T[] = [];
  for (const c of candidates) {
    if (c.contributor.toLowerCase() === me || excluded.has(c.id) || seen.has(c.id)) continue;
    seen.add(c.id);
    eligible.push(c);
  }
  const flaggedFirst = options.flaggedFirst ?? false;
  const rank = (c: T) => flaggedRank(c.flagged, flaggedFirst);
  eligible.sort(
    (a, b) =>
      rank(a) - rank(b) || a.voteCount - b.voteCount || a.createdAt.getTime() - b.createdAt.getTime() || compareText(a.id, b.id),
  );

  const spreadKey = new Map(eligible.map((c) => [c.id, hash32(`${me}:${c.id}`)]));
  const bySpread = (a: T, b: T) => (spreadKey.get(a.id) ?? 0) - (spreadKey.get(b.id) ?? 0) || compareText(a.id, b.id);
  const out: T[] = [];
  let start = 0;
  while (start < eligible.length) {
    const first = eligible[start];
    const sameBucket = (c: T | undefined) => !!c && !!first && c.voteCount === first.voteCount && rank(c) === rank(first);
    let end = start;
    while (end < eligible.length && end - start < window && sameBucket(eligible[end])) end++;
    out.push(...eligible.slice(start, end).sort(bySpread));
    start = end;
  }
  return out;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
