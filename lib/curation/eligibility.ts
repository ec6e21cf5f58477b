import { eq } from "drizzle-orm";
import type { Address } from "viem";
import type { StakeCheck } from "../accounts/profile";
import type { Db } from "../db/client";
import { accounts } from "../db/schema";
import { ApiError } from "../http/api-error";

/** A validator is granted by a curator (local chain) or staked enough on-chain; nobody else may review. */
export async function requireValidator(db: Db, address: Address, isStaked: StakeCheck): Promise<void> {
  const [row] = await db.select({ roles: accounts.roles }).from(accounts).where(eq(accounts.address, address.toLowerCase()));
  if (row?.roles.includes("validator")) return;
  if (await isStaked(address).catch(() => false)) return;
  throw new ApiError(403, "not_validator", "Only validators can review items. Stake the minimum in the staking contract to become one.");
}

export async function requireCurator(db: Db, address: Address): Promise<void> {
  const [row] = await db.select({ roles: accounts.roles }).from(accounts).where(eq(accounts.address, address.toLowerCase()));
  if (!row?.roles.includes("curator")) throw new ApiError(403, "not_curator", "Only a curator can do this.");
}
