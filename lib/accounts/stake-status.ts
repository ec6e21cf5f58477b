import { eq } from "drizzle-orm";
import type { Address } from "viem";
import type { StakeReader, StakeReading } from "../chain/validator-stake";
import type { Db } from "../db/client";
import { validatorStakes } from "../db/schema";

/**
 * How long a stake reading is believed. Every app process reads the same rows, so one that saw a
 * fresh stake (a staking page refreshed it) or a slash (which clears it) tells all of them; only
 * changes made elsewhere (a wallet staking outside the app) take up to this long to show.
 */
export const STAKE_MAX_AGE_MS = 30_000;

/**
 * An account's stake: the shared reading while fresh, else (or with `fresh`) the chain's, stored
 * for the other processes. null when no staking contract is deployed on this chain.
 */
export async function stakeStatus(db: Db, address: Address, read: StakeReader | null, options: { fresh?: boolean; now?: Date } = {}): Promise<StakeReading | null> {
  if (!read) return null;
  const now = options.now ?? new Date();
  const key = address.toLowerCase();
  if (!options.fresh) {
    const [row] = await db.select().from(validatorStakes).where(eq(validatorStakes.address, key));
    if (row && now.getTime() - row.checkedAt.getTime() < STAKE_MAX_AGE_MS)
      return { active: row.active, pending: row.pending, unlockAt: row.unlockAt, minStake: row.minStake, isValidator: row.isValidator };
  }
  const reading = await read(address);
  const values = { ...reading, checkedAt: now };
  await db.insert(validatorStakes).values({ address: key, ...values }).onConflictDoUpdate({ target: validatorStakes.address, set: values });
  return reading;
}

/** Forgets a reading (after a slash): the next check asks the chain. */
export async function forgetStake(db: Db, address: string): Promise<void> {
  await db.delete(validatorStakes).where(eq(validatorStakes.address, address.toLowerCase()));
}
