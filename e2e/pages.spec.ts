import type { Page } from "@playwright/test";
import { skipTo } from "./fixtures/flows";
import { signInAs } from "./fixtures/session";
import { expect, test } from "./fixtures/test";

const PAGES = [
  { path: "/", heading: "Curated data for AI" },
  { path: "/submit", heading: "Submit" },
  { path: "/validate", heading: "Validate" },
  { path: "/datasets", heading: "Datasets" },
  { path: "/rewards", heading: "Rewards" },
  { path: "/curator", heading: "Curator" },
] as const;

const WIDTHS = [1280, 390] as const;

/** Every page renders at desktop and phone widths without sideways scrolling; screenshots land in screenshots/ for review. */
for (const { path, heading } of PAGES) {
  for (const width of WIDTHS) {
    test(`${path} at ${width}px`, async ({ page }) => {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toContainText(heading);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      const name = path === "/" ? "home" : path.slice(1).replaceAll("/", "-");
      await page.screenshot({ path: `screenshots/${name}-${width}.png`, fullPage: true });
    });
  }
}

test("unknown pages answer 404 with a way back", async ({ page }) => {
  const res = await page.goto("/no-such-page");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("link", { name: "Back to Commonplace" })).toBeVisible();
});

const LONG_ITEM = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

/** User content with a 64-character digest and a long URL wraps wherever it is shown: the validator's card and the author's list. */
for (const width of WIDTHS) {
  test(`long unbroken strings wrap on /validate and /submit at ${width}px`, async ({ page, browser }) => {
    await page.setViewportSize({ width, height: 900 });
    await signInAs(page, 1, "/validate");
    await skipTo(page, LONG_ITEM);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `screenshots/validate-long-item-${width}.png`, fullPage: true });

    // Demo account 5 wrote it.
    const author = await browser.newPage({ viewport: { width, height: 900 } });
    await signInAs(author, 5, "/submit");
    await expect(author.getByTestId("my-submissions")).toContainText(LONG_ITEM);
    expect(await sidewaysOverflow(author)).toBeLessThanOrEqual(0);
    await author.screenshot({ path: `screenshots/submit-long-item-${width}.png`, fullPage: true });
    await author.close();
  });
}

function sidewaysOverflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}
