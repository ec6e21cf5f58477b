import fc from "fast-check";
import { keccak256, toHex, type Address, type Hex } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commonplaceTokenAbi, snapshotDistributorAbi } from "@/lib/chain/abi";
import { revertReason, rewardTree, startTestChain, type TestChain } from "./fixtures";

let chain: TestChain;
let clean: Hex;
beforeAll(async () => {
  chain = await startTestChain();
  clean = await chain.snapshot();
});
afterAll(async () => chain?.stop());

const RECIPIENTS = 6; // anvil accounts 4..9: they start without tokens
const recipients = (): Address[] => chain.accounts.slice(4, 4 + RECIPIENTS);

const epochArb = fc.record({
  // What each recipient earns this epoch (0 allowed: its cumulative amount stays put).
  increments: fc.array(fc.bigInt({ min: 0n, max: 10n ** 21n }), { minLength: RECIPIENTS, maxLength: RECIPIENTS }),
  // Who claims right after this epoch is published, and from which account.
  claims: fc.array(fc.record({ who: fc.nat(RECIPIENTS - 1), caller: fc.nat(9) }), { maxLength: 4 }),
});

describe("SnapshotDistributor (property)", () => {
  it("pays every account exactly its last cumulative amount, whenever it claims", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(epochArb, { minLength: 3, maxLength: 5 }), async (epochs) => {
        await chain.revert(clean);
        clean = await chain.snapshot();
        const { deployment, publicClient } = chain;
        const read = {
          balance: (a: Address) => publicClient.readContract({ address: deployment.token, abi: commonplaceTokenAbi, functionName: "balanceOf", args: [a] }),
          claimed: (a: Address) => publicClient.readContract({ address: deployment.distributor, abi: snapshotDistributorAbi, functionName: "claimed", args: [a] }),
        };
        const cumulative = recipients().map(() => 0n);
        let tree: ReturnType<typeof rewardTree> | undefined; // set by the first publish, before any claim

        const claim = async (who: number, caller: number) => {
          const account = recipients()[who]!;
          if (!tree) throw new Error("claim before publish");
          const proof = tree.proof(account);
          const call = () =>
            chain.send(caller, {
              address: deployment.distributor,
              abi: snapshotDistributorAbi,
              functionName: "claim",
              args: [account, cumulative[who]!, proof],
            });
          if (cumulative[who]! > (await read.claimed(account))) await call();
          else expect(await revertReason(call)).toBe("NothingToClaim");
          expect(await read.claimed(account)).toBe(cumulative[who]);
        };

        for (const [i, epoch] of epochs.entries()) {
          epoch.increments.forEach((inc, j) => (cumulative[j] = cumulative[j]! + inc));
          tree = rewardTree(recipients().map((account, j) => ({ account, amount: cumulative[j]! })));
          await chain.send(0, {
            address: deployment.distributor,
            abi: snapshotDistributorAbi,
            functionName: "publish",
            args: [BigInt(i + 1), keccak256(toHex(i)), tree.root, keccak256(tree.root), tree.total],
          });
          for (const { who, caller } of epoch.claims) await claim(who, caller);
        }
        for (let who = 0; who < RECIPIENTS; who++) await claim(who, 0);

        const balances = await Promise.all(recipients().map((a) => read.balance(a)));
        expect(balances).toEqual(cumulative);
        const paid = balances.reduce((a, b) => a + b, 0n);
        expect(paid).toBe(tree?.total);
        expect(await read.balance(deployment.distributor)).toBe(0n);
      }),
      { numRuns: 25 },
    );
  });
});
