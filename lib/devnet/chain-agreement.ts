import { and, asc, eq, gt } from "drizzle-orm";
import type { Address, PublicClient } from "viem";
import { snapshotDistributorAbi } from "../chain/abi";
import type { Db } from "../db/client";
import { snapshots } from "../db/schema";

export type Agreement =
  | { state: "agree"; published: number }
  /** The chain lost its last publications (its final moments were not saved): those epochs await publication again. */
  | { state: "repaired"; reopened: number[]; published: number }
  | { state: "disagree"; problem: string };

/**
 * Whether the local chain holds what the database says was published: for every published epoch, the distributor's
 * record with the same roots and manifest hash. One kind of mismatch is mended, the one a crash causes on its own: the
 * chain's state was saved a moment before the database recorded its newest publications, so the chain stops short.
 * Those epochs go back to "awaiting publication" (the curator publishes the same files again, in order). Anything
 * else (no distributor, other roots) is a chain and a database that do not belong together, and is reported with
 * what to do, never served.
 */
export async function checkChainAgreement(db: Db, client: Pick<PublicClient, "readContract" | "getCode">, distributor: Address): Promise<Agreement> {
  const published = await db.select().from(snapshots).where(eq(snapshots.status, "published")).orderBy(asc(snapshots.epoch));
  if (published.length === 0) return { state: "agree", published: 0 };
  const code = await client.getCode({ address: distributor });
  if (!code || code === "0x") {
    return { state: "disagree", problem: `the database has ${published.length} published epochs, but there is no distributor at ${distributor} on this chain: the chain was replaced` };
  }
  const latest = Number(await client.readContract({ address: distributor, abi: snapshotDistributorAbi, functionName: "latestEpoch" }));
  for (const row of published.filter((r) => r.epoch <= latest)) {
    const record = await client.readContract({ address: distributor, abi: snapshotDistributorAbi, functionName: "epochs", args: [BigInt(row.epoch)] });
    const same =
      record.datasetRoot.toLowerCase() === row.datasetRoot.toLowerCase() &&
      record.rewardRoot.toLowerCase() === row.rewardRoot.toLowerCase() &&
      record.manifestHash.toLowerCase() === row.manifestHash.toLowerCase();
    if (!same) return { state: "disagree", problem: `epoch ${row.epoch} on the distributor has other roots than the database's` };
  }
  const lost = published.filter((r) => r.epoch > latest).map((r) => r.epoch);
  if (lost.length === 0) return { state: "agree", published: published.length };
  await db
    .update(snapshots)
    .set({ status: "exported", txHash: null, publishedAt: null, pendingTxHash: null, pendingSince: null })
    .where(and(gt(snapshots.epoch, latest), eq(snapshots.status, "published")));
  return { state: "repaired", reopened: lost, published: published.length - lost.length };
}

/** What to tell the person at the keyboard when the chain and the database disagree. */
export function disagreementAdvice(problem: string, dataDir: string): string {
  return [
    `The local chain and the database do not agree: ${problem}.`,
    "Serving them together would show rewards that no claim can pay, so the app does not start.",
    `  · To restore the chain: put back a saved state as ${dataDir}/anvil-state.json (the last good copy is anvil-state.json.prev).`,
    `  · To start over with fresh demo data: delete ${dataDir}/ and run npm run dev again.`,
  ].join("\n");
}
