import type { AccountState, StakeCheck } from "../accounts/profile";
import { ApiError } from "../http/api-error";

/** A validator is granted by a curator (local chain) or staked enough on-chain; nobody else may review. */
export async function requireValidator(account: AccountState, isStaked: StakeCheck): Promise<void> {
  if (account.roles.includes("validator")) return;
  if (await isStaked(account.address).catch(() => false)) return;
  throw new ApiError(403, "not_validator", "Only validators can review items. Stake the minimum in the staking contract to become one.");
}

export function requireCurator(account: AccountState): void {
  if (!account.roles.includes("curator")) throw new ApiError(403, "not_curator", "Only a curator can do this.");
}
