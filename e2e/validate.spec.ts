import { expect, test } from "./fixtures/test";
import { acceptByThreeValidators, submitItem } from "./fixtures/flows";
import { signInAs } from "./fixtures/session";

test("three validators accept a contributor's item and the contributor sees it accepted", async ({ browser }) => {
  const text = `Raft elects a leader per term; a log entry is committed once a majority stores it. ${Date.now()}`;
  const contributor = await browser.newPage();
  await signInAs(contributor, 4, "/submit");
  await submitItem(contributor, text);
  await acceptByThreeValidators(browser, text);

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
