"use client";

import type { Address } from "viem";
import { chainFor } from "@/lib/chain/config";
import { Card } from "../ui";
import { useAppSettings } from "../wallet/app-settings";
import { exactTokenAmount, formatTokenAmount } from "../format";
import { TxHash } from "./tx-hash";
import { useClaimHistory } from "./use-rewards";

/** The distributor's `Claimed` events for this address, read from the chain rather than the app's database. */
export function ClaimHistory({ address, symbol }: { address: Address; symbol: string }) {
  const { settings, deployment } = useAppSettings();
  const explorer = chainFor(settings).blockExplorers?.default.url;
  const claims = useClaimHistory(address);
  return (
    <Card>
      <h2 id="claims" className="text-lg font-semibold">
        Claims
      </h2>
      <p className="mt-1 text-sm text-stone-500">Payments by the distributor to this address, read from its Claimed events on-chain.</p>
      <div className="mt-4">
        {!deployment && <p className="text-sm text-stone-600">The reward contracts are not deployed on this network yet.</p>}
        {deployment && claims.isPending && <RowsSkeleton />}
        {claims.isError && (
          <p role="alert" className="text-sm text-red-700">
            Could not read your claims from the chain.{" "}
            <button type="button" className="underline" onClick={() => void claims.refetch()}>
              Retry
            </button>
          </p>
        )}
        {claims.isSuccess && claims.data.length === 0 && (
          <p className="rounded-xl bg-stone-50 p-6 text-center text-sm text-stone-600">
            No claims yet. Every payment to this address shows up here, whoever sent the transaction.
          </p>
        )}
        {claims.isSuccess && claims.data.length > 0 && (
          <ul className="divide-y divide-stone-100" data-testid="claim-history">
            {claims.data.map((c) => (
              <li key={`${c.txHash}-${c.cumulativeAmount}`} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-3 text-sm">
                <span className="font-semibold tabular-nums" title={`${exactTokenAmount(c.amount)} ${symbol}`}>
                  +{formatTokenAmount(c.amount)} {symbol}
                </span>
                <span className="text-stone-500 tabular-nums">
                  cumulative {formatTokenAmount(c.cumulativeAmount)} · block {c.blockNumber.toString()}
                </span>
                <TxHash hash={c.txHash} explorer={explorer} />
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}

export function RowsSkeleton({ rows = 3 }: { rows?: number }) {
  return (
    <div className="space-y-3" aria-busy="true" aria-label="Loading">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="flex animate-pulse justify-between gap-4">
          <div className="h-4 w-28 rounded bg-stone-200" />
          <div className="h-4 w-40 rounded bg-stone-100" />
        </div>
      ))}
    </div>
  );
}
