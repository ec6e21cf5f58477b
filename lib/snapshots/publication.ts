import { eq } from "drizzle-orm";
import { isAddressEqual, parseEventLogs, type Address, type Hash, type PublicClient } from "viem";
import { snapshotDistributorAbi } from "../chain/abi";
import type { Db } from "../db/client";
import { snapshots } from "../db/schema";
import { ApiError, notFound } from "../http/api-error";

/**
 * Marks an epoch published only after the chain says so: the transaction succeeded, and the
 * distributor emitted Published for this epoch with exactly the roots, manifest hash and total
 * we exported. The curator's wallet sends the transaction; the server never holds a key.
 */
export async function confirmPublication(db: Db, client: PublicClient, distributor: Address, epoch: number, txHash: Hash) {
  const [snapshot] = await db.select().from(snapshots).where(eq(snapshots.epoch, epoch));
  if (!snapshot) throw notFound(`No snapshot for epoch ${epoch}.`);
  if (snapshot.status === "published") throw new ApiError(409, "already_published", `Epoch ${epoch} is already published.`);
  if (snapshot.status !== "exported") throw new ApiError(409, "not_exported", `Epoch ${epoch} is still being exported.`);

  const receipt = await client.waitForTransactionReceipt({ hash: txHash, timeout: 30_000 }).catch(() => null);
  if (!receipt) throw new ApiError(400, "tx_not_found", "The transaction was not found on the chain.", "txHash");
  if (receipt.status !== "success") throw new ApiError(400, "tx_failed", "The transaction reverted.", "txHash");
  const events = parseEventLogs({ abi: snapshotDistributorAbi, eventName: "Published", logs: receipt.logs }).filter(
    (e) => isAddressEqual(e.address, distributor) && Number(e.args.epoch) === epoch,
  );
  const event = events[0];
  if (!event) throw new ApiError(400, "no_publication", `The transaction did not publish epoch ${epoch} on our distributor.`, "txHash");
  const { datasetRoot, rewardRoot, manifestHash, totalCumulative } = event.args;
  if (
    datasetRoot.toLowerCase() !== snapshot.datasetRoot ||
    rewardRoot.toLowerCase() !== snapshot.rewardRoot ||
    manifestHash.toLowerCase() !== snapshot.manifestHash ||
    totalCumulative !== snapshot.totalCumulative
  )
    throw new ApiError(409, "publication_mismatch", "The published roots differ from this snapshot's. Nothing was marked.", "txHash");

  const [row] = await db
    .update(snapshots)
    .set({ status: "published", txHash: txHash.toLowerCase(), publishedAt: new Date() })
    .where(eq(snapshots.epoch, epoch))
    .returning();
  return row;
}
