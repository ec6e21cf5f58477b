import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { expect, test } from "./fixtures/test";
import { acceptByThreeValidators, submitItem } from "./fixtures/flows";
import { signInAs } from "./fixtures/session";
import { RPC_URL } from "./fixtures/chain";

test("submit, validate, snapshot, publish, claim, download: the whole loop", async ({ browser }) => {
  test.setTimeout(180_000);
  const text = `CRDTs merge concurrent edits without coordination: a join-semilattice makes every merge order agree. ${Date.now()}`;

  const contributor = await browser.newPage();
  await signInAs(contributor, 6, "/submit");
  await submitItem(contributor, text, "crdt");
  await acceptByThreeValidators(browser, text);

  const curatorContext = await browser.newContext();
  const curator = await curatorContext.newPage();
  await signInAs(curator, 0, "/curator");
  await curator.getByRole("button", { name: "Create snapshot" }).click();
  const publish = curator.getByRole("button", { name: /^Publish epoch \d+$/ });
  await expect(publish).toBeVisible({ timeout: 60_000 });
  const epoch = Number((await publish.textContent())?.match(/\d+/)?.[0]);
  await publish.click();
  await expect(curator.getByTestId(`snapshot-${epoch}`)).toContainText("published", { timeout: 60_000 });
  await curatorContext.close();

  await contributor.goto("/rewards");
  const balance = contributor.getByTestId("rewards-balance");
  await expect(balance).toBeVisible();
  const before = await balance.textContent();
  await expect(contributor.getByTestId("claimable")).not.toHaveText(/^0(\.0+)?\b/);
  await contributor.getByRole("button", { name: /^Claim/ }).click();
  await expect(contributor.getByRole("status").filter({ hasText: "Claimed" })).toBeVisible({ timeout: 60_000 });
  await expect(balance).not.toHaveText(before ?? "");
  await expect(contributor.getByTestId("claimable")).toHaveText(/^0\b/);
  await contributor.screenshot({ path: "screenshots/rewards-after-claim-1280.png", fullPage: true });

  const visitor = await browser.newPage();
  await visitor.goto(`/datasets/${epoch}`);
  const manifest = (await (await visitor.request.get(`/api/datasets/${epoch}/files/manifest.json`)).json()) as { files: { name: string; sha256: string }[] };
  const download = visitor.waitForEvent("download");
  await visitor.getByRole("link", { name: /data\.jsonl/ }).first().click();
  const file = await (await download).path();
  const { readFile } = await import("node:fs/promises");
  const bytes = await readFile(file);
  expect(createHash("sha256").update(bytes).digest("hex")).toBe(manifest.files.find((f) => f.name === "data.jsonl")?.sha256);
  expect(bytes.toString("utf8")).toContain(text);

  // A stranger with the page's URL and an RPC re-derives the epoch: signatures, decisions, rewards, chain record.
  const verified = await promisify(execFile)(process.execPath, ["bin/commonplace-verify.mjs", visitor.url(), "--rpc", RPC_URL]).catch(
    (failure: { stdout: string; stderr: string }) => failure,
  );
  expect(verified.stdout).toMatch(/✓ vote signatures/);
  expect(verified.stdout).toMatch(/✓ validator stakes/);
  expect(verified.stdout, verified.stderr).toMatch(/^OK: all \d+ checks passed$/m);

  for (const width of [1280, 390]) {
    await visitor.setViewportSize({ width, height: 900 });
    expect(await visitor.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await visitor.screenshot({ path: `screenshots/dataset-epoch-${width}.png`, fullPage: true });
  }
});
