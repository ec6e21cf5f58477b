import type { Address, PublicClient } from "viem";
import { snapshotDistributorAbi } from "../chain/abi";

export type ClaimRecord = { amount: bigint; cumulativeAmount: bigint; txHash: `0x${string}`; blockNumber: bigint };

/** What a scan has found so far: every claim up to `scannedTo` (inclusive), oldest first. */
export type ClaimScan = { scannedTo: bigint; records: ClaimRecord[] };

/** The block ranges [from, to] covering `from..to` with at most `range` blocks each, in order. */
export function blockPages(from: bigint, to: bigint, range: number): { from: bigint; to: bigint }[] {
  if (!(Number.isSafeInteger(range) && range > 0)) throw new RangeError(`range must be a positive whole number, got ${range}`);
  const pages: { from: bigint; to: bigint }[] = [];
  for (let start = from; start <= to; start += BigInt(range)) {
    const end = start + BigInt(range) - 1n;
    pages.push({ from: start, to: end < to ? end : to });
  }
  return pages;
}

/**
 * The `Claimed` events paid to `account`, read in pages of at most `range` blocks (public RPCs refuse wider log
 * queries) and resumed after `previous.scannedTo`: a page already scanned is never read again, so a refresh costs
 * one query per `range` new blocks.
 */
export async function scanClaims(
  client: Pick<PublicClient, "getBlockNumber" | "getContractEvents">,
  options: { distributor: Address; account: Address; startBlock: bigint; range: number; previous?: ClaimScan | null },
): Promise<ClaimScan> {
  const head = await client.getBlockNumber({ cacheTime: 0 });
  const from = options.previous ? options.previous.scannedTo + 1n : options.startBlock;
  const records = [...(options.previous?.records ?? [])];
  for (const page of blockPages(from, head, options.range)) {
    const logs = await client.getContractEvents({
      abi: snapshotDistributorAbi,
      address: options.distributor,
      eventName: "Claimed",
      args: { account: options.account },
      fromBlock: page.from,
      toBlock: page.to,
    });
    for (const log of logs) {
      if (log.args.amount === undefined || log.args.cumulativeAmount === undefined || !log.transactionHash || log.blockNumber === null) continue;
      records.push({ amount: log.args.amount, cumulativeAmount: log.args.cumulativeAmount, txHash: log.transactionHash, blockNumber: log.blockNumber });
    }
  }
  return { scannedTo: head < from ? (options.previous?.scannedTo ?? from - 1n) : head, records };
}
