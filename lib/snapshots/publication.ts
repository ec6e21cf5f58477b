import { eq } from "drizzle-orm";
import { isAddressEqual, parseEventLogs, type Address, type Hash, type PublicClient, type TransactionReceipt } from "viem";
import { snapshotDistributorAbi } from "../chain/abi";
import type { Db } from "../db/client";
import { snapshots, type Snapshot } from "../db/schema";
import { ApiError, notFound } from "../http/api-error";

/** A transaction the chain has never heard of after this long is refused, so the epoch can be published again. */
export const UNSEEN_TX_GRACE_MS = 2 * 60 * 1000;

export type PublicationState =
  | { state: "none"; error: { code: string; message: string } | null }
  | { state: "pending"; txHash: string; since: string }
  | { state: "confirmed"; snapshot: Snapshot };

type Refusal = { code: string; message: string };

/**
 * The curator's wallet sends the publish transaction; the server never holds a key and never
 * waits on the chain inside a request. Reporting a transaction records it and checks the chain
 * once: confirmed when the transaction succeeded and the distributor emitted Published for this
 * epoch with exactly our roots, manifest hash and total; refused (with the reason) when it
 * reverted, published something else, or was never seen; pending otherwise, re-checked on each
 * read of the state, which the page polls.
 */
export async function reportPublication(db: Db, client: PublicClient, distributor: Address, epoch: number, txHash: Hash, now = new Date()): Promise<PublicationState> {
  const snapshot = await loadSnapshot(db, epoch);
  if (snapshot.status === "published") throw new ApiError(409, "already_published", `Epoch ${epoch} is already published.`);
  if (snapshot.status !== "exported") throw new ApiError(409, "not_exported", `Epoch ${epoch} is still being exported.`);
  const [recorded] = await db
    .update(snapshots)
    .set({ pendingTxHash: txHash.toLowerCase(), pendingSince: now, publicationError: null })
    .where(eq(snapshots.epoch, epoch))
    .returning();
  const state = await settle(db, client, distributor, recorded ?? snapshot, now);
  if (state.state === "none" && state.error) throw new ApiError(400, state.error.code, state.error.message, "txHash");
  return state;
}

/** The publication state of an epoch, settling a pending transaction if the chain has decided it meanwhile. */
export async function publicationState(db: Db, client: PublicClient, distributor: Address, epoch: number, now = new Date()): Promise<PublicationState> {
  return settle(db, client, distributor, await loadSnapshot(db, epoch), now);
}

async function loadSnapshot(db: Db, epoch: number): Promise<Snapshot> {
  const [snapshot] = await db.select().from(snapshots).where(eq(snapshots.epoch, epoch));
  if (!snapshot) throw notFound(`No snapshot for epoch ${epoch}.`);
  return snapshot;
}

async function settle(db: Db, client: PublicClient, distributor: Address, snapshot: Snapshot, now: Date): Promise<PublicationState> {
  if (snapshot.status === "published") return { state: "confirmed", snapshot };
  const txHash = snapshot.pendingTxHash as Hash | null;
  if (!txHash || !snapshot.pendingSince) return { state: "none", error: snapshot.publicationError ?? null };
  const receipt = await client.getTransactionReceipt({ hash: txHash }).catch(() => null);
  if (!receipt) {
    const seen = await client.getTransaction({ hash: txHash }).then(() => true, () => false);
    if (seen || now.getTime() - snapshot.pendingSince.getTime() < UNSEEN_TX_GRACE_MS)
      return { state: "pending", txHash, since: snapshot.pendingSince.toISOString() };
    return refuse(db, snapshot.epoch, { code: "tx_not_found", message: "The transaction was never seen on the chain. Publish again." });
  }
  const refusal = checkReceipt(receipt, distributor, snapshot);
  if (refusal) return refuse(db, snapshot.epoch, refusal);
  const [row] = await db
    .update(snapshots)
    .set({ status: "published", txHash, publishedAt: now, pendingTxHash: null, pendingSince: null, publicationError: null })
    .where(eq(snapshots.epoch, snapshot.epoch))
    .returning();
  return { state: "confirmed", snapshot: row ?? snapshot };
}

function checkReceipt(receipt: TransactionReceipt, distributor: Address, snapshot: Snapshot): Refusal | null {
  if (receipt.status !== "success") return { code: "tx_failed", message: "The transaction reverted." };
  const event = parseEventLogs({ abi: snapshotDistributorAbi, eventName: "Published", logs: receipt.logs }).find(
    (e) => isAddressEqual(e.address, distributor) && Number(e.args.epoch) === snapshot.epoch,
  );
  if (!event) return { code: "no_publication", message: `The transaction did not publish epoch ${snapshot.epoch} on our distributor.` };
  const { datasetRoot, rewardRoot, manifestHash, totalCumulative } = event.args;
  const same =
    datasetRoot.toLowerCase() === snapshot.datasetRoot &&
    rewardRoot.toLowerCase() === snapshot.rewardRoot &&
    manifestHash.toLowerCase() === snapshot.manifestHash &&
    totalCumulative === snapshot.totalCumulative;
  return same ? null : { code: "publication_mismatch", message: "The published roots differ from this snapshot's. Nothing was marked." };
}

async function refuse(db: Db, epoch: number, error: Refusal): Promise<PublicationState> {
  await db.update(snapshots).set({ pendingTxHash: null, pendingSince: null, publicationError: error }).where(eq(snapshots.epoch, epoch));
  return { state: "none", error };
}
