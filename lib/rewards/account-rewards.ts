import { asc, desc, eq } from "drizzle-orm";
import type { Address, Hex } from "viem";
import type { Db } from "../db/client";
import { rewardAllocations, snapshots } from "../db/schema";
import { buildRewardTree, type StandardTree } from "../merkle/standard-tree";

export type EpochReward = { epoch: number; contributorAmount: string; validatorAmount: string; cumulative: string; published: boolean };

export type AccountRewards = {
  address: string;
  /** The latest published epoch: claims are checked against its reward root. */
  epoch: number | null;
  cumulativeAmount: string;
  /** Already paid by the distributor, read from the chain (null when the chain cannot be reached). */
  claimed: string | null;
  claimable: string | null;
  proof: Hex[];
  history: EpochReward[];
};

const trees = new Map<number, { tree: StandardTree; index: Map<string, number> }>();

/**
 * The reward tree of a published epoch, rebuilt from its allocations once per process and checked against the stored
 * root. A published epoch never changes; a cached tree is still only used while its root is the one asked for.
 */
async function epochTree(db: Db, epoch: number, expectedRoot: string) {
  const cached = trees.get(epoch);
  if (cached && cached.tree.root === expectedRoot) return cached;
  const rows = await db
    .select({ address: rewardAllocations.address, cumulative: rewardAllocations.cumulative })
    .from(rewardAllocations)
    .where(eq(rewardAllocations.epoch, epoch))
    .orderBy(asc(rewardAllocations.address));
  const tree = buildRewardTree(rows.map((r) => ({ account: r.address as Address, amount: r.cumulative })));
  if (tree.root !== expectedRoot) throw new Error(`reward tree of epoch ${epoch} does not match its stored root`);
  const entry = { tree, index: new Map(rows.map((r, i) => [r.address, i])) };
  trees.set(epoch, entry);
  return entry;
}

export async function accountRewards(db: Db, address: Address, readClaimed: (a: Address) => Promise<bigint | null>): Promise<AccountRewards> {
  const lower = address.toLowerCase();
  const history = await db
    .select({ a: rewardAllocations, status: snapshots.status })
    .from(rewardAllocations)
    .innerJoin(snapshots, eq(snapshots.epoch, rewardAllocations.epoch))
    .where(eq(rewardAllocations.address, lower))
    .orderBy(desc(rewardAllocations.epoch));
  const [latest] = await db.select().from(snapshots).where(eq(snapshots.status, "published")).orderBy(desc(snapshots.epoch)).limit(1);
  const mine = latest ? history.find((h) => h.a.epoch === latest.epoch) : undefined;
  const cumulative = mine?.a.cumulative ?? 0n;
  const proof = latest && mine ? await epochTree(db, latest.epoch, latest.rewardRoot).then(({ tree, index }) => tree.proof(index.get(lower) ?? -1)) : [];
  const claimed = await readClaimed(address).catch(() => null);
  return {
    address,
    epoch: latest?.epoch ?? null,
    cumulativeAmount: cumulative.toString(),
    claimed: claimed === null ? null : claimed.toString(),
    claimable: claimed === null ? null : (cumulative > claimed ? cumulative - claimed : 0n).toString(),
    proof,
    history: history.map((h) => ({
      epoch: h.a.epoch,
      contributorAmount: h.a.contributorAmount.toString(),
      validatorAmount: h.a.validatorAmount.toString(),
      cumulative: h.a.cumulative.toString(),
      published: h.status === "published",
    })),
  };
}
