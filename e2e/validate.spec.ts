import { expect, test, type Page } from "@playwright/test";
import { signInAs } from "./fixtures/session";

async function submitItem(page: Page, text: string) {
  await page.getByLabel("Content").fill(text);
  const tags = page.locator("#tags");
  await tags.fill("consensus");
  await tags.press("Enter");
  await page.getByRole("button", { name: "Sign and submit" }).click();
  await expect(page.getByRole("status")).toContainText("pending review");
}

/** Skips (N) until the item with `text` is on screen, then votes with the keyboard. */
async function acceptWithKeyboard(page: Page, text: string, quality: string) {
  const item = page.getByTestId("review-item");
  for (let i = 0; i < 30; i++) {
    await expect(item).toBeVisible();
    if ((await item.textContent())?.includes(text)) break;
    await page.keyboard.press("n");
  }
  await expect(item).toContainText(text);
  await page.keyboard.press(quality);
  await expect(page.getByRole("radio", { name: quality })).toHaveAttribute("aria-checked", "true");
  await page.keyboard.press("a");
  await expect(page.getByTestId("session-votes")).toHaveText("1");
  await expect(item.or(page.getByText("The queue is empty"))).not.toContainText(text);
}

test("three validators accept a contributor's item and the contributor sees it accepted", async ({ browser }) => {
  const text = `Raft elects a leader per term; a log entry is committed once a majority stores it. ${Date.now()}`;
  const contributor = await browser.newPage();
  await signInAs(contributor, 4, "/submit");
  await submitItem(contributor, text);

  for (const [index, quality] of [
    [1, "4"],
    [2, "5"],
    [3, "3"],
  ] as const) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInAs(page, index, "/validate");
    await acceptWithKeyboard(page, text, quality);
    await context.close();
  }

  await contributor.reload();
  const row = contributor.getByTestId("my-submissions").locator("li").filter({ hasText: text });
  await expect(row).toHaveAttribute("data-status", "accepted");
  await expect(row).toContainText("3 votes");
  await expect(row).toContainText("quality 4.0 / 5");
});

test("a non-validator sees how to become one instead of the queue", async ({ page }) => {
  await signInAs(page, 8, "/validate");
  await expect(page.getByRole("heading", { name: "Become a validator" })).toBeVisible();
  await expect(page.getByText(/1,000 CMPL/)).toBeVisible();
});
