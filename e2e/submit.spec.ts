import { expect, test } from "./fixtures/test";
import { signInAs } from "./fixtures/session";

test("a contributor submits a tagged item, sees it pending, and gets the duplicate error on a resubmit", async ({ page }) => {
  await signInAs(page, 6, "/submit");
  const text = `Write-ahead logging makes databases durable: changes hit a sequential log before the pages, so recovery replays the log. ${Date.now()}`;
  await page.getByLabel("Content").fill(text);
  await page.getByLabel(/Source URL/).fill("https://example.org/wal");
  const tags = page.locator("#tags");
  await tags.fill("Databases");
  await tags.press("Enter");
  await tags.fill("durability");
  await tags.press("Enter");
  await expect(page.getByText("2/10 tags")).toBeVisible();
  await page.getByRole("button", { name: "Sign and submit" }).click();
  await expect(page.getByRole("status")).toContainText("pending review");

  const mine = page.getByTestId("my-submissions");
  const row = mine.locator("li").filter({ hasText: "Write-ahead logging" });
  await expect(row).toHaveAttribute("data-status", "pending");
  await expect(row).toContainText("#databases");
  await expect(row).toContainText("#durability");

  await page.getByLabel("Content").fill(text.toUpperCase());
  await tags.fill("databases");
  await tags.press("Enter");
  await page.getByRole("button", { name: "Sign and submit" }).click();
  await expect(page.locator("#content-error")).toContainText("already submitted");
  await expect(page.getByLabel("Content")).toHaveAttribute("aria-invalid", "true");
  await expect(mine.locator("li").filter({ hasText: /write-ahead logging/i })).toHaveCount(1);
});

test("markup in content stays inert text in the preview and in My submissions", async ({ page }) => {
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signInAs(page, 7, "/submit");
  const hostile = `<script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> [click me](javascript:window.__pwned=3) ${Date.now()}`;
  await page.getByLabel("Content").fill(hostile);
  await expect(page.getByTestId("preview")).toHaveText(hostile);
  const tags = page.locator("#tags");
  await tags.fill("security");
  await tags.press("Enter");
  await page.getByRole("button", { name: "Sign and submit" }).click();
  await expect(page.getByRole("status")).toContainText("pending review");
  const row = page.getByTestId("my-submissions").locator("li").filter({ hasText: "<script>" });
  await expect(row.locator("p").filter({ hasText: "<img src=x" })).toContainText(hostile);
  await expect(row.locator("img, script, a[href^='javascript']")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("my-submissions")).toContainText("<script>window.__pwned = 1</script>");
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);
});

test("a share link prefills the form", async ({ page }) => {
  await page.goto("/submit?url=https%3A%2F%2Fexample.org%2Fthread&text=Shared%20text&tags=Rust,Async%20IO");
  await expect(page.getByLabel("Content")).toHaveValue("Shared text");
  await expect(page.getByLabel(/Source URL/)).toHaveValue("https://example.org/thread");
  await expect(page.getByRole("button", { name: "Remove tag rust" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Remove tag async-io" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Send to Commonplace/ })).toHaveAttribute("href", /^javascript:/);
});
