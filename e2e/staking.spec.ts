import { keccak256, parseEther, toBytes } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { signedVoteRequest } from "@/lib/curation/vote-typed-data";
import { increaseTime, isValidatorOnChain, sendEth, sendTokens, stakeFrom, tokenBalance } from "./fixtures/chain";
import { enableFastVoting } from "./fixtures/flows";
import { signInAs } from "./fixtures/session";
import { expect, test } from "./fixtures/test";

test("a fresh wallet with CMPL but no stake stakes with one permit signature and reviews an item without reloading", async ({ page }) => {
  const key = generatePrivateKey();
  const me = privateKeyToAccount(key);
  await sendEth(me.address);
  await sendTokens(me.address, "1500");

  await signInAs(page, key, "/validate");
  await expect(page.getByRole("heading", { name: "Become a validator" })).toBeVisible();
  const amount = page.getByLabel("Amount to stake");
  await expect(amount).toHaveValue("1000");
  await expect(page.getByText("You hold 1,500 CMPL · minimum stake 1,000 CMPL")).toBeVisible();
  await page.screenshot({ path: "screenshots/validate-stake-1280.png", fullPage: true });

  // Checked before any wallet opens.
  await amount.fill("99999");
  await page.getByRole("button", { name: "Stake and start reviewing" }).click();
  await expect(page.locator("#stake-amount-error")).toHaveText("That is more than your balance: you hold 1,500 CMPL.");
  await amount.fill("10");
  await expect(page.locator("#stake-amount-error")).toHaveText("The minimum stake is 1,000 CMPL: stake at least that much.");

  await amount.fill("1000");
  await page.getByRole("button", { name: "Stake and start reviewing" }).click();
  // The queue opens on the same page as soon as the receipt lands.
  await expect(page.getByTestId("review-item")).toBeVisible({ timeout: 30_000 });
  expect(await isValidatorOnChain(me.address)).toBe(true);
  await enableFastVoting(page);
  await page.keyboard.press("a");
  await expect(page.getByTestId("session-votes")).toHaveText("1");
  await expect(page.getByTestId("sidebar-stake")).toHaveText("1,000 CMPL");
});

test("a validator requests to unstake, anvil's clock moves past the delay, and the withdrawal returns the tokens", async ({ page }) => {
  const key = generatePrivateKey();
  const me = privateKeyToAccount(key);
  await stakeFrom(key, "1000");
  expect(await tokenBalance(me.address)).toBe(0n);

  await signInAs(page, key, "/validate/stake");
  await expect(page.getByTestId("stake-active")).toHaveText("1,000 CMPL");
  await page.getByLabel("Amount to unstake").fill("1000");
  // What it means, before signing.
  await expect(page.getByTestId("unstake-consequence")).toContainText("below the 1,000 minimum: your review queue closes");
  await page.screenshot({ path: "screenshots/validate-unstake-1280.png", fullPage: true });
  await page.getByRole("button", { name: "Request unstake" }).click();
  await expect(page.getByText("Unstake requested.")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId("stake-pending")).toHaveText("1,000 CMPL");
  await expect(page.getByRole("button", { name: "Withdraw" })).toBeDisabled();
  expect(await isValidatorOnChain(me.address)).toBe(false);

  await increaseTime(7 * 24 * 3600 + 60);
  await page.reload();
  await page.getByRole("button", { name: "Withdraw" }).click();
  await expect(page.getByText("Withdrawn: the tokens are back in your wallet.")).toBeVisible({ timeout: 30_000 });
  expect(await tokenBalance(me.address)).toBe(parseEther("1000"));
  await expect(page.getByTestId("stake-pending")).toHaveText("0 CMPL");
});

test("a validator who voted against three gold answers is listed with the evidence, slashed by the curator, told why, and loses the queue", async ({ browser, page, baseURL }) => {
  const key = generatePrivateKey();
  const validator = privateKeyToAccount(key);
  await stakeFrom(key, "1000");
  const json = { origin: new URL(baseURL ?? "").origin, "content-type": "application/json" };

  const curator = await browser.newPage();
  await signInAs(curator, 0, "/curator");
  const gold: { id: string; content: string }[] = [];
  for (let i = 0; i < 3; i++) {
    const content = `Win a free phone!!! Click the link and send your password, offer ${i} ${Date.now()}`;
    const res = await curator.request.post("/api/gold", { data: { content, tags: ["offers"], answer: "reject" }, headers: json });
    expect(res.status()).toBe(201);
    gold.push({ id: ((await res.json()) as { id: string }).id, content });
  }

  await signInAs(page, key, "/validate");
  await expect(page.getByTestId("review-item").or(page.getByText("The queue is empty"))).toBeVisible();
  for (const g of gold) {
    const vote = await signedVoteRequest(validator, { submissionId: g.id, contentHash: keccak256(toBytes(g.content)), verdict: "accept", quality: 5, flags: [] }, 31337);
    expect((await page.request.post("/api/votes", { data: vote, headers: json })).status()).toBe(201);
  }

  await curator.goto("/curator");
  const row = curator.getByTestId(`failing-${validator.address.toLowerCase()}`);
  await expect(row).toContainText("0 of 3 gold answers right");
  await row.getByRole("button", { name: "Review evidence and slash" }).click();
  for (const g of gold) await expect(row).toContainText(g.content);
  await curator.screenshot({ path: "screenshots/curator-slashing-1280.png", fullPage: true });
  await row.getByRole("button", { name: "Slash from my wallet" }).click();
  await expect(row.getByRole("status")).toContainText("Slashed: recorded from the chain", { timeout: 30_000 });
  expect(await isValidatorOnChain(validator.address)).toBe(false);
  await curator.close();

  await page.reload();
  await expect(page.getByTestId("slash-notice")).toContainText("Reason: Voted against 3 of 3 known answers");
  await expect(page.getByTestId("slash-notice")).toContainText("the review queue is closed");
  await expect(page.getByRole("heading", { name: "Become a validator" })).toBeVisible();
  await expect(page.getByTestId("review-item")).toHaveCount(0);
  await page.screenshot({ path: "screenshots/validate-slashed-1280.png", fullPage: true });
});
