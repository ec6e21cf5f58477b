import type { Address, PublicClient } from "viem";
import { validatorStakingAbi } from "./abi";
import type { Deployment } from "./deployments";

/** An account's position on the staking contract, and whether it makes the account a validator. */
export type StakeReading = { active: bigint; pending: bigint; unlockAt: Date | null; minStake: bigint; isValidator: boolean };

/** Reads a position from the chain (two calls, in parallel). */
export type StakeReader = (address: Address) => Promise<StakeReading>;

export function stakeReader(client: PublicClient, deployment: Deployment): StakeReader {
  const contract = { address: deployment.staking, abi: validatorStakingAbi } as const;
  return async (address) => {
    const [[active, pending, unlockAt], minStake] = await Promise.all([
      client.readContract({ ...contract, functionName: "stakeOf", args: [address] }),
      client.readContract({ ...contract, functionName: "minStake" }),
    ]);
    return { active, pending, unlockAt: unlockAt > 0n ? new Date(Number(unlockAt) * 1000) : null, minStake, isValidator: active !== 0n && active >= minStake };
  };
}
