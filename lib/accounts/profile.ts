import type { Address } from "viem";
import type { Role } from "../db/schema";

export type Profile = { address: Address; roles: { validator: boolean; curator: boolean }; reputation: number };

/** Checks on-chain stake; injected so the profile stays a database read in tests without a chain. */
export type StakeCheck = (address: Address) => Promise<boolean>;

/** An account as its session sees it: roles granted off-chain, or validator by stake on-chain. */
export type AccountState = { address: Address; roles: Role[]; reputation: number };

export async function profileOf(account: AccountState, isStaked?: StakeCheck): Promise<Profile> {
  const granted = account.roles.includes("validator");
  const validator = granted || (isStaked ? await isStaked(account.address).catch(() => false) : false);
  return { address: account.address, roles: { validator, curator: account.roles.includes("curator") }, reputation: account.reputation };
}
