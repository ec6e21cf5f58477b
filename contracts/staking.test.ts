import { keccak256, parseEther, parseEventLogs, toHex, type Address, type Hex } from "viem";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { commonplaceTokenAbi, validatorStakingAbi } from "@/lib/chain/abi";
import { DEFAULT_MIN_STAKE, DEFAULT_UNSTAKE_DELAY } from "@/lib/chain/deploy";
import { revertReason, signPermit, startTestChain, type TestChain } from "./fixtures";

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

const MIN = DEFAULT_MIN_STAKE;
const EVIDENCE = keccak256(toHex("evidence"));
const GOVERNOR = 0; // deployer: GOVERNANCE_ROLE, and SLASHER_ROLE as the default publisher
const V = 4;
const validator = () => chain.accounts[V]!;

// The token's errors (ERC20InsufficientBalance) bubble up through staking: decode both.
const abi = [...validatorStakingAbi, ...commonplaceTokenAbi.filter((item) => item.type === "error")] as const;
const staking = () => ({ address: chain.deployment.staking, abi });
const balanceOf = (account: Address) =>
  chain.publicClient.readContract({ address: chain.deployment.token, abi: commonplaceTokenAbi, functionName: "balanceOf", args: [account] });
const isValidator = (account: Address) =>
  chain.publicClient.readContract({ ...staking(), functionName: "isValidator", args: [account] });
const stakeOf = async (account: Address) => {
  const [active, pending, unlockAt] = await chain.publicClient.readContract({ ...staking(), functionName: "stakeOf", args: [account] });
  return { active, pending, unlockAt };
};

async function fundAndStake(from: number, amount: bigint, stake = amount) {
  await chain.send(GOVERNOR, { address: chain.deployment.token, abi: commonplaceTokenAbi, functionName: "transfer", args: [chain.accounts[from]!, amount] });
  await chain.send(from, { address: chain.deployment.token, abi: commonplaceTokenAbi, functionName: "approve", args: [chain.deployment.staking, stake] });
  if (stake > 0n) await chain.send(from, { ...staking(), functionName: "stake", args: [stake] });
}

describe("ValidatorStaking", () => {
  it("refuses a first stake below minStake and one above the balance, changing nothing; takes top-ups once a validator", async () => {
    await fundAndStake(V, MIN + 10n, 0n);
    await chain.send(V, { address: chain.deployment.token, abi: commonplaceTokenAbi, functionName: "approve", args: [chain.deployment.staking, MIN * 10n] });
    expect(await revertReason(() => chain.send(V, { ...staking(), functionName: "stake", args: [MIN - 1n] }))).toBe("BelowMinimumStake");
    expect(await revertReason(() => chain.send(V, { ...staking(), functionName: "stake", args: [MIN + 11n] }))).toBe("ERC20InsufficientBalance");
    expect(await revertReason(() => chain.send(V, { ...staking(), functionName: "stake", args: [0n] }))).toBe("ZeroAmount");
    expect(await stakeOf(validator())).toEqual({ active: 0n, pending: 0n, unlockAt: 0n });
    expect(await balanceOf(validator())).toBe(MIN + 10n);

    await chain.send(V, { ...staking(), functionName: "stake", args: [MIN] });
    expect(await isValidator(validator())).toBe(true);
    await chain.send(V, { ...staking(), functionName: "stake", args: [1n] });
    expect(await stakeOf(validator())).toMatchObject({ active: MIN + 1n });
  });

  it("holds unstaked tokens for unstakeDelay: withdraw before it reverts, after it pays", async () => {
    await fundAndStake(V, MIN);
    const requested = await chain.send(V, { ...staking(), functionName: "requestUnstake", args: [MIN / 2n] });
    const [event] = parseEventLogs({ abi: validatorStakingAbi, logs: requested.logs, eventName: "UnstakeRequested" });
    expect(event?.args.amount).toBe(MIN / 2n);
    expect(await isValidator(validator())).toBe(false);
    expect(await stakeOf(validator())).toMatchObject({ active: MIN / 2n, pending: MIN / 2n });
    expect(await revertReason(() => chain.send(V, { ...staking(), functionName: "requestUnstake", args: [MIN] }))).toBe("InsufficientStake");

    expect(await revertReason(() => chain.send(V, { ...staking(), functionName: "withdraw", args: [] }))).toBe("StillLocked");
    await chain.increaseTime(DEFAULT_UNSTAKE_DELAY - 60);
    expect(await revertReason(() => chain.send(V, { ...staking(), functionName: "withdraw", args: [] }))).toBe("StillLocked");
    await chain.increaseTime(60);
    await chain.send(V, { ...staking(), functionName: "withdraw", args: [] });
    expect(await balanceOf(validator())).toBe(MIN / 2n);
    expect(await stakeOf(validator())).toEqual({ active: MIN / 2n, pending: 0n, unlockAt: 0n });
    expect(await revertReason(() => chain.send(V, { ...staking(), functionName: "withdraw", args: [] }))).toBe("NothingToWithdraw");
  });

  it("slashes active stake first, then pending; a validator slashed below minStake stops being one", async () => {
    await fundAndStake(V, MIN + parseEther("100"));
    await chain.send(V, { ...staking(), functionName: "requestUnstake", args: [parseEther("100")] });
    expect(await isValidator(validator())).toBe(true);

    expect(
      await revertReason(() => chain.send(5, { ...staking(), functionName: "slash", args: [validator(), 1n, EVIDENCE, "not a slasher"] })),
    ).toBe("AccessControlUnauthorizedAccount");

    const slasherBefore = await balanceOf(chain.accounts[GOVERNOR]!);
    const receipt = await chain.send(GOVERNOR, { ...staking(), functionName: "slash", args: [validator(), parseEther("1"), EVIDENCE, "voted against gold items"] });
    const [event] = parseEventLogs({ abi: validatorStakingAbi, logs: receipt.logs, eventName: "Slashed" });
    expect(event?.args).toEqual({ account: validator(), amount: parseEther("1"), evidenceHash: EVIDENCE, reason: "voted against gold items" });
    expect(await isValidator(validator())).toBe(false);
    expect(await stakeOf(validator())).toMatchObject({ active: MIN - parseEther("1"), pending: parseEther("100") });

    // More than the whole stake: takes everything left, active then pending, and no more.
    await chain.send(GOVERNOR, { ...staking(), functionName: "slash", args: [validator(), MIN * 10n, EVIDENCE, "collusion"] });
    expect(await stakeOf(validator())).toMatchObject({ active: 0n, pending: 0n });
    expect(await balanceOf(chain.accounts[GOVERNOR]!)).toBe(slasherBefore + MIN + parseEther("100"));
    expect(await balanceOf(chain.deployment.staking)).toBe(0n);

    // Slashed below the minimum: a top-up must reach it again.
    await fundAndStake(V, MIN, 0n);
    await chain.send(V, { address: chain.deployment.token, abi: commonplaceTokenAbi, functionName: "approve", args: [chain.deployment.staking, MIN] });
    expect(await revertReason(() => chain.send(V, { ...staking(), functionName: "stake", args: [MIN - 1n] }))).toBe("BelowMinimumStake");
    await chain.send(V, { ...staking(), functionName: "stake", args: [MIN] });
    expect(await isValidator(validator())).toBe(true);
  });

  it("lets only GOVERNANCE_ROLE change minStake and unstakeDelay", async () => {
    await fundAndStake(V, MIN);
    expect(await revertReason(() => chain.send(V, { ...staking(), functionName: "setMinStake", args: [1n] }))).toBe(
      "AccessControlUnauthorizedAccount",
    );
    await chain.send(GOVERNOR, { ...staking(), functionName: "setMinStake", args: [MIN + 1n] });
    expect(await isValidator(validator())).toBe(false);

    expect(await revertReason(() => chain.send(V, { ...staking(), functionName: "setUnstakeDelay", args: [0n] }))).toBe(
      "AccessControlUnauthorizedAccount",
    );
    expect(
      await revertReason(() => chain.send(GOVERNOR, { ...staking(), functionName: "setUnstakeDelay", args: [366n * 86_400n] })),
    ).toBe("DelayTooLong");
    await chain.send(GOVERNOR, { ...staking(), functionName: "setUnstakeDelay", args: [0n] });
    await chain.send(V, { ...staking(), functionName: "requestUnstake", args: [MIN] });
    await chain.send(V, { ...staking(), functionName: "withdraw", args: [] });
    expect(await balanceOf(validator())).toBe(MIN);
  });

  it("stakes with an EIP-2612 permit instead of an approval", async () => {
    await fundAndStake(V, MIN, 0n);
    const owner = chain.wallets[V]!;
    const deadline = (await chain.publicClient.getBlock()).timestamp + 600n;
    const nonce = await chain.publicClient.readContract({
      address: chain.deployment.token,
      abi: commonplaceTokenAbi,
      functionName: "nonces",
      args: [validator()],
    });
    const { v, r, s } = await signPermit(owner, { token: chain.deployment.token, spender: chain.deployment.staking, value: MIN, nonce, deadline });
    await chain.send(V, { ...staking(), functionName: "stakeWithPermit", args: [MIN, deadline, v, r, s] });
    expect(await isValidator(validator())).toBe(true);
  });
});
