import { expect, test } from "@playwright/test";

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
