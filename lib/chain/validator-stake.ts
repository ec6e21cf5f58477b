import type { Address, PublicClient } from "viem";
import { validatorStakingAbi } from "./abi";
import type { Deployment } from "./deployments";

const TTL_MS = 30_000;

/**
 * Whether an address has enough active stake to validate, read from the staking contract and
 * cached briefly: a vote should not wait on an RPC round trip, and stake changes are rare.
 */
export function stakeChecker(client: PublicClient, deployment: Deployment | null, ttlMs = TTL_MS) {
  const cache = new Map<string, { value: boolean; until: number }>();
  return async (address: Address): Promise<boolean> => {
    if (!deployment) return false;
    const key = address.toLowerCase();
    const hit = cache.get(key);
    if (hit && hit.until > Date.now()) return hit.value;
    const value = await client.readContract({ address: deployment.staking, abi: validatorStakingAbi, functionName: "isValidator", args: [address] });
    cache.set(key, { value, until: Date.now() + ttlMs });
    return value;
  };
}
