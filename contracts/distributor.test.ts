import { keccak256, parseEther, parseEventLogs, toHex, zeroAddress, type Address, type Hex } from "viem";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { commonplaceTokenAbi, snapshotDistributorAbi } from "@/lib/chain/abi";
import { revertReason, rewardTree, startTestChain, type RewardEntry, type TestChain } from "./fixtures";

let chain: TestChain;
let clean: Hex;

beforeAll(async () => {
  chain = await startTestChain();
  clean = await chain.snapshot();
});
afterAll(async () => chain?.stop());
beforeEach(async () => {
  await chain.revert(clean);
  clean = await chain.snapshot();
});

// The token's errors bubble up through the distributor; decode both.
const abi = [...snapshotDistributorAbi, ...commonplaceTokenAbi.filter((item) => item.type === "error")] as const;
const PUBLISHER = 0;
const alice = () => chain.accounts[4]!;
const bob = () => chain.accounts[5]!;
const carol = () => chain.accounts[6]!;

function publish(epoch: bigint, entries: readonly RewardEntry[], from = PUBLISHER, total?: bigint) {
  const tree = rewardTree(entries);
  const promise = chain.send(from, {
    address: chain.deployment.distributor,
    abi,
    functionName: "publish",
    args: [epoch, keccak256(toHex(`dataset ${epoch}`)), tree.root, keccak256(toHex(`manifest ${epoch}`)), total ?? tree.total],
  });
  return { tree, promise };
}

function claim(from: number, account: Address, amount: bigint, proof: readonly Hex[]) {
  return chain.send(from, { address: chain.deployment.distributor, abi, functionName: "claim", args: [account, amount, proof] });
}

const balanceOf = (account: Address) =>
  chain.publicClient.readContract({ address: chain.deployment.token, abi: commonplaceTokenAbi, functionName: "balanceOf", args: [account] });
const claimed = (account: Address) =>
  chain.publicClient.readContract({ address: chain.deployment.distributor, abi, functionName: "claimed", args: [account] });

const epoch1 = (): RewardEntry[] => [
  { account: alice(), amount: parseEther("10") },
  { account: bob(), amount: parseEther("20") },
  { account: carol(), amount: parseEther("5") },
];

describe("SnapshotDistributor.publish", () => {
  it("records every epoch, emits Published and mints the added rewards to itself", async () => {
    const first = publish(1n, epoch1());
    const receipt = await first.promise;
    const [event] = parseEventLogs({ abi, logs: receipt.logs, eventName: "Published" });
    expect(event?.args).toMatchObject({ epoch: 1n, rewardRoot: first.tree.root, totalCumulative: parseEther("35") });

    const second = publish(2n, epoch1().map((e) => ({ ...e, amount: e.amount * 2n })));
    await second.promise;

    const read = (functionName: "latestEpoch" | "rewardRoot" | "latestTotalCumulative") =>
      chain.publicClient.readContract({ address: chain.deployment.distributor, abi, functionName });
    expect(await read("latestEpoch")).toBe(2n);
    expect(await read("rewardRoot")).toBe(second.tree.root);
    expect(await read("latestTotalCumulative")).toBe(parseEther("70"));
    const record = await chain.publicClient.readContract({ address: chain.deployment.distributor, abi, functionName: "epochs", args: [1n] });
    expect(record).toMatchObject({
      datasetRoot: keccak256(toHex("dataset 1")),
      rewardRoot: first.tree.root,
      manifestHash: keccak256(toHex("manifest 1")),
      totalCumulative: parseEther("35"),
    });
    expect(record.publishedAt).toBeGreaterThan(0n);
    const unpublished = await chain.publicClient.readContract({ address: chain.deployment.distributor, abi, functionName: "epochs", args: [3n] });
    expect(unpublished.publishedAt).toBe(0n);
    expect(await balanceOf(chain.deployment.distributor)).toBe(parseEther("70"));
  });

  it("refuses a caller without PUBLISHER_ROLE", async () => {
    expect(await revertReason(() => publish(1n, epoch1(), 4).promise)).toBe("AccessControlUnauthorizedAccount");
  });

  it("refuses a skipped, repeated or zero epoch", async () => {
    expect(await revertReason(() => publish(2n, epoch1()).promise)).toBe("UnexpectedEpoch");
    expect(await revertReason(() => publish(0n, epoch1()).promise)).toBe("UnexpectedEpoch");
    await publish(1n, epoch1()).promise;
    expect(await revertReason(() => publish(1n, epoch1()).promise)).toBe("UnexpectedEpoch");
    expect(await revertReason(() => publish(3n, epoch1()).promise)).toBe("UnexpectedEpoch");
  });

  it("refuses a decreasing totalCumulative", async () => {
    await publish(1n, epoch1()).promise;
    const lower = epoch1().map((e) => ({ ...e, amount: e.amount / 2n }));
    expect(await revertReason(() => publish(2n, lower).promise)).toBe("TotalDecreased");
  });
});

describe("SnapshotDistributor.claim", () => {
  it("pays the cumulative amount once; a second claim reverts with NothingToClaim and pays nothing", async () => {
    const { tree, promise } = publish(1n, epoch1());
    await promise;
    const receipt = await claim(4, alice(), parseEther("10"), tree.proof(alice()));
    const [event] = parseEventLogs({ abi, logs: receipt.logs, eventName: "Claimed" });
    expect(event?.args).toEqual({ account: alice(), amount: parseEther("10"), cumulativeAmount: parseEther("10") });
    expect(await balanceOf(alice())).toBe(parseEther("10"));
    expect(await claimed(alice())).toBe(parseEther("10"));

    expect(await revertReason(() => claim(4, alice(), parseEther("10"), tree.proof(alice())))).toBe("NothingToClaim");
    expect(await balanceOf(alice())).toBe(parseEther("10"));
  });

  it("pays the account, not the caller, when a third party claims", async () => {
    const { tree, promise } = publish(1n, epoch1());
    await promise;
    const before = await balanceOf(carol());
    await claim(6, bob(), parseEther("20"), tree.proof(bob()));
    expect(await balanceOf(bob())).toBe(parseEther("20"));
    expect(await balanceOf(carol())).toBe(before);
  });

  it("refuses a wrong amount, another account's proof and a forged proof", async () => {
    const { tree, promise } = publish(1n, epoch1());
    await promise;
    const proof = tree.proof(alice());
    expect(await revertReason(() => claim(4, alice(), parseEther("11"), proof))).toBe("InvalidProof");
    expect(await revertReason(() => claim(4, alice(), parseEther("9"), proof))).toBe("InvalidProof");
    expect(await revertReason(() => claim(5, bob(), parseEther("10"), proof))).toBe("InvalidProof");
    expect(await revertReason(() => claim(4, alice(), parseEther("20"), tree.proof(bob())))).toBe("InvalidProof");
    const forged = proof.map((p) => keccak256(p));
    expect(await revertReason(() => claim(4, alice(), parseEther("10"), forged))).toBe("InvalidProof");
    expect(await revertReason(() => claim(4, alice(), parseEther("10"), []))).toBe("InvalidProof");
    expect(await balanceOf(alice())).toBe(0n);
  });

  it("refuses every claim before the first publication", async () => {
    expect(await revertReason(() => claim(4, alice(), 1n, []))).toBe("InvalidProof");
  });

  it("pays only the increase after a later epoch, and only against the latest root", async () => {
    const first = publish(1n, epoch1());
    await first.promise;
    await claim(4, alice(), parseEther("10"), first.tree.proof(alice()));
    const raised = epoch1().map((e) => ({ ...e, amount: e.amount + parseEther("3") }));
    const second = publish(2n, raised);
    await second.promise;

    // Epoch 1's proof for bob no longer verifies: claims follow the latest root only.
    expect(await revertReason(() => claim(5, bob(), parseEther("20"), first.tree.proof(bob())))).toBe("InvalidProof");
    await claim(4, alice(), parseEther("13"), second.tree.proof(alice()));
    expect(await balanceOf(alice())).toBe(parseEther("13"));
    await claim(5, bob(), parseEther("23"), second.tree.proof(bob()));
    expect(await balanceOf(bob())).toBe(parseEther("23"));
  });

  it("never pays more than the published totalCumulative, even from a tree that claims more", async () => {
    // A faulty tree whose leaves sum to 35 while only 12 was declared (and minted).
    const { tree, promise } = publish(1n, epoch1(), PUBLISHER, parseEther("12"));
    await promise;
    await claim(4, alice(), parseEther("10"), tree.proof(alice()));
    expect(await revertReason(() => claim(5, bob(), parseEther("20"), tree.proof(bob())))).toBe("ERC20InsufficientBalance");
    expect(await balanceOf(chain.deployment.distributor)).toBe(parseEther("2"));
  });

  it("refuses claims while paused, resumes on unpause, with the root published meanwhile", async () => {
    const first = publish(1n, epoch1());
    await first.promise;
    const pause = (from: number, functionName: "pause" | "unpause") =>
      chain.send(from, { address: chain.deployment.distributor, abi, functionName, args: [] });

    expect(await revertReason(() => pause(4, "pause"))).toBe("AccessControlUnauthorizedAccount");
    await pause(PUBLISHER, "pause");
    expect(await chain.publicClient.readContract({ address: chain.deployment.distributor, abi, functionName: "paused" })).toBe(true);
    expect(await revertReason(() => claim(4, alice(), parseEther("10"), first.tree.proof(alice())))).toBe("EnforcedPause");
    expect(await revertReason(() => pause(PUBLISHER, "pause"))).toBe("EnforcedPause");

    const raised = epoch1().map((e) => ({ ...e, amount: e.amount * 3n }));
    const second = publish(2n, raised);
    await second.promise;
    expect(await revertReason(() => claim(4, alice(), parseEther("30"), second.tree.proof(alice())))).toBe("EnforcedPause");

    await pause(PUBLISHER, "unpause");
    expect(await revertReason(() => pause(PUBLISHER, "unpause"))).toBe("ExpectedPause");
    await claim(4, alice(), parseEther("30"), second.tree.proof(alice()));
    expect(await balanceOf(alice())).toBe(parseEther("30"));
  });

  it("refuses a zero-address account even with a valid proof: the token cannot pay address zero", async () => {
    const entries = [...epoch1(), { account: zeroAddress, amount: parseEther("1") }];
    const { tree, promise } = publish(1n, entries);
    await promise;
    expect(await revertReason(() => claim(4, zeroAddress, parseEther("1"), tree.proof(zeroAddress)))).toBe("ERC20InvalidReceiver");
    expect(await claimed(zeroAddress)).toBe(0n);
    expect(await balanceOf(chain.deployment.distributor)).toBe(parseEther("36"));
  });
});
