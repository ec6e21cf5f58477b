import { z } from "zod";
import { normalizeAddress, rewardLeaves, type Contribution, type EpochAllocation, type RewardLeaf, type ValidatorAgreement } from "@/lib/rewards/allocation";
import { EMPTY_ROOT } from "@/lib/merkle/standard-tree";
import { DigestingSink, type ByteSink, type WriteResult } from "../storage";

export type Hex = `0x${string}`;

/** What rewards.json needs of a Merkle tree over its leaves (given in leaf order): the root and each proof. */
export type LeafTree = { root: Hex; proof(index: number): Hex[] };

/** The epoch before, by reference: its manifest (on chain) pins its rewards.json, whose cumulative amounts this one adds to. */
export type PreviousEpoch = { epoch: number; manifestHash: Hex; cutoff: string };

/** The allocation rule this file follows (lib/rewards/allocation.ts); a verifier replays it over `inputs`. */
export const REWARD_RULE = "commonplace-allocation/1";

export type RewardsFileInput = {
  epoch: number;
  budget: bigint;
  contributorShareBps: number;
  previous: PreviousEpoch | null;
  /** Newly accepted items (data.jsonl order) and agreeing votes per validator: what the allocation was computed from. */
  contributions: readonly (Contribution & { submissionId: string })[];
  validatorAgreements: readonly ValidatorAgreement[];
  allocation: EpochAllocation;
  previousCumulative: ReadonlyMap<string, bigint>;
  /** Builds the StandardMerkleTree ["address","uint256"] over the leaves, in the order given. */
  tree: (leaves: readonly RewardLeaf[]) => LeafTree;
};

export type RewardsFile = {
  format: "commonplace-rewards/1";
  epoch: number;
  /**
   * How the amounts follow from the data: the rule, the epoch before (whose cumulative amounts this epoch adds to, and
   * whose cut-off starts this epoch's window), and the allocation's inputs: each newly accepted item's quality to its
   * contributor, and each validator's votes that agreed with decisions made in the window.
   */
  rule: typeof REWARD_RULE;
  previous: { epoch: number; manifest_hash: Hex; cutoff: string } | null;
  inputs: {
    contributions: { submission_id: string; contributor: string; quality: number }[];
    validator_agreements: { address: string; agreed_votes: number }[];
  };
  budget: string;
  contributor_share_bps: number;
  contributor_pool: string;
  validator_pool: string;
  /** The budget when nobody could be paid this epoch, else "0". */
  unallocated: string;
  /** Sum of every account's cumulative amount: the `totalCumulative` argument of `publish`. */
  total_cumulative: string;
  reward_root: Hex;
  leaf_encoding: ["address", "uint256"];
  /**
   * One entry per leaf of the reward tree (every account with a positive cumulative amount), sorted by address:
   * this epoch's amounts ("0" for an account carried over from earlier epochs), the cumulative amount in its leaf
   * and the proof for `claim(account, cumulative, proof)`.
   */
  accounts: RewardsFileAccount[];
};

export type RewardsFileAccount = {
  address: string;
  contributor_amount: string;
  validator_amount: string;
  epoch_amount: string;
  cumulative: string;
  proof: Hex[];
};

export { EMPTY_ROOT };

export function buildRewardsFile(input: RewardsFileInput): { text: string; file: RewardsFile; leaves: RewardLeaf[] } {
  const { allocation } = input;
  const leaves = rewardLeaves(allocation.allocations, input.previousCumulative);
  const tree = leaves.length > 0 ? input.tree(leaves) : { root: EMPTY_ROOT, proof: () => [] };
  const thisEpoch = new Map(allocation.allocations.map((a) => [normalizeAddress(a.address), a]));
  const file: RewardsFile = {
    format: "commonplace-rewards/1",
    epoch: input.epoch,
    rule: REWARD_RULE,
    previous: input.previous && { epoch: input.previous.epoch, manifest_hash: input.previous.manifestHash, cutoff: input.previous.cutoff },
    inputs: {
      contributions: input.contributions.map((c) => ({ submission_id: c.submissionId, contributor: normalizeAddress(c.address), quality: c.quality })),
      validator_agreements: [...input.validatorAgreements]
        .map((a) => ({ address: normalizeAddress(a.address), agreed_votes: a.agreedVotes }))
        .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0)),
    },
    budget: input.budget.toString(),
    contributor_share_bps: input.contributorShareBps,
    contributor_pool: allocation.contributorPool.toString(),
    validator_pool: allocation.validatorPool.toString(),
    unallocated: allocation.unallocated.toString(),
    total_cumulative: leaves.reduce((s, l) => s + l.amount, 0n).toString(),
    reward_root: tree.root,
    leaf_encoding: ["address", "uint256"],
    accounts: leaves.map((leaf, i) => {
      const a = thisEpoch.get(leaf.account);
      return {
        address: leaf.account,
        contributor_amount: (a?.contributorAmount ?? 0n).toString(),
        validator_amount: (a?.validatorAmount ?? 0n).toString(),
        epoch_amount: (a?.epochAmount ?? 0n).toString(),
        cumulative: leaf.amount.toString(),
        proof: tree.proof(i),
      };
    }),
  };
  return { text: JSON.stringify(file, null, 2) + "\n", file, leaves };
}

type FileContribution = RewardsFile["inputs"]["contributions"][number];
/** Where inputs.contributions' items go in the pretty-printed file: indented under `inputs` under the root. */
const ITEM_INDENT = "\n      ";
const CONTRIBUTIONS_KEY = '"contributions": ';

/**
 * rewards.json: deterministic (fixed key order, sorted accounts, amounts as decimal strings, trailing newline).
 * Byte for byte `buildRewardsFile(input).text`, but the per-item contributions stream from `input.contributions`
 * (read once) between the rest of the file, which is per address: memory does not grow with the item count.
 */
export async function writeRewardsJson(
  input: Omit<RewardsFileInput, "contributions"> & { contributions: Iterable<RewardsFileInput["contributions"][number]> | AsyncIterable<RewardsFileInput["contributions"][number]> },
  sink: ByteSink,
): Promise<WriteResult & { rewardRoot: Hex; totalCumulative: bigint }> {
  const { text, file } = buildRewardsFile({ ...input, contributions: [] });
  const at = text.indexOf(CONTRIBUTIONS_KEY + "[]") + CONTRIBUTIONS_KEY.length;
  const out = new DigestingSink(sink);
  await out.text(text.slice(0, at) + "[");
  let count = 0;
  for await (const c of input.contributions) {
    const item: FileContribution = { submission_id: c.submissionId, contributor: normalizeAddress(c.address), quality: c.quality };
    await out.text((count++ === 0 ? "" : ",") + ITEM_INDENT + JSON.stringify(item, null, 2).replaceAll("\n", ITEM_INDENT));
  }
  await out.text((count === 0 ? "" : "\n    ") + "]" + text.slice(at + 2));
  return { ...(await out.finish()), rows: file.accounts.length, rewardRoot: file.reward_root, totalCumulative: BigInt(file.total_cumulative) };
}

const decimal = z.string().regex(/^(0|[1-9][0-9]*)$/);
const hex32 = z.custom<Hex>((v) => typeof v === "string" && /^0x[0-9a-f]{64}$/.test(v));

const lowerAddress = z.string().regex(/^0x[0-9a-f]{40}$/);

export const rewardsFileSchema = z.object({
  format: z.literal("commonplace-rewards/1"),
  epoch: z.number().int().positive(),
  rule: z.literal(REWARD_RULE),
  previous: z.object({ epoch: z.number().int().positive(), manifest_hash: hex32, cutoff: z.string() }).nullable(),
  inputs: z.object({
    contributions: z.array(z.object({ submission_id: z.string(), contributor: lowerAddress, quality: z.number() })),
    validator_agreements: z.array(z.object({ address: lowerAddress, agreed_votes: z.number().int().nonnegative() })),
  }),
  budget: decimal,
  contributor_share_bps: z.number().int().min(0).max(10_000),
  contributor_pool: decimal,
  validator_pool: decimal,
  unallocated: decimal,
  total_cumulative: decimal,
  reward_root: hex32,
  leaf_encoding: z.tuple([z.literal("address"), z.literal("uint256")]),
  accounts: z.array(
    z.object({
      address: z.string().regex(/^0x[0-9a-f]{40}$/),
      contributor_amount: decimal,
      validator_amount: decimal,
      epoch_amount: decimal,
      cumulative: decimal,
      proof: z.array(hex32),
    }),
  ),
});

/** Parses rewards.json (for the API and the verifier). */
export function parseRewardsFile(text: string): RewardsFile {
  return rewardsFileSchema.parse(JSON.parse(text));
}
