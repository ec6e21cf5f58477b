"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { parseSignature, type Address, type Hash } from "viem";
import { useBlock, usePublicClient, useReadContracts, useSignTypedData, useWriteContract } from "wagmi";
import { commonplaceTokenAbi, validatorStakingAbi } from "@/lib/chain/abi";
import { permitTypedData } from "@/lib/chain/permit";
import { useAppSettings } from "../wallet/app-settings";
import { TxRevertedError, txErrorMessage } from "../wallet/tx-errors";

/** Where a staking action is: each step the page shows in order, then done or failed. */
export type StakingPhase =
  | { kind: "idle" }
  | { kind: "sign" }
  | { kind: "confirm"; step?: string }
  | { kind: "pending"; hash: Hash; step?: string }
  | { kind: "refresh" }
  | { kind: "done"; hash: Hash; message: string }
  | { kind: "failed"; message: string; hash?: Hash };

const REVERTS: Record<string, string> = {
  BelowMinimumStake: "The stake would stay below the minimum: the contract refused it. Nothing was staked.",
  ERC20InsufficientBalance: "Your wallet does not hold that many CMPL. Nothing was staked.",
  ERC20InsufficientAllowance: "The staking contract may not move that many of your CMPL yet: approve it first.",
  InsufficientStake: "You cannot unstake more than your active stake.",
  StillLocked: "Your pending stake is still locked: try again after the unlock time.",
  NothingToWithdraw: "Nothing is waiting to be withdrawn.",
  ZeroAmount: "Enter an amount above zero.",
};

/** A permit is good for 20 minutes: long enough to confirm, short enough not to linger. */
const PERMIT_SECONDS = 20 * 60;

/**
 * The account's position on the staking contract and its token balance, read from the chain, and
 * the actions on it. Each action ends by asking the server to read the stake again (GET /api/me?fresh=1)
 * and refreshing every query, so the review queue opens or closes at once.
 */
export function useStaking(address: Address) {
  const { deployment, settings } = useAppSettings();
  const client = usePublicClient({ chainId: settings.chainId });
  const queryClient = useQueryClient();
  const { mutateAsync: writeContract } = useWriteContract();
  const { mutateAsync: signTypedData } = useSignTypedData();
  const [phase, setPhase] = useState<StakingPhase>({ kind: "idle" });
  /** Whether the running action starts with a signature (a permit): the progress shows that step. */
  const [signs, setSigns] = useState(false);

  const reads = useReadContracts({
    contracts: deployment
      ? ([
          { address: deployment.token, abi: commonplaceTokenAbi, functionName: "balanceOf", args: [address] },
          { address: deployment.staking, abi: validatorStakingAbi, functionName: "stakeOf", args: [address] },
          { address: deployment.staking, abi: validatorStakingAbi, functionName: "minStake" },
          { address: deployment.staking, abi: validatorStakingAbi, functionName: "unstakeDelay" },
        ] as const)
      : [],
    query: { enabled: !!deployment, refetchInterval: 15_000 },
  });
  // Unlock times are chain time, which is not the browser's clock (a local chain can be moved forward).
  const block = useBlock({ chainId: settings.chainId, query: { refetchInterval: 15_000 } });
  const [balance, position, minStake, unstakeDelay] = reads.data?.map((r) => r.result) ?? [];
  const state =
    typeof balance === "bigint" && Array.isArray(position) && typeof minStake === "bigint" && typeof unstakeDelay === "bigint" && block.data
      ? {
          chainNow: new Date(Number(block.data.timestamp) * 1000),
          balance,
          active: position[0] as bigint,
          pending: position[1] as bigint,
          unlockAt: Number(position[2]) > 0 ? new Date(Number(position[2]) * 1000) : null,
          minStake,
          unstakeDelaySeconds: Number(unstakeDelay),
        }
      : null;

  /** Waits for the receipt, then has the server read the stake afresh and refreshes everything on screen. */
  const settle = useCallback(
    async (hash: Hash, message: string, step?: string) => {
      if (!client) throw new Error("No connection to the chain.");
      setPhase({ kind: "pending", hash, step });
      const receipt = await client.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success") throw new TxRevertedError(hash);
      setPhase({ kind: "refresh" });
      await fetch("/api/me?fresh=1", { cache: "no-store" });
      await queryClient.invalidateQueries();
      setPhase({ kind: "done", hash, message });
    },
    [client, queryClient],
  );

  const run = useCallback(
    async (action: () => Promise<void>, withSignature = false) => {
      setSigns(withSignature);
      try {
        await action();
      } catch (error) {
        console.error("staking action failed", error);
        setPhase({ kind: "failed", message: txErrorMessage(error, REVERTS), hash: error instanceof TxRevertedError ? (error.hash as Hash) : undefined });
        void queryClient.invalidateQueries();
      }
    },
    [queryClient],
  );

  /** One signature (an EIP-2612 permit) and one transaction. */
  const stakeWithPermit = (amount: bigint) =>
    run(async () => {
      if (!deployment || !client) throw new Error("The staking contract is not deployed on this network.");
      setPhase({ kind: "sign" });
      const nonce = await client.readContract({ address: deployment.token, abi: commonplaceTokenAbi, functionName: "nonces", args: [address] });
      const deadline = BigInt(Math.floor(Date.now() / 1000) + PERMIT_SECONDS);
      const signature = await signTypedData(permitTypedData({ token: deployment.token, chainId: settings.chainId, owner: address, spender: deployment.staking, value: amount, nonce, deadline }));
      const { r, s, yParity } = parseSignature(signature);
      setPhase({ kind: "confirm" });
      const hash = await writeContract({ address: deployment.staking, abi: validatorStakingAbi, functionName: "stakeWithPermit", args: [amount, deadline, 27 + yParity, r, s], chainId: settings.chainId });
      await settle(hash, "Staked.");
    }, true);

  /** For wallets that cannot sign typed data: an approval, then the stake. */
  const approveAndStake = (amount: bigint) =>
    run(async () => {
      if (!deployment) throw new Error("The staking contract is not deployed on this network.");
      setPhase({ kind: "confirm", step: "1 of 2: approve" });
      const approval = await writeContract({ address: deployment.token, abi: commonplaceTokenAbi, functionName: "approve", args: [deployment.staking, amount], chainId: settings.chainId });
      await settle(approval, "Approved.", "1 of 2: approve");
      setPhase({ kind: "confirm", step: "2 of 2: stake" });
      const hash = await writeContract({ address: deployment.staking, abi: validatorStakingAbi, functionName: "stake", args: [amount], chainId: settings.chainId });
      await settle(hash, "Staked.", "2 of 2: stake");
    });

  const requestUnstake = (amount: bigint) =>
    run(async () => {
      if (!deployment) throw new Error("The staking contract is not deployed on this network.");
      setPhase({ kind: "confirm" });
      const hash = await writeContract({ address: deployment.staking, abi: validatorStakingAbi, functionName: "requestUnstake", args: [amount], chainId: settings.chainId });
      await settle(hash, "Unstake requested.");
    });

  const withdraw = () =>
    run(async () => {
      if (!deployment) throw new Error("The staking contract is not deployed on this network.");
      setPhase({ kind: "confirm" });
      const hash = await writeContract({ address: deployment.staking, abi: validatorStakingAbi, functionName: "withdraw", args: [], chainId: settings.chainId });
      await settle(hash, "Withdrawn: the tokens are back in your wallet.");
    });

  const busy = phase.kind === "sign" || phase.kind === "confirm" || phase.kind === "pending" || phase.kind === "refresh";
  return { state, loading: reads.isPending, phase, signs, busy, stakeWithPermit, approveAndStake, requestUnstake, withdraw, reset: () => setPhase({ kind: "idle" }) };
}

export type Staking = ReturnType<typeof useStaking>;
