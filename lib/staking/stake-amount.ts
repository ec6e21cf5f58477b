import { formatUnits } from "viem";

const cmpl = (wei: bigint) => `${Number(formatUnits(wei, 18)).toLocaleString("en-US", { maximumFractionDigits: 4 })} CMPL`;

/**
 * Why a stake of `amount` would fail, in the words the staking page shows before any wallet opens,
 * or null when the contract will take it: it must be positive, within the wallet's balance, and
 * leave the active stake at the minimum or above (the contract's BelowMinimumStake).
 */
export function stakeAmountProblem(p: { amount: bigint | null; balance: bigint; active: bigint; minStake: bigint }): string | null {
  if (p.amount === null) return "Enter an amount of CMPL, like 1000 or 1000.5.";
  if (p.amount <= 0n) return "Enter an amount above zero.";
  if (p.amount > p.balance) return `That is more than your balance: you hold ${cmpl(p.balance)}.`;
  if (p.active + p.amount < p.minStake) {
    const missing = p.minStake - p.active;
    return p.active > 0n
      ? `Your stake would stay below the ${cmpl(p.minStake)} minimum: add at least ${cmpl(missing)}.`
      : `The minimum stake is ${cmpl(p.minStake)}: stake at least that much.`;
  }
  return null;
}

/** Why an unstake request of `amount` would fail, or null. */
export function unstakeAmountProblem(p: { amount: bigint | null; active: bigint }): string | null {
  if (p.amount === null) return "Enter an amount of CMPL.";
  if (p.amount <= 0n) return "Enter an amount above zero.";
  if (p.amount > p.active) return `You have ${cmpl(p.active)} staked: you cannot unstake more.`;
  return null;
}
