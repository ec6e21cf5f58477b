import { createPublicClient, custom, keccak256, parseEther, toHex, type Address, type PublicClient } from "viem";
import { foundry } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { snapshotDistributorAbi } from "../chain/abi";
import { rewardTree, startTestChain, type TestChain } from "@/contracts/fixtures";
import { blockPages, scanClaims } from "./claim-history";

let chain: TestChain;
const ranges: { from: bigint; to: bigint }[] = [];
let counting: PublicClient;

/** A client that forwards to anvil and notes every eth_getLogs range it asks for. */
function countingClient(rpcUrl: string): PublicClient {
  return createPublicClient({
    chain: foundry,
    transport: custom({
      async request({ method, params }: { method: string; params?: unknown }) {
        if (method === "eth_getLogs") {
          const [filter] = params as [{ fromBlock: string; toBlock: string }];
          ranges.push({ from: BigInt(filter.fromBlock), to: BigInt(filter.toBlock) });
        }
        const response = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
        const body = (await response.json()) as { result?: unknown; error?: { message: string } };
        if (body.error) throw new Error(body.error.message);
        return body.result;
      },
    }),
  });
}

async function publishAndClaim(epoch: bigint, account: Address, amount: bigint) {
  const tree = rewardTree([{ account, amount }, { account: chain.accounts[9]!, amount: 1n }]);
  await chain.send(0, {
    address: chain.deployment.distributor,
    abi: snapshotDistributorAbi,
    functionName: "publish",
    args: [epoch, keccak256(toHex(`dataset ${epoch}`)), tree.root, keccak256(toHex(`manifest ${epoch}`)), tree.total],
  });
  await chain.send(5, { address: chain.deployment.distributor, abi: snapshotDistributorAbi, functionName: "claim", args: [account, amount, tree.proof(account)] });
}

beforeAll(async () => {
  chain = await startTestChain();
  counting = countingClient(chain.anvil.rpcUrl);
});
afterAll(async () => chain?.stop());

describe("blockPages", () => {
  it("covers the range exactly, in pages of at most `range` blocks", () => {
    expect(blockPages(5n, 4n, 10)).toEqual([]);
    expect(blockPages(0n, 0n, 10)).toEqual([{ from: 0n, to: 0n }]);
    expect(blockPages(0n, 25n, 10)).toEqual([{ from: 0n, to: 9n }, { from: 10n, to: 19n }, { from: 20n, to: 25n }]);
    expect(() => blockPages(0n, 1n, 0)).toThrow(RangeError);
  });
});

/**
 * The shape of a long-lived chain at a hundredth of the size: anvil_mine makes a few hundred empty blocks a second here
 * (10,000 took over 40 s), so 100,000 would take minutes. 1,000 blocks read with a range of 100 make the same eleven
 * pages as 100,000 with the default 10,000.
 */
const EMPTY_BLOCKS = 1_000;
const RANGE = 100;

describe("scanClaims over a long stretch of empty blocks", () => {
  it("finds every claim in pages of at most CHAIN_LOG_RANGE blocks, and a refresh reads only the new blocks", async () => {
    const account = chain.accounts[4]!;
    const startBlock = await chain.publicClient.getBlockNumber();
    await publishAndClaim(1n, account, parseEther("10"));
    await chain.testClient.mine({ blocks: EMPTY_BLOCKS });
    await publishAndClaim(2n, account, parseEther("25"));

    const first = await scanClaims(counting, { distributor: chain.deployment.distributor, account, startBlock, range: RANGE });
    expect(first.records.map((r) => r.cumulativeAmount)).toEqual([parseEther("10"), parseEther("25")]);
    expect(first.records.map((r) => r.amount)).toEqual([parseEther("10"), parseEther("15")]);
    expect(ranges.length).toBeGreaterThanOrEqual(11);
    expect(ranges.every((r) => r.to - r.from + 1n <= BigInt(RANGE))).toBe(true);
    expect(ranges[0]!.from).toBe(startBlock);
    expect(ranges.at(-1)!.to).toBe(first.scannedTo);

    ranges.length = 0;
    await chain.testClient.mine({ blocks: 3 });
    const again = await scanClaims(counting, { distributor: chain.deployment.distributor, account, startBlock, range: RANGE, previous: first });
    expect(ranges).toEqual([{ from: first.scannedTo + 1n, to: first.scannedTo + 3n }]);
    expect(again.records).toEqual(first.records);

    ranges.length = 0;
    const unchanged = await scanClaims(counting, { distributor: chain.deployment.distributor, account, startBlock, range: RANGE, previous: again });
    expect(ranges).toEqual([]);
    expect(unchanged.scannedTo).toBe(again.scannedTo);
  }, 120_000);
});
