import { eq } from "drizzle-orm";
import type { Address } from "viem";
import type { Db } from "../db/client";
import { accounts } from "../db/schema";

export type Profile = { address: Address; roles: { validator: boolean; curator: boolean }; reputation: number };

/** Checks on-chain stake; injected so the profile stays a database read in tests without a chain. */
export type StakeCheck = (address: Address) => Promise<boolean>;

export async function getProfile(db: Db, address: Address, isStaked?: StakeCheck): Promise<Profile> {
  const [row] = await db.select().from(accounts).where(eq(accounts.address, address.toLowerCase()));
  const roles = row?.roles ?? [];
  const granted = roles.includes("validator");
  const validator = granted || (isStaked ? await isStaked(address).catch(() => false) : false);
  return { address, roles: { validator, curator: roles.includes("curator") }, reputation: row?.reputation ?? 0.5 };
}
