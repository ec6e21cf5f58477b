import { describe, expect, it } from "vitest";
import { buildRewardTree } from "@/lib/merkle/standard-tree";
import { allocateEpoch } from "@/lib/rewards/allocation";
import type { ByteSink } from "../storage";
import { buildRewardsFile, writeRewardsJson, type RewardsFileInput } from "./rewards-json";

const address = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;

function input(items: number): RewardsFileInput {
  const contributions = Array.from({ length: items }, (_, i) => ({ submissionId: `item-${i}`, address: address((i % 3) + 1).toUpperCase().replace("0X", "0x"), quality: 1 + (i % 5) / 3 }));
  const validatorAgreements = [{ address: address(0xf1), agreedVotes: 3 * items }];
  const previousCumulative = new Map([[address(2), 5n]]);
  return {
    epoch: 2,
    budget: 10n ** 21n,
    contributorShareBps: 7000,
    previous: { epoch: 1, manifestHash: `0x${"9".repeat(64)}`, cutoff: "2025-06-01T00:00:00.000Z" },
    contributions,
    validatorAgreements,
    allocation: allocateEpoch({ budget: 10n ** 21n, contributions, validatorAgreements, previousCumulative }),
    previousCumulative,
    tree: (leaves) => buildRewardTree(leaves.map((l) => ({ account: l.account as `0x${string}`, amount: l.amount }))),
  };
}

async function* stream<T>(items: readonly T[]): AsyncIterable<T> {
  for (const item of items) yield item;
}

describe("rewards.json", () => {
  it("streams the contributions into the very bytes buildRewardsFile makes, with none, one or many", async () => {
    for (const items of [0, 1, 7]) {
      const chunks: Uint8Array[] = [];
      const sink: ByteSink = { write: (chunk) => void chunks.push(chunk) };
      const whole = input(items);
      const result = await writeRewardsJson({ ...whole, contributions: stream(whole.contributions) }, sink);
      const text = Buffer.concat(chunks).toString("utf8");
      expect(text).toBe(buildRewardsFile(whole).text);
      expect(JSON.parse(text).inputs.contributions).toHaveLength(items);
      expect(result.rewardRoot).toBe(buildRewardsFile(whole).file.reward_root);
    }
  });
});
