import { desc, eq } from "drizzle-orm";
import type { Address } from "viem";
import type { StakeReader, StakeReading } from "../chain/validator-stake";
import type { Db } from "../db/client";
import { slashes, type Role } from "../db/schema";
import { stakeStatus } from "./stake-status";

/** Token amounts travel as decimal wei strings (JSON has no bigint). */
export type StakeView = { active: string; pending: string; unlockAt: string | null; minStake: string };
export type SlashView = { amount: string; reason: string; evidenceHash: string; txHash: string; slashedAt: string };

export type Profile = {
  address: Address;
  roles: { validator: boolean; curator: boolean };
  reputation: number;
  /** The position on the staking contract (null without one); validator by stake when active ≥ minStake. */
  stake: StakeView | null;
  slashes: SlashView[];
};

/** Checks on-chain stake; injected so callers decide how fresh it must be. */
export type StakeCheck = (address: Address) => Promise<boolean>;

/** An account as its session sees it: roles granted off-chain, or validator by stake on-chain. */
export type AccountState = { address: Address; roles: Role[]; reputation: number };

export const stakeView = (s: StakeReading): StakeView => ({
  active: s.active.toString(),
  pending: s.pending.toString(),
  unlockAt: s.unlockAt?.toISOString() ?? null,
  minStake: s.minStake.toString(),
});

/** The stake check every validator-only route uses: the shared reading, refreshed from the chain when stale. */
export const stakeCheck =
  (db: Db, read: StakeReader | null): StakeCheck =>
  async (address) =>
    (await stakeStatus(db, address, read))?.isValidator ?? false;

/** The profile of a signed-in account: roles, reputation, stake (`fresh` asks the chain now) and slashes, newest first. */
export async function profileOf(db: Db, account: AccountState, read: StakeReader | null, options: { fresh?: boolean } = {}): Promise<Profile> {
  const [stake, slashed] = await Promise.all([
    stakeStatus(db, account.address, read, options).catch(() => null),
    db.select().from(slashes).where(eq(slashes.validator, account.address.toLowerCase())).orderBy(desc(slashes.slashedAt)).limit(20),
  ]);
  const granted = account.roles.includes("validator");
  return {
    address: account.address,
    roles: { validator: granted || (stake?.isValidator ?? false), curator: account.roles.includes("curator") },
    reputation: account.reputation,
    stake: stake ? stakeView(stake) : null,
    slashes: slashed.map((s) => ({ amount: s.amount.toString(), reason: s.reason, evidenceHash: s.evidenceHash, txHash: s.txHash, slashedAt: s.slashedAt.toISOString() })),
  };
}
