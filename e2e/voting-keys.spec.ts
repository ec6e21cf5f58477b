import { enableFastVoting, skipTo, submitItem } from "./fixtures/flows";
import { signInAs } from "./fixtures/session";
import { expect, test } from "./fixtures/test";

test("a key revoked on another device signs no more votes: the vote is refused, nothing counts, fast voting asks again", async ({ browser, page }) => {
  const text = `Idempotent writes let a client retry after a timeout without doubling the effect. ${Date.now()}`;
  const author = await browser.newPage();
  await signInAs(author, 6, "/submit");
  await submitItem(author, text, "reliability");
  await author.close();

  await signInAs(page, 2, "/validate");
  await enableFastVoting(page);
  const key = (await page.getByTestId("fast-voting-on").locator(".font-mono").textContent()) ?? "";
  expect(key).toMatch(/^0x[0-9a-fA-F]{4}…[0-9a-fA-F]{4}$/);

  // The keys page lists it as this browser's, active.
  await page.goto("/validate/keys");
  const row = page.locator("tr", { hasText: "this browser" });
  await expect(row).toContainText("active");
  await page.screenshot({ path: "screenshots/voting-keys-1280.png", fullPage: true });

  // Another device of the same validator revokes it.
  const elsewhere = await browser.newPage();
  await signInAs(elsewhere, 2, "/validate/keys");
  await elsewhere.getByRole("button", { name: /^Revoke key/ }).first().click();
  await expect(elsewhere.locator("tr").filter({ hasText: "revoked" })).toHaveCount(1);
  await elsewhere.close();

  // Back on the queue this browser still holds the key: its next vote is refused and nothing is counted.
  await page.goto("/validate");
  await expect(page.getByTestId("fast-voting-on")).toBeVisible();
  await page.screenshot({ path: "screenshots/validate-fast-voting-1280.png" });
  const item = page.getByTestId("review-item");
  await skipTo(page, text);
  const votesBefore = async () => ((await (await page.request.get("/api/validators/me")).json()) as { votes: number }).votes;
  const before = await votesBefore();
  await page.keyboard.press("a");
  await expect(page.getByRole("status")).toContainText("revoked");
  await expect(page.getByRole("button", { name: "Enable fast voting for 24 hours" })).toBeVisible();
  await expect(page.getByTestId("session-votes")).toHaveText("0");
  await page.screenshot({ path: "screenshots/validate-key-refused-1280.png" });
  expect(await votesBefore()).toBe(before);
  // The item is back on screen: it can be voted on again once fast voting is on again.
  await expect(item).toContainText(text);
});
