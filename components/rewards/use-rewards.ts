"use client";

import { useQuery } from "@tanstack/react-query";
import { erc20Abi, type Address } from "viem";
import { usePublicClient, useReadContracts } from "wagmi";
import type { AccountRewards } from "@/lib/rewards/account-rewards";
import { scanClaims, type ClaimRecord, type ClaimScan } from "@/lib/rewards/claim-history";
import { useAppSettings } from "../wallet/app-settings";
import { FALLBACK_SYMBOL } from "../format";

export const REWARDS_QUERY_KEY = ["rewards"] as const;
export const CLAIMS_QUERY_KEY = ["claims"] as const;

async function fetchRewards(address: Address): Promise<AccountRewards> {
  const res = await fetch(`/api/rewards/${address}`, { cache: "no-store" });
  if (!res.ok) throw new Error("Could not load your rewards. Check your connection and retry.");
  return (await res.json()) as AccountRewards;
}

/** GET /api/rewards/{address}: amounts per epoch, what the chain says was claimed, and the proof. */
export function useAccountRewards(address: Address) {
  return useQuery({
    queryKey: [...REWARDS_QUERY_KEY, address],
    queryFn: () => fetchRewards(address),
    // A curator may publish an epoch while the page is open.
    refetchInterval: 30_000,
  });
}

/** The token's symbol and the wallet's balance, read straight from the chain. */
export function useTokenInfo(address: Address) {
  const { deployment } = useAppSettings();
  const token = deployment?.token;
  const { data, isPending, refetch } = useReadContracts({
    contracts: token
      ? ([
          { address: token, abi: erc20Abi, functionName: "symbol" },
          { address: token, abi: erc20Abi, functionName: "balanceOf", args: [address] },
        ] as const)
      : [],
    query: { enabled: !!token, refetchInterval: 15_000 },
  });
  const [symbol, balance] = data ?? [];
  return {
    symbol: symbol?.status === "success" ? symbol.result : FALLBACK_SYMBOL,
    balance: balance?.status === "success" ? balance.result : undefined,
    loading: !!token && isPending,
    refetch,
  };
}

/** Claims found per distributor and account in this tab: a refetch scans only the blocks after the last one seen. */
const scans = new Map<string, ClaimScan>();

/** Every `Claimed` event for the account, newest first: paid to it whoever sent the transaction. */
export function useClaimHistory(address: Address) {
  const { deployment, settings } = useAppSettings();
  const client = usePublicClient({ chainId: settings.chainId });
  const distributor = deployment?.distributor;
  return useQuery({
    queryKey: [...CLAIMS_QUERY_KEY, distributor, address],
    enabled: !!client && !!distributor,
    queryFn: async (): Promise<ClaimRecord[]> => {
      if (!client || !distributor) return [];
      const key = `${distributor}:${address}`.toLowerCase();
      const scan = await scanClaims(client, {
        distributor,
        account: address,
        startBlock: BigInt(deployment?.startBlock ?? 0),
        range: settings.logRange,
        previous: scans.get(key),
      });
      scans.set(key, scan);
      return [...scan.records].reverse();
    },
  });
}
