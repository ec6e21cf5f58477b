import { expect, test } from "./fixtures/test";
import { createPublicClient, http, type Address } from "viem";
import { RPC_URL } from "./fixtures/chain";

test("without a browser wallet, a burner wallet is created, funded from anvil and signs in", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("button", { name: "Connect wallet" }).click();
  await page.getByRole("menuitem", { name: /Burner wallet/ }).click();
  await expect(page.getByTestId("wallet-address")).toBeVisible();

  const key = await page.evaluate(() => localStorage.getItem("commonplace.burner-key"));
  expect(key).toMatch(/^0x[0-9a-f]{64}$/);

  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("token-balance")).toHaveText(/0 CMPL/);
  const me = (await (await page.request.get("/api/me")).json()) as { address: Address };
  const balance = await createPublicClient({ transport: http(RPC_URL) }).getBalance({ address: me.address });
  expect(balance).toBeGreaterThan(0n);

  await page.reload();
  await expect(page.getByTestId("token-balance")).toBeVisible();
  await page.getByTestId("wallet-address").click();
  await page.getByRole("menuitem", { name: "Disconnect" }).click();
  await expect(page.getByRole("button", { name: "Connect wallet" })).toBeVisible();
  expect((await page.request.get("/api/me")).status()).toBe(401);
});
