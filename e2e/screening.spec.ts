import type { Page } from "@playwright/test";
import { generatePrivateKey } from "viem/accounts";
import { FLAG_REASONS } from "@/lib/screening/verdict";
import { skipTo } from "./fixtures/flows";
import { signInAs } from "./fixtures/session";
import { expect, test } from "./fixtures/test";
import { signingRequests } from "./fixtures/test-wallet";

/** Fills the form as a contributor would and presses the submit button; returns the submissions the page POSTed. */
async function trySubmit(page: Page, text: string): Promise<string[]> {
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/api/submissions") posts.push(request.url());
  });
  await page.getByLabel("Content").fill(text);
  const tags = page.locator("#tags");
  await tags.fill("screening");
  await tags.press("Enter");
  await page.getByRole("button", { name: "Sign and submit" }).click();
  return posts;
}

/** The refusal is beside the Content field, the field is marked invalid, and the account has no items. */
async function expectRefusedBesideContent(page: Page, message: RegExp) {
  await expect(page.locator("#content-error")).toHaveText(message);
  await expect(page.getByLabel("Content")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Content")).toHaveAttribute("aria-describedby", /content-error/);
  await expect(page.getByText("Nothing yet — your first submission will show up here.")).toBeVisible();
}

test("too few words: the form refuses before the wallet is asked, and the message follows the text as it grows", async ({ page }) => {
  await signInAs(page, generatePrivateKey(), "/submit");
  const signedIn = signingRequests(page).length;
  const posts = await trySubmit(page, "Too short to be an item, sorry.");
  await expectRefusedBesideContent(page, /^The content has 7 words; items need at least 10\.$/);
  expect(signingRequests(page).length).toBe(signedIn);
  expect(posts).toEqual([]);

  await page.getByLabel("Content").pressSequentially(" Two more");
  await expect(page.locator("#content-error")).toHaveText("The content has 9 words; items need at least 10.");
  await page.getByLabel("Content").pressSequentially(" words");
  await expect(page.locator("#content-error")).toBeHidden();
  await expect(page.getByLabel("Content")).not.toHaveAttribute("aria-invalid", "true");
});

test("no letters: the form refuses before the wallet is asked", async ({ page }) => {
  await signInAs(page, generatePrivateKey(), "/submit");
  const signedIn = signingRequests(page).length;
  const posts = await trySubmit(page, "1234 5678 — 42 !!! 3.14 … 2025 77 88 99 100 101");
  await expectRefusedBesideContent(page, /^The content has no letters at all/);
  expect(signingRequests(page).length).toBe(signedIn);
  expect(posts).toEqual([]);
});

test("a language outside ALLOWED_LANGUAGES: the server refuses it and the form shows why beside the field", async ({ page }) => {
  await signInAs(page, generatePrivateKey(), "/submit");
  // The e2e server takes English only (scripts/e2e-server.ts): the form says so before anything is written.
  await expect(page.locator("#content-hint")).toHaveText("At least 10 words, written in English.");
  const posts = await trySubmit(
    page,
    `Сервер записывает каждое изменение в журнал до того, как трогает страницы данных, поэтому после сбоя он восстанавливается. ${Date.now()}`,
  );
  await expectRefusedBesideContent(page, /^The content looks like Russian; this network takes English\.$/);
  // Only the server's model can tell the language: this one was signed and sent, and refused.
  expect(posts).toHaveLength(1);
  await expect(page.getByRole("status")).toHaveCount(0);
});

test("a flagged item shows why to its contributor, in My submissions, and to a validator", async ({ browser, page }) => {
  const text = `BEST DEAL EVER!!!!!! Buy now, limited offer: get rich quick with our guaranteed income plan. Act now, click here!!!!!! ${Date.now()}`;
  await signInAs(page, generatePrivateKey(), "/submit");
  await trySubmit(page, text);
  const status = page.getByRole("status");
  await expect(status).toContainText("pending review");
  await expect(status).toContainText("Screening read it as English and flagged it");
  const reasons = [FLAG_REASONS.boilerplate, FLAG_REASONS.repeated_characters, FLAG_REASONS.promotional];
  await expect(status.getByRole("listitem")).toHaveText(reasons);

  const row = page.getByTestId("my-submissions").locator("li").filter({ hasText: "BEST DEAL EVER" });
  await expect(row).toContainText("English");
  await expect(row.getByText("flagged", { exact: true })).toBeVisible();
  await expect(row.getByTestId("screening-flags")).toHaveText(`Flagged by screening: ${reasons.join(" ")}`);

  const validatorContext = await browser.newContext();
  const validator = await validatorContext.newPage();
  await signInAs(validator, 1, "/validate");
  await skipTo(validator, text);
  const item = validator.getByTestId("review-item");
  await expect(item.getByTestId("item-language")).toContainText("English");
  await expect(item.getByTestId("screening-flags")).toHaveText(`Flagged by screening: ${reasons.join(" ")}`);
  await validatorContext.close();
});
