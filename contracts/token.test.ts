import { createWalletClient, http, maxUint256, parseEther, type Address } from "viem";
import { foundry } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commonplaceTokenAbi } from "@/lib/chain/abi";
import { DEFAULT_LOCAL_GENESIS_SUPPLY } from "@/lib/chain/deploy";
import { revertReason, signPermit, startTestChain, type TestChain } from "./fixtures";

let chain: TestChain;
beforeAll(async () => {
  chain = await startTestChain();
});
afterAll(async () => chain?.stop());

const read = <const F extends "totalSupply" | "name" | "symbol" | "decimals" | "MINTER_ROLE">(functionName: F) =>
  chain.publicClient.readContract({ address: chain.deployment.token, abi: commonplaceTokenAbi, functionName });
const balanceOf = (account: Address) =>
  chain.publicClient.readContract({ address: chain.deployment.token, abi: commonplaceTokenAbi, functionName: "balanceOf", args: [account] });

describe("CommonplaceToken", () => {
  it("mints the genesis supply once, to the genesis holder", async () => {
    expect(await read("name")).toBe("Commonplace");
    expect(await read("symbol")).toBe("CMPL");
    expect(await read("decimals")).toBe(18);
    expect(await read("totalSupply")).toBe(DEFAULT_LOCAL_GENESIS_SUPPLY);
    expect(await balanceOf(chain.accounts[0]!)).toBe(DEFAULT_LOCAL_GENESIS_SUPPLY);
  });

  it("lets only the distributor (MINTER_ROLE) mint, not even the admin", async () => {
    const minter = await read("MINTER_ROLE");
    const hasRole = (account: Address) =>
      chain.publicClient.readContract({ address: chain.deployment.token, abi: commonplaceTokenAbi, functionName: "hasRole", args: [minter, account] });
    expect(await hasRole(chain.deployment.distributor)).toBe(true);
    expect(await hasRole(chain.accounts[0]!)).toBe(false);

    const mint = (from: number) =>
      chain.send(from, { address: chain.deployment.token, abi: commonplaceTokenAbi, functionName: "mint", args: [chain.accounts[7]!, 1n] });
    expect(await revertReason(() => mint(0))).toBe("AccessControlUnauthorizedAccount");
    expect(await revertReason(() => mint(7))).toBe("AccessControlUnauthorizedAccount");

    const distributor = chain.deployment.distributor;
    await chain.testClient.impersonateAccount({ address: distributor });
    await chain.testClient.setBalance({ address: distributor, value: parseEther("1") });
    const asDistributor = createWalletClient({ account: distributor, chain: foundry, transport: http(chain.anvil.rpcUrl) });
    const hash = await asDistributor.writeContract({
      address: chain.deployment.token,
      abi: commonplaceTokenAbi,
      functionName: "mint",
      args: [chain.accounts[7]!, 5n],
    });
    await chain.publicClient.waitForTransactionReceipt({ hash });
    await chain.testClient.stopImpersonatingAccount({ address: distributor });
    expect(await balanceOf(chain.accounts[7]!)).toBe(5n);
  });

  it("accepts an EIP-2612 permit, once, before its deadline", async () => {
    const [owner, spender, receiver] = [chain.wallets[4]!, chain.accounts[5]!, chain.accounts[6]!];
    await chain.send(0, { address: chain.deployment.token, abi: commonplaceTokenAbi, functionName: "transfer", args: [owner.account.address, parseEther("10")] });
    const block = await chain.publicClient.getBlock();
    const deadline = block.timestamp + 3600n;
    const nonce = await chain.publicClient.readContract({
      address: chain.deployment.token,
      abi: commonplaceTokenAbi,
      functionName: "nonces",
      args: [owner.account.address],
    });
    const token = chain.deployment.token;
    const { v, r, s } = await signPermit(owner, { token, spender, value: parseEther("4"), nonce, deadline });
    const permit = (from: number, value: bigint, at: bigint) =>
      chain.send(from, {
        address: chain.deployment.token,
        abi: commonplaceTokenAbi,
        functionName: "permit",
        args: [owner.account.address, spender, value, at, v, r, s],
      });

    // Anyone may relay the permit; a changed value breaks the signature.
    expect(await revertReason(() => permit(6, parseEther("5"), deadline))).toBe("ERC2612InvalidSigner");
    await permit(6, parseEther("4"), deadline);
    expect(
      await chain.publicClient.readContract({
        address: chain.deployment.token,
        abi: commonplaceTokenAbi,
        functionName: "allowance",
        args: [owner.account.address, spender],
      }),
    ).toBe(parseEther("4"));
    expect(await revertReason(() => permit(6, parseEther("4"), deadline))).toBe("ERC2612InvalidSigner");
    await chain.send(5, {
      address: chain.deployment.token,
      abi: commonplaceTokenAbi,
      functionName: "transferFrom",
      args: [owner.account.address, receiver, parseEther("4")],
    });
    expect(await balanceOf(receiver)).toBe(parseEther("4"));

    const expired = block.timestamp - 1n;
    const late = await signPermit(owner, { token, spender, value: maxUint256, nonce: nonce + 1n, deadline: expired });
    const latePermit = () =>
      chain.send(6, {
        address: token,
        abi: commonplaceTokenAbi,
        functionName: "permit",
        args: [owner.account.address, spender, maxUint256, expired, late.v, late.r, late.s],
      });
    expect(await revertReason(latePermit)).toBe("ERC2612ExpiredSignature");
  });
});
