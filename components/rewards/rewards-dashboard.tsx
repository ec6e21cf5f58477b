"use client";

import type { Address } from "viem";
import { useConnection } from "wagmi";
import { Card } from "../ui";
import { ClaimHistory, RowsSkeleton } from "./claim-history";
import { ClaimPanel } from "./claim-panel";
import { Earnings } from "./earnings";
import { exactTokenAmount, formatTokenAmount } from "../format";
import { useAccountRewards, useTokenInfo } from "./use-rewards";

/** The connected wallet's rewards. No sign-in: claiming needs only the address and the public proof. */
export function RewardsDashboard() {
  const { address, status } = useConnection();
  if (status === "connecting" || status === "reconnecting") return <DashboardSkeleton />;
  if (!address) return <ConnectPrompt />;
  // Keyed by address: switching accounts starts from a clean claim state.
  return <AccountRewardsView key={address} address={address} />;
}

function AccountRewardsView({ address }: { address: Address }) {
  const rewards = useAccountRewards(address);
  const token = useTokenInfo(address);
  const { symbol } = token;
  if (rewards.isError)
    return (
      <div className="space-y-6">
        <p role="alert" className="rounded-xl bg-red-50 p-4 text-sm text-red-800">
          {rewards.error.message}{" "}
          <button type="button" className="font-medium underline" onClick={() => void rewards.refetch()}>
            Retry
          </button>
        </p>
        <ClaimHistory address={address} symbol={symbol} />
      </div>
    );
  if (!rewards.data) return <DashboardSkeleton />;
  const data = rewards.data;
  const cumulative = BigInt(data.cumulativeAmount);
  const latest = data.history[0];
  const unpublished = latest && !latest.published && BigInt(latest.cumulative) > cumulative ? BigInt(latest.cumulative) - cumulative : 0n;
  return (
    <div className="space-y-6">
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <ClaimPanel address={address} rewards={data} symbol={symbol} />
        <dl className="grid gap-4 sm:grid-cols-3 lg:grid-cols-1">
          <Stat label="Total earned" wei={cumulative} symbol={symbol} note={unpublished > 0n ? `+${formatTokenAmount(unpublished)} awaiting publication` : "In published epochs"} />
          <Stat
            label="Already claimed"
            wei={data.claimed === null ? null : BigInt(data.claimed)}
            symbol={symbol}
            note={data.claimed === null ? "Chain unreachable" : "Paid to this address"}
          />
          <Stat label="Wallet balance" wei={token.balance ?? null} loading={token.loading} symbol={symbol} testId="rewards-balance" note={`${symbol} held by this address`} />
        </dl>
      </div>
      <Earnings history={data.history} symbol={symbol} />
      <ClaimHistory address={address} symbol={symbol} />
    </div>
  );
}

function Stat({ label, wei, symbol, note, testId, loading = false }: { label: string; wei: bigint | null; symbol: string; note: string; testId?: string; loading?: boolean }) {
  return (
    <div className="rounded-2xl border border-stone-200 bg-white p-4 shadow-sm">
      <dt className="text-xs font-medium text-stone-500">{label}</dt>
      <dd className="mt-1">
        {loading ? (
          <span className="block h-7 w-24 animate-pulse rounded bg-stone-200">
            <span className="sr-only">Loading</span>
          </span>
        ) : (
          <span className="block text-2xl font-semibold tabular-nums" data-testid={testId} title={wei === null ? undefined : `${exactTokenAmount(wei)} ${symbol}`}>
            {wei === null ? "–" : formatTokenAmount(wei)} <span className="text-sm font-medium text-stone-500">{symbol}</span>
          </span>
        )}
        <span className="mt-0.5 block text-xs text-stone-500">{note}</span>
      </dd>
    </div>
  );
}

function ConnectPrompt() {
  return (
    <Card className="py-12 text-center">
      <h2 className="text-lg font-semibold">Connect your wallet to see your rewards</h2>
      <p className="mx-auto mt-2 max-w-md text-sm text-stone-600">
        Use <span className="font-medium">Connect wallet</span> at the top right. You don&apos;t need to sign in: any connected address can see and
        claim what it earned as a contributor or validator.
      </p>
    </Card>
  );
}

function DashboardSkeleton() {
  return (
    <div className="space-y-6" aria-busy="true" aria-label="Loading your rewards">
      <div className="grid gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <Card className="animate-pulse space-y-4">
          <div className="h-4 w-28 rounded bg-stone-200" />
          <div className="h-10 w-48 rounded bg-stone-200" />
          <div className="h-10 w-32 rounded-full bg-stone-100" />
        </Card>
        <div className="grid gap-4 sm:grid-cols-3 lg:grid-cols-1">
          {[0, 1, 2].map((i) => (
            <div key={i} className="h-[5.5rem] animate-pulse rounded-2xl border border-stone-200 bg-white p-4">
              <div className="h-3 w-20 rounded bg-stone-200" />
              <div className="mt-3 h-6 w-28 rounded bg-stone-100" />
            </div>
          ))}
        </div>
      </div>
      <Card>
        <RowsSkeleton rows={4} />
      </Card>
    </div>
  );
}
