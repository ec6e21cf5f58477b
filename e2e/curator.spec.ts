import { expect, test } from "./fixtures/test";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { anvilKey } from "@/lib/chain/anvil-accounts";
import { signInAs } from "./fixtures/session";

test("the curator sees queue health and validators, grants a validator and adds a gold item", async ({ page }) => {
  await signInAs(page, 0, "/curator");
  await expect(page.getByRole("heading", { name: "Queue health" })).toBeVisible();
  await expect(page.getByTestId("health-pending")).toHaveText(/\d+/);
  await expect(page.getByRole("img", { name: "Items submitted and decided per day" })).toBeVisible();
  const table = page.getByRole("table", { name: "Validators" });
  await expect(table.locator("tbody tr")).not.toHaveCount(0);

  const newcomer = privateKeyToAccount(generatePrivateKey()).address;
  await page.getByLabel("Address to grant the validator role").fill(newcomer);
  await page.getByRole("button", { name: "Grant validator" }).click();
  await expect(table).toContainText(`${newcomer.slice(0, 6).toLowerCase()}…${newcomer.slice(-4).toLowerCase()}`);

  const goldText = `Buy cheap watches now!!! Limited offer, click the link. ${Date.now()}`;
  await page.getByLabel("Text with a known answer").fill(goldText);
  await page.getByLabel("Tag", { exact: true }).fill("shopping");
  await page.getByRole("button", { name: "Add gold item" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: goldText })).toContainText("0/0 correct");

  await page.evaluate(() => window.scrollTo(0, 0));

  await page.screenshot({ path: "screenshots/curator-signed-in-1280.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 900 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "screenshots/curator-signed-in-390.png", fullPage: true });
});

test("a contributor cannot see the curator tools", async ({ page }) => {
  await signInAs(page, 5, "/curator");
  await expect(page.getByRole("heading", { name: "Curators only" })).toBeVisible();
  expect((await page.request.post("/api/validators", { data: { address: privateKeyToAccount(anvilKey(7)).address } })).status()).toBe(403);
});
