"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { parseEventLogs, type Address, type Hash } from "viem";
import { useConnection, usePublicClient, useSwitchChain, useWriteContract } from "wagmi";
import { snapshotDistributorAbi } from "@/lib/chain/abi";
import { chainFor } from "@/lib/chain/config";
import type { AccountRewards } from "@/lib/rewards/account-rewards";
import { Card, buttonClass } from "../ui";
import { useAppSettings } from "../wallet/app-settings";
import { ClaimRevertedError, claimErrorMessage } from "./claim-errors";
import { exactTokenAmount, formatTokenAmount, shortHex } from "../format";
import { TxHash } from "./tx-hash";

type Phase =
  | { kind: "idle" }
  | { kind: "checking" }
  | { kind: "confirm" }
  | { kind: "pending"; hash: Hash }
  | { kind: "done"; hash: Hash; amount: bigint }
  | { kind: "failed"; message: string; hash?: Hash };

/** Why the button is disabled, in words; null when a claim can go ahead. */
function blocker(rewards: AccountRewards, hasDeployment: boolean, wrongChain: boolean, chainName: string): string | null {
  if (!hasDeployment) return "The reward contracts are not deployed on this network yet.";
  if (rewards.epoch === null) return "No epoch has been published yet: claims open once a curator publishes the first snapshot on-chain.";
  if (wrongChain) return `Your wallet is on another network. Switch to ${chainName} to claim.`;
  if (rewards.claimable === null) return "Could not read what this address already claimed from the chain. Retry in a moment.";
  if (BigInt(rewards.claimable) > 0n) return null;
  if (BigInt(rewards.cumulativeAmount) === 0n) return "Nothing to claim yet: this address earned nothing in the published epochs.";
  return `Nothing to claim: you have claimed everything up to epoch ${rewards.epoch}.`;
}

export function ClaimPanel({ address, rewards, symbol }: { address: Address; rewards: AccountRewards; symbol: string }) {
  const { settings, deployment } = useAppSettings();
  const chain = chainFor(settings);
  const { chainId } = useConnection();
  const client = usePublicClient({ chainId: settings.chainId });
  const { mutateAsync: writeContract } = useWriteContract();
  const { mutate: switchChain, isPending: switching } = useSwitchChain();
  const queryClient = useQueryClient();
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });

  const wrongChain = chainId !== undefined && chainId !== settings.chainId;
  const claimable = rewards.claimable === null ? null : BigInt(rewards.claimable);
  const reason = blocker(rewards, !!deployment, wrongChain, chain.name);
  const busy = phase.kind === "checking" || phase.kind === "confirm" || phase.kind === "pending";

  const claim = async () => {
    if (!deployment || !client || reason) return;
    const args = [address, BigInt(rewards.cumulativeAmount), rewards.proof] as const;
    const call = { address: deployment.distributor, abi: snapshotDistributorAbi, functionName: "claim", args } as const;
    let hash: Hash | undefined;
    try {
      setPhase({ kind: "checking" });
      // A dry run first: the distributor's custom errors (NothingToClaim, InvalidProof) decode here, wallets hide them.
      await client.simulateContract({ ...call, account: address });
      setPhase({ kind: "confirm" });
      hash = await writeContract({ ...call, chainId: settings.chainId });
      setPhase({ kind: "pending", hash });
      const receipt = await client.waitForTransactionReceipt({ hash });
      if (receipt.status !== "success") throw new ClaimRevertedError(hash);
      const [event] = parseEventLogs({ abi: snapshotDistributorAbi, logs: receipt.logs, eventName: "Claimed", args: { account: address } });
      setPhase({ kind: "done", hash, amount: event?.args.amount ?? claimable ?? 0n });
      // Everything read from the chain is stale now: the rewards, the claim history and every token balance (the header's too).
      await queryClient.invalidateQueries();
    } catch (error) {
      console.error("claim failed", error);
      setPhase({ kind: "failed", message: claimErrorMessage(error), hash });
      // A refusal such as NothingToClaim means the numbers on screen were stale.
      void queryClient.invalidateQueries();
    }
  };

  const label = claimable !== null && claimable > 0n && !reason ? `Claim ${formatTokenAmount(claimable)} ${symbol}` : "Claim";

  return (
    <Card className="flex flex-col">
      <h2 className="text-sm font-medium text-stone-600">Claimable now</h2>
      <p className="mt-1 text-4xl font-semibold tracking-tight tabular-nums" data-testid="claimable" title={claimable === null ? undefined : `${exactTokenAmount(claimable)} ${symbol}`}>
        {claimable === null ? "–" : formatTokenAmount(claimable)} <span className="text-lg font-medium text-stone-500">{symbol}</span>
      </p>
      <p className="mt-1 text-sm text-stone-500">
        {rewards.epoch === null ? "No epoch published yet" : `Through epoch ${rewards.epoch}, the latest published`}
      </p>

      <div className="mt-6 flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={() => void claim()}
          disabled={!!reason || busy}
          aria-describedby={reason ? "claim-reason" : undefined}
          className={buttonClass.primary}
        >
          {label}
        </button>
        {wrongChain && (
          <button type="button" onClick={() => switchChain({ chainId: settings.chainId })} disabled={switching} className={buttonClass.secondary}>
            {switching ? "Switching…" : `Switch to ${chain.name}`}
          </button>
        )}
      </div>
      {reason && (
        <p id="claim-reason" className="mt-3 text-sm text-stone-600">
          {reason}
        </p>
      )}

      <div role="status" aria-live="polite" className="mt-4 text-sm empty:mt-0">
        {phase.kind === "checking" && <p className="text-stone-600">Checking the claim…</p>}
        {phase.kind === "confirm" && <p className="text-stone-700">Confirm in your wallet…</p>}
        {phase.kind === "pending" && (
          <p className="text-stone-700">
            Waiting for the transaction… <TxHash hash={phase.hash} explorer={chain.blockExplorers?.default.url} />
          </p>
        )}
        {phase.kind === "done" && (
          <p className="rounded-xl bg-brand-50 p-3 text-brand-900">
            Claimed {formatTokenAmount(phase.amount)} {symbol}: the tokens are in your wallet.{" "}
            <TxHash hash={phase.hash} explorer={chain.blockExplorers?.default.url} />
          </p>
        )}
      </div>
      {phase.kind === "failed" && (
        <div role="alert" className="mt-4 rounded-xl bg-red-50 p-3 text-sm text-red-800">
          {phase.message}
          {phase.hash && (
            <>
              {" "}
              <TxHash hash={phase.hash} explorer={chain.blockExplorers?.default.url} />
            </>
          )}
        </div>
      )}
      {deployment && (
        <p className="mt-auto pt-6 text-xs text-stone-500">
          Paid by the distributor contract <span className="font-mono" title={deployment.distributor}>{shortHex(deployment.distributor, 10, 8)}</span>. Anyone may
          send a claim for an address; the tokens always go to that address.
        </p>
      )}
    </Card>
  );
}
