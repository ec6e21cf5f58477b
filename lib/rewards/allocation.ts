/**
 * Epoch reward allocation (DESIGN.md "Rewards"): a pure function from an epoch's budget, the quality of the items it
 * accepted and the validators' agreeing votes to integer wei per address, plus the cumulative amounts that become the
 * reward tree's leaves.
 *
 * Rounding: each side's pool is apportioned by the largest-remainder (Hamilton) method. Every address first gets
 * floor(pool × weight / total); the wei left over (fewer than the number of addresses) go one each to the largest
 * remainders, ties broken by the lowercase address, ascending. Each amount is therefore within 1 wei of its exact
 * share, the pool is paid exactly, and the result does not depend on the input order.
 *
 * Weights: a contributor's weight is the sum of the quality of their newly accepted items, each quality first
 * rounded to 6 decimals (micro-points) so the sum is exact integer arithmetic, independent of order. A validator's
 * weight is the number of their votes that agreed with the decision.
 *
 * Addresses are compared and returned lowercase (the database's form; a leaf encodes the same bytes either way).
 */

export type Contribution = { address: string; quality: number };
export type ValidatorAgreement = { address: string; agreedVotes: number };

export type AllocateEpochInput = {
  /** Wei to distribute this epoch. */
  budget: bigint;
  /** One entry per item newly accepted in this epoch. */
  contributions: readonly Contribution[];
  /** Entries for the same address add up. */
  validatorAgreements: readonly ValidatorAgreement[];
  /** Contributors' share of the budget in basis points when both sides have someone to pay; default 7000 (70 %). */
  contributorShareBps?: number;
  /** Cumulative amount per address after the previous epoch (keys in any case). */
  previousCumulative: ReadonlyMap<string, bigint>;
};

export type AddressAllocation = {
  /** Lowercase 0x address. */
  address: string;
  contributorAmount: bigint;
  validatorAmount: bigint;
  /** contributorAmount + validatorAmount. */
  epochAmount: bigint;
  /** Previous cumulative + epochAmount: the amount in this address's reward-tree leaf. */
  cumulative: bigint;
};

export type EpochAllocation = {
  /** Every address with a positive weight on either side this epoch, sorted by address. */
  allocations: AddressAllocation[];
  contributorPool: bigint;
  validatorPool: bigint;
  /** The whole budget when nobody can be paid (no accepted item, no agreeing vote), else 0. */
  unallocated: bigint;
};

export type RewardLeaf = { account: string; amount: bigint };

export const DEFAULT_CONTRIBUTOR_SHARE_BPS = 7000;
const QUALITY_SCALE = 1_000_000;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

export function normalizeAddress(address: string): string {
  if (!ADDRESS.test(address)) throw new Error(`invalid address: ${JSON.stringify(address)}`);
  return address.toLowerCase();
}

export function allocateEpoch(input: AllocateEpochInput): EpochAllocation {
  const contributorWeights = new Map<string, bigint>();
  for (const { address, quality } of input.contributions) addWeight(contributorWeights, normalizeAddress(address), contributionWeight(quality, address));
  return allocateWeights({ ...input, contributorWeights, validatorWeights: validatorWeights(input.validatorAgreements) });
}

/** Agreeing votes per (lowercase) validator address: entries for the same address add up. */
export function validatorWeights(agreements: readonly ValidatorAgreement[]): Map<string, bigint> {
  const weights = new Map<string, bigint>();
  for (const { address, agreedVotes } of agreements) {
    if (!Number.isSafeInteger(agreedVotes) || agreedVotes < 0) throw new Error(`invalid agreedVotes ${agreedVotes} for ${address}`);
    addWeight(weights, normalizeAddress(address), BigInt(agreedVotes));
  }
  return weights;
}

/** One accepted item's weight for its contributor: its quality in micro-points, rounded (exact, order-free sums). */
export function contributionWeight(quality: number, address = "?"): bigint {
  if (!Number.isFinite(quality) || quality < 0) throw new Error(`invalid quality ${quality} for ${address}`);
  return BigInt(Math.round(quality * QUALITY_SCALE));
}

/**
 * allocateEpoch from weights already summed per (lowercase) address: for a caller that streams millions of items
 * (the verifier) and keeps one number per address instead of one object per item.
 */
export function allocateWeights(input: {
  budget: bigint;
  contributorWeights: ReadonlyMap<string, bigint>;
  validatorWeights: ReadonlyMap<string, bigint>;
  contributorShareBps?: number;
  previousCumulative: ReadonlyMap<string, bigint>;
}): EpochAllocation {
  const { budget, contributorShareBps = DEFAULT_CONTRIBUTOR_SHARE_BPS, contributorWeights, validatorWeights } = input;
  if (budget < 0n) throw new Error("budget must not be negative");
  if (!Number.isInteger(contributorShareBps) || contributorShareBps < 0 || contributorShareBps > 10_000) {
    throw new Error("contributorShareBps must be an integer in 0..10000");
  }
  const previous = normalizeCumulative(input.previousCumulative);
  const contributorTotal = sum(contributorWeights.values());
  const validatorTotal = sum(validatorWeights.values());

  let contributorPool = 0n;
  let validatorPool = 0n;
  if (contributorTotal > 0n && validatorTotal > 0n) {
    contributorPool = (budget * BigInt(contributorShareBps)) / 10_000n;
    validatorPool = budget - contributorPool;
  } else if (contributorTotal > 0n) {
    contributorPool = budget;
  } else if (validatorTotal > 0n) {
    validatorPool = budget;
  }
  const unallocated = budget - contributorPool - validatorPool;

  const toContributors = apportion(contributorPool, contributorWeights);
  const toValidators = apportion(validatorPool, validatorWeights);
  const addresses = [...new Set([...contributorWeights.keys(), ...validatorWeights.keys()])]
    .filter((a) => (contributorWeights.get(a) ?? 0n) > 0n || (validatorWeights.get(a) ?? 0n) > 0n)
    .sort(compareAddresses);
  const allocations = addresses.map((address) => {
    const contributorAmount = toContributors.get(address) ?? 0n;
    const validatorAmount = toValidators.get(address) ?? 0n;
    const epochAmount = contributorAmount + validatorAmount;
    return { address, contributorAmount, validatorAmount, epochAmount, cumulative: (previous.get(address) ?? 0n) + epochAmount };
  });
  return { allocations, contributorPool, validatorPool, unallocated };
}

/**
 * Largest-remainder apportionment of `pool` by `weights` (all ≥ 0). Returns an amount for every address with a
 * positive weight; the amounts sum to `pool` whenever the total weight is positive.
 */
export function apportion(pool: bigint, weights: ReadonlyMap<string, bigint>): Map<string, bigint> {
  const out = new Map<string, bigint>();
  const entries = [...weights].filter(([, w]) => w > 0n);
  const total = sum(entries.map(([, w]) => w));
  if (total === 0n) return out;
  let left = pool;
  const remainders: { address: string; remainder: bigint }[] = [];
  for (const [address, weight] of entries) {
    const exact = pool * weight;
    const floor = exact / total;
    out.set(address, floor);
    left -= floor;
    remainders.push({ address, remainder: exact % total });
  }
  remainders.sort((a, b) => (a.remainder === b.remainder ? compareAddresses(a.address, b.address) : a.remainder > b.remainder ? -1 : 1));
  for (let i = 0; left > 0n; i++, left--) {
    const { address } = remainders[i]!;
    out.set(address, out.get(address)! + 1n);
  }
  return out;
}

/**
 * Every leaf of the epoch's reward tree: each address with a positive cumulative amount, from this epoch's
 * allocations or, with nothing new, carried over from `previousCumulative`, so earlier earners keep a valid proof
 * under the new root. Sorted by lowercase address.
 */
export function rewardLeaves(
  allocations: readonly AddressAllocation[],
  previousCumulative: ReadonlyMap<string, bigint>,
): RewardLeaf[] {
  const cumulative = normalizeCumulative(previousCumulative);
  for (const a of allocations) {
    const address = normalizeAddress(a.address);
    const before = cumulative.get(address) ?? 0n;
    if (a.cumulative < before) throw new Error(`cumulative amount of ${address} decreased`);
    cumulative.set(address, a.cumulative);
  }
  return [...cumulative]
    .filter(([, amount]) => amount > 0n)
    .sort(([a], [b]) => compareAddresses(a, b))
    .map(([account, amount]) => ({ account, amount }));
}

function normalizeCumulative(map: ReadonlyMap<string, bigint>): Map<string, bigint> {
  const out = new Map<string, bigint>();
  for (const [key, amount] of map) {
    const address = normalizeAddress(key);
    if (out.has(address)) throw new Error(`previousCumulative lists ${address} twice`);
    if (amount < 0n) throw new Error(`negative cumulative amount for ${address}`);
    out.set(address, amount);
  }
  return out;
}

export function addWeight(map: Map<string, bigint>, address: string, weight: bigint): void {
  map.set(address, (map.get(address) ?? 0n) + weight);
}

function sum(values: Iterable<bigint>): bigint {
  let total = 0n;
  for (const v of values) total += v;
  return total;
}

function compareAddresses(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
