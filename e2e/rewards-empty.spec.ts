import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/test";
import { anvilKey } from "@/lib/chain/anvil-accounts";
import { installTestWallet } from "./fixtures/test-wallet";

const WIDTHS = [1280, 390] as const;

async function expectNoSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

for (const width of WIDTHS) {
  test(`/rewards without a wallet asks to connect at ${width}px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto("/rewards");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rewards");
    await expect(page.getByRole("heading", { name: "Connect your wallet to see your rewards" })).toBeVisible();
    await expect(page.getByRole("button", { name: /^Claim/ })).toHaveCount(0);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `screenshots/rewards-disconnected-${width}.png`, fullPage: true });
  });

  test(`/rewards for a connected wallet without rewards at ${width}px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    // Connected, not signed in: claiming needs no session.
    await installTestWallet(page, anvilKey(9));
    await page.goto("/rewards");
    await page.getByRole("button", { name: "Connect wallet" }).click();
    await page.getByRole("menuitem", { name: /Test Wallet/ }).click();

    await expect(page.getByTestId("claimable")).toHaveText(/^0 \S+$/);
    const claim = page.getByRole("button", { name: /^Claim/ });
    await expect(claim).toHaveAccessibleName("Claim");
    await expect(claim).toBeDisabled();
    // Other specs may already have published an epoch that pays this address nothing.
    await expect(claim).toHaveAccessibleDescription(/No epoch has been published yet|earned nothing in the published epochs/);
    await expect(page.getByText("No rewards yet: rewards arrive when a snapshot including your accepted items or agreeing votes is published.")).toBeVisible();
    await expect(page.getByText(/No claims yet/)).toBeVisible();
    await expect(page.getByTestId("rewards-balance")).toHaveText(/^[\d,.]+ \S+$/);
    await expect(page.getByRole("main").getByRole("alert")).toHaveCount(0);
    await expectNoSidewaysScroll(page);
    await page.screenshot({ path: `screenshots/rewards-connected-empty-${width}.png`, fullPage: true });
  });
}
