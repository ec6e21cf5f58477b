import { publishedEpoch } from "./fixtures/published-epoch";
import { expect, test } from "./fixtures/test";

/** The demo items went through submit(), so they were screened: the epoch page charts their languages and signals. */
test("an epoch's page shows what screening found: the language mix, the flags and the signals", async ({ page, browser }) => {
  test.setTimeout(120_000);
  const epoch = await publishedEpoch(browser);

  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`/datasets/${epoch}`);
    await expect(page.getByRole("heading", { name: "Screening", exact: true })).toBeVisible();
    const languages = page.getByRole("list", { name: "Screened items per language" });
    await expect(languages).toContainText("English");
    await expect(languages.getByRole("listitem").first()).toContainText(/\d+ items? · \d+ %/);
    await expect(page.getByTestId("screening-flagged")).toContainText(/\d+ % \d+ of \d+ screened items?/);
    for (const chart of ["Words per item", "Language confidence", "Common words", "Capital letters"]) {
      await expect(page.getByRole("group", { name: chart })).toBeVisible();
      // The numbers behind each chart, for screen readers.
      await expect(page.getByRole("table", { name: chart }).getByRole("row")).not.toHaveCount(0);
    }
    await expect(page.getByTestId("screening-empty")).toHaveCount(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.locator("section[aria-labelledby=screening]").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `screenshots/dataset-screening-${width}.png`, fullPage: true });
  }
});
