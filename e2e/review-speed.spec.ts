import { writeFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { LOCAL_CHAIN_ID } from "@/lib/chain/config";
import { submissionTypedData } from "@/lib/submissions/typed-data";
import { enableFastVoting } from "./fixtures/flows";
import { signInAs } from "./fixtures/session";
import { expect, test } from "./fixtures/test";

const VOTES = 20;
const MARKER = `review-speed-${Date.now()}`;

/** What the page records for each key: ms from the keydown to the new item in the DOM, and to the frame that paints it. */
type Timing = { key: string; dom: number; frame: number };
type Timed = Window & { reviewTimings: Timing[] };

/**
 * Installed in the page: for every key, the time from the keydown event to the moment the item on screen is
 * another one (the article's data-id changed), and to the start of the frame that paints it (its
 * requestAnimationFrame callback; style, layout and paint follow at once, before any other task).
 */
function recordReviewTimings() {
  const timed = window as unknown as Timed;
  timed.reviewTimings = [];
  window.addEventListener(
    "keydown",
    (event) => {
      const start = event.timeStamp;
      const shown = () => document.querySelector("[data-testid=review-item]")?.getAttribute("data-id") ?? null;
      const before = shown();
      const observer = new MutationObserver(() => {
        if (shown() === before) return;
        observer.disconnect();
        const dom = performance.now() - start;
        requestAnimationFrame(() => timed.reviewTimings.push({ key: event.key, dom, frame: performance.now() - start }));
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-id"] });
    },
    { capture: true },
  );
}

async function submitOwnItems(page: Page, count: number) {
  const key = generatePrivateKey();
  const author = privateKeyToAccount(key);
  await signInAs(page, key, "/submit");
  const origin = new URL(page.url()).origin;
  for (let i = 0; i < count; i++) {
    const fields = {
      content: `${MARKER} item ${i}: a paragraph long enough to read like a real submission about caching, queues and the cost of a round trip.`,
      sourceUrl: "https://example.org/review-speed",
      tags: ["performance"],
      license: "CC-BY-4.0" as const,
      issuedAt: Math.floor(Date.now() / 1000),
    };
    const signature = await author.signTypedData(submissionTypedData({ ...fields, contributor: author.address }, LOCAL_CHAIN_ID));
    const res = await page.request.post("/api/submissions", { data: { ...fields, signature }, headers: { origin } });
    expect(res.status()).toBe(201);
  }
}

test("twenty votes with the keyboard and a voting key: each shows the next item at once, and every vote counts", async ({ browser, page }) => {
  test.setTimeout(120_000);
  const author = await browser.newPage();
  await submitOwnItems(author, 2 * VOTES + 4);
  await author.close();

  await signInAs(page, 3, "/validate");
  await enableFastVoting(page);
  const votesCounted = async () => ((await (await page.request.get("/api/validators/me")).json()) as { votes: number }).votes;
  const before = await votesCounted();
  await page.evaluate(recordReviewTimings);

  const item = page.getByTestId("review-item");
  let voted = 0;
  let ownSeen = 0;
  for (let step = 0; voted < VOTES && step < 200; step++) {
    const id = await item.getAttribute("data-id");
    // Every other item of ours is skipped (N), and others' items too: the same change of item without a vote is
    // the baseline.
    const vote = ((await item.textContent()) ?? "").includes(MARKER) && ownSeen++ % 2 === 0;
    await page.keyboard.press(vote ? "a" : "n");
    if (vote) voted++;
    await expect(item).not.toHaveAttribute("data-id", id ?? "");
    // A quick reader's pace: the vote's request is under way while the next item is read.
    await page.waitForTimeout(150);
  }
  expect(voted).toBe(VOTES);
  await expect(page.getByTestId("session-votes")).toHaveText(String(VOTES));
  await expect.poll(votesCounted).toBe(before + VOTES);
  await expect(page.getByRole("status")).toHaveCount(0);

  const timings = await page.evaluate(() => (window as unknown as Timed).reviewTimings);
  const votes = timings.filter((t) => t.key === "a");
  expect(votes).toHaveLength(VOTES);
  if (process.env.REVIEW_SPEED_OUT) writeFileSync(process.env.REVIEW_SPEED_OUT, JSON.stringify({ votes, skips: timings.filter((t) => t.key === "n") }));
});
