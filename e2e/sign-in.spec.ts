import { expect, test } from "./fixtures/test";
import { ANVIL_KEYS } from "@/lib/chain/anvil-accounts";
import { sendTokens } from "./fixtures/chain";
import { submitItem } from "./fixtures/flows";
import { signInAs } from "./fixtures/session";
import { installTestWallet } from "./fixtures/test-wallet";

test("a wallet connects, signs in with SIWE and sees its address and token balance", async ({ page }) => {
  const account = await installTestWallet(page, ANVIL_KEYS[5]);
  await sendTokens(account.address, "250");

  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Curated data for AI");
  await page.getByRole("button", { name: "Connect wallet" }).click();
  await page.getByRole("menuitem", { name: /Test Wallet/ }).click();
  await expect(page.getByTestId("wallet-address")).toHaveText(`${account.address.slice(0, 6)}…${account.address.slice(-4)}`);

  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("token-balance")).toHaveText(/250 CMPL/);
  await expect(page.getByRole("button", { name: "Sign in" })).toHaveCount(0);

  const me = await page.request.get("/api/me");
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({ address: account.address, roles: { validator: false, curator: false } });

  await page.reload();
  await expect(page.getByTestId("token-balance")).toHaveText(/250 CMPL/);
});

test("the landing page shows live counts from the database", async ({ page }) => {
  await page.goto("/");
  const stat = async (id: string) => Number((await page.getByTestId(`stat-${id}`).locator("dd").textContent())?.replace(/,/g, ""));
  expect(await stat("validators")).toBeGreaterThanOrEqual(3);
  const pending = () => stat("pending");
  const before = await pending();
  await signInAs(page, 7, "/submit");
  await submitItem(page, `Bloom filters answer "definitely not" or "maybe" in constant space. ${Date.now()}`, "data-structures");
  await page.goto("/");
  expect(await pending()).toBe(before + 1);
});
