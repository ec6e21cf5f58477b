import { expect, test } from "./fixtures/test";

const WIDTHS = [1280, 390] as const;

/** A fresh network has no snapshots: the catalog says so honestly, at desktop and phone widths, without sideways scrolling. */
for (const width of WIDTHS) {
  test(`datasets catalog, empty, at ${width}px`, async ({ page, request }) => {
    const list = await request.get("/api/datasets");
    const { datasets } = (await list.json()) as { datasets: unknown[] };
    test.skip(datasets.length > 0, "another test already created a snapshot on this server");

    await page.setViewportSize({ width, height: 900 });
    await page.goto("/datasets");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Datasets");
    await expect(page.getByRole("heading", { name: "No snapshots yet" })).toBeVisible();
    await expect(page.getByText("the first one will be listed here", { exact: false })).toBeVisible();
    await expect(page.getByTestId("latest-callout")).toHaveCount(0);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: `screenshots/datasets-empty-${width}.png`, fullPage: true });
  });
}

test("an unknown epoch answers 404 with a way back to the catalog", async ({ page }) => {
  const res = await page.goto("/datasets/999999");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "No dataset for this epoch" })).toBeVisible();
  await page.getByRole("link", { name: "See all datasets" }).click();
  await expect(page).toHaveURL(/\/datasets$/);
});
