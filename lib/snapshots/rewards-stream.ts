import { JSONParser } from "@streamparser/json";
import { keccak256Into } from "@/lib/merkle/keccak";
import { rewardsFileSchema, type RewardsFile } from "./writers/rewards-json";

export type RewardsContribution = RewardsFile["inputs"]["contributions"][number];

/** Every part of rewards.json but its per-item list, which can hold millions of entries. */
const SMALL_PARTS = [
  "format",
  "epoch",
  "rule",
  "previous",
  "budget",
  "contributor_share_bps",
  "contributor_pool",
  "validator_pool",
  "unallocated",
  "total_cumulative",
  "reward_root",
  "leaf_encoding",
  "accounts",
] as const;

const contributionSchema = rewardsFileSchema.shape.inputs.shape.contributions.element;

/**
 * An 8-byte fingerprint of one contribution (item, contributor, quality), in a form both sides compute: the
 * verifier keeps one per new item (8 MB at a million) instead of the entries themselves.
 */
export function contributionFingerprint(c: RewardsContribution, scratch = new Uint8Array(32)): bigint {
  keccak256Into(Buffer.from(`${c.submission_id}|${c.contributor}|${c.quality}`, "utf8"), scratch);
  return Buffer.from(scratch.buffer, scratch.byteOffset, 8).readBigUInt64BE(0);
}

/** Fingerprints gathered in growing blocks, never copied while they grow. */
export class Fingerprints {
  private readonly blocks: BigUint64Array[] = [];
  count = 0;

  push(value: bigint): void {
    const slot = this.count % 65_536;
    if (slot === 0) this.blocks.push(new BigUint64Array(65_536));
    this.blocks[this.blocks.length - 1]![slot] = value;
    this.count++;
  }

  at(i: number): bigint | undefined {
    return i < this.count ? this.blocks[Math.floor(i / 65_536)]![i % 65_536] : undefined;
  }
}

/**
 * Streams rewards.json: returns it with `inputs.contributions` empty, and hands each contribution to `onContribution`
 * as it is read, so memory holds the accounts (one per address ever paid), not the items. Throws like
 * parseRewardsFile when the file is not a valid rewards.json.
 */
export async function readRewardsStreaming(
  chunks: AsyncIterable<Uint8Array>,
  onContribution: (c: RewardsContribution, index: number) => void,
): Promise<RewardsFile> {
  const parts: Record<string, unknown> = {};
  let validatorAgreements: unknown = undefined;
  let index = 0;
  let failure: unknown = null;
  const parser = new JSONParser({
    paths: [...SMALL_PARTS.map((k) => `$.${k}`), "$.inputs.validator_agreements", "$.inputs.contributions.*"],
    keepStack: false,
  });
  parser.onValue = ({ value, key, stack }) => {
    if (failure) return;
    try {
      if (stack.length === 1 && typeof key === "string") parts[key] = value;
      else if (stack.length === 2 && key === "validator_agreements") validatorAgreements = value;
      else if (stack.length === 3 && typeof key === "number") onContribution(contributionSchema.parse(value), index++);
    } catch (error) {
      failure = error;
    }
  };
  for await (const chunk of chunks) {
    parser.write(chunk);
    if (failure) throw failure;
  }
  if (!parser.isEnded) parser.end();
  if (failure) throw failure;
  return rewardsFileSchema.parse({ ...parts, inputs: { contributions: [], validator_agreements: validatorAgreements } });
}
