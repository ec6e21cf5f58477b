import { parseEther } from "viem";
import { expect, it } from "vitest";
import { stakeAmountProblem, unstakeAmountProblem } from "./stake-amount";

const MIN = parseEther("1000");

it("says plainly why a stake would fail before the wallet opens", () => {
  const base = { balance: parseEther("1500"), active: 0n, minStake: MIN };
  expect(stakeAmountProblem({ ...base, amount: null })).toMatch(/Enter an amount/);
  expect(stakeAmountProblem({ ...base, amount: 0n })).toMatch(/above zero/);
  expect(stakeAmountProblem({ ...base, amount: parseEther("2000") })).toBe("That is more than your balance: you hold 1,500 CMPL.");
  expect(stakeAmountProblem({ ...base, amount: parseEther("999") })).toBe("The minimum stake is 1,000 CMPL: stake at least that much.");
  expect(stakeAmountProblem({ ...base, amount: MIN })).toBeNull();
  // Slashed below the minimum: a top-up must reach it again.
  expect(stakeAmountProblem({ ...base, active: parseEther("900"), amount: parseEther("50") })).toBe(
    "Your stake would stay below the 1,000 CMPL minimum: add at least 100 CMPL.",
  );
  expect(stakeAmountProblem({ ...base, active: parseEther("900"), amount: parseEther("100") })).toBeNull();
});

it("refuses to unstake more than is staked", () => {
  expect(unstakeAmountProblem({ amount: parseEther("5"), active: parseEther("4") })).toBe("You have 4 CMPL staked: you cannot unstake more.");
  expect(unstakeAmountProblem({ amount: parseEther("4"), active: parseEther("4") })).toBeNull();
});
