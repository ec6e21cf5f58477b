import { getAddress, keccak256, numberToHex, parseEther, type Address, type Hex, type TransactionReceipt } from "viem";
import { timeMs, type BenchTable } from "@/lib/bench/table";
import { commonplaceTokenAbi, snapshotDistributorAbi, validatorStakingAbi } from "@/lib/chain/abi";
import { rewardTree, signPermit, startTestChain, type RewardEntry } from "./fixtures";

const RECIPIENTS = 100_000;

/** Deterministic, distinct recipient addresses with no history on the chain. */
function recipient(i: number): Address {
  return getAddress(keccak256(numberToHex(i, { size: 32 })).slice(0, 42));
}

/**
 * Gas of every user-facing transaction, from receipts (what the sender pays, including the 21,000
 * base and calldata). Claims use a depth-17 proof, the deepest in a 100,000-leaf tree (about 70%
 * of its leaves), for an account with no tokens yet: the worst realistic first claim.
 */
export default async function gasBench(): Promise<BenchTable[]> {
  const chain = await startTestChain();
  const { deployment, send, accounts, publicClient } = chain;
  try {
    const entries: RewardEntry[] = Array.from({ length: RECIPIENTS }, (_, i) => ({
      account: recipient(i),
      amount: parseEther("1") + BigInt(i) * 1_000_000_007n,
    }));
    const built = await timeMs(() => rewardTree(entries));
    const tree1 = built.value;
    // Epoch 2 raises every amount; the same account then claims its increase.
    const entries2 = entries.map((e) => ({ account: e.account, amount: e.amount + parseEther("0.5") }));
    const tree2 = rewardTree(entries2);
    const i = entries.findIndex((e) => tree1.proof(e.account).length === 17 && tree2.proof(e.account).length === 17);
    const [first, later] = [entries[i], entries2[i]];
    if (!first || !later) throw new Error("no leaf at depth 17 in both trees");

    const rows: { operation: string; receipt: TransactionReceipt; target?: number }[] = [];
    const publish = (epoch: bigint, root: Hex, total: bigint) =>
      send(0, {
        address: deployment.distributor,
        abi: snapshotDistributorAbi,
        functionName: "publish",
        args: [epoch, keccak256(numberToHex(epoch)), root, keccak256(root), total],
      });
    // Sent by a third party (account 9), as a relayer or the app would.
    const claim = (entry: RewardEntry, proof: Hex[]) =>
      send(9, {
        address: deployment.distributor,
        abi: snapshotDistributorAbi,
        functionName: "claim",
        args: [entry.account, entry.amount, proof],
      });

    rows.push({ operation: "publish (epoch 1, mints its rewards)", receipt: await publish(1n, tree1.root, tree1.total) });
    rows.push({ operation: "claim: first (depth-17 proof)", receipt: await claim(first, tree1.proof(first.account)), target: 95_000 });
    rows.push({ operation: "publish (epoch 2)", receipt: await publish(2n, tree2.root, tree2.total) });
    rows.push({ operation: "claim: later, same account (depth 17)", receipt: await claim(later, tree2.proof(later.account)), target: 65_000 });

    const staker = 1;
    const minStake = await publicClient.readContract({ address: deployment.staking, abi: validatorStakingAbi, functionName: "minStake" });
    await send(0, { address: deployment.token, abi: commonplaceTokenAbi, functionName: "transfer", args: [accounts[staker]!, minStake] });
    await send(staker, { address: deployment.token, abi: commonplaceTokenAbi, functionName: "approve", args: [deployment.staking, minStake] });
    rows.push({ operation: "stake", receipt: await send(staker, { address: deployment.staking, abi: validatorStakingAbi, functionName: "stake", args: [minStake] }) });
    rows.push({ operation: "requestUnstake", receipt: await send(staker, { address: deployment.staking, abi: validatorStakingAbi, functionName: "requestUnstake", args: [minStake] }) });
    const delay = await publicClient.readContract({ address: deployment.staking, abi: validatorStakingAbi, functionName: "unstakeDelay" });
    await chain.increaseTime(Number(delay));
    rows.push({ operation: "withdraw", receipt: await send(staker, { address: deployment.staking, abi: validatorStakingAbi, functionName: "withdraw", args: [] }) });

    // What the browser's one-signature stake does: a permit signed off-chain, then one transaction.
    const permitStaker = 2;
    await send(0, { address: deployment.token, abi: commonplaceTokenAbi, functionName: "transfer", args: [accounts[permitStaker]!, minStake] });
    const nonce = await publicClient.readContract({ address: deployment.token, abi: commonplaceTokenAbi, functionName: "nonces", args: [accounts[permitStaker]!] });
    const deadline = (await publicClient.getBlock()).timestamp + 600n;
    const { v, r, s } = await signPermit(chain.wallets[permitStaker]!, { token: deployment.token, spender: deployment.staking, value: minStake, nonce, deadline });
    rows.push({
      operation: "stakeWithPermit (permit + stake)",
      receipt: await send(permitStaker, { address: deployment.staking, abi: validatorStakingAbi, functionName: "stakeWithPermit", args: [minStake, deadline, v, r, s] }),
    });

    return [
      {
        title: "Contract gas (receipts; solc 0.8.37, cancun, optimizer 10,000 runs)",
        rows: rows.map(({ operation, receipt, target }) => ({
          operation,
          gas: Number(receipt.gasUsed),
          target: target ?? "",
          ok: target === undefined ? "" : receipt.gasUsed <= BigInt(target) ? "✓" : "✗",
        })),
        notes: [
          `reward tree: ${RECIPIENTS.toLocaleString("en-US")} recipients (lib/merkle), built in ${Math.round(built.ms)} ms`,
          "claims: an account without tokens, sent by a third party; gas includes the 21,000 base and calldata",
          "Uniswap MerkleDistributor pins 95,256 gas for its first claim in a 100k tree (transfer, not mint).",
        ],
      },
    ];
  } finally {
    await chain.stop();
  }
}
