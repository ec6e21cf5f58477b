import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { PUBLIC_RPC_URL } from "./fixtures/chain";
import { publishedEpoch } from "./fixtures/published-epoch";
import { expect, test } from "./fixtures/test";

const run = promisify(execFile);

test("the epoch page's snippets name this epoch's absolute URLs, copy from the keyboard and run as printed", async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  const epoch = await publishedEpoch(browser);
  const files = `${baseURL}/api/datasets/${epoch}/files`;
  const manifest = (await (await page.request.get(`${files}/manifest.json`)).json()) as { files: { name: string; sha256: string }[] };
  const sha256 = manifest.files.find((f) => f.name === "data.jsonl")?.sha256;

  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto(`/datasets/${epoch}`);
  const snippet = (id: string) => page.getByTestId(`snippet-${id}`).locator("pre");
  await expect(snippet("datasets-jsonl")).toHaveText(`from datasets import load_dataset\n\nds = load_dataset("json", data_files="${files}/data.jsonl", split="train")`);
  await expect(snippet("datasets-parquet")).toContainText(`load_dataset("parquet", data_files="${files}/data.parquet", split="train")`);
  await expect(snippet("pandas")).toContainText(`pd.read_parquet("${files}/data.parquet")`);
  await expect(snippet("duckdb")).toContainText(`FROM '${files}/data.parquet'`);
  await expect(snippet("curl")).toHaveText(`curl -fLO ${files}/data.jsonl &&\n  echo "${sha256}  data.jsonl" | sha256sum -c`);
  await expect(snippet("verify")).toContainText(`npx --no commonplace-verify ${baseURL}/datasets/${epoch} --rpc ${PUBLIC_RPC_URL}`);

  // Every URL of this site that a snippet prints answers.
  const printed = (await page.getByRole("list", { name: "Code to load, download and verify this epoch" }).locator("pre").allTextContents()).join("\n");
  const urls = new Set(printed.match(/https?:\/\/[^\s"']+/g)?.filter((url) => url.startsWith(`${baseURL}/`)));
  expect(urls.size).toBeGreaterThanOrEqual(4);
  for (const url of urls) expect((await page.request.get(url)).status(), url).toBe(200);

  // The copy button, from the keyboard: the clipboard gets the command and a live region says so.
  const copy = page.getByRole("button", { name: "Copy: pandas" });
  await copy.focus();
  await page.keyboard.press("Enter");
  await expect(copy).toHaveText("Copied");
  await expect(page.getByRole("status").filter({ hasText: "Copied to the clipboard" })).toHaveCount(1);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`import pandas as pd\n\ndf = pd.read_parquet("${files}/data.parquet")`);

  // The shell snippets, run exactly as printed: the download checks out, the verifier (from this repository) passes.
  const dir = await mkdtemp(join(tmpdir(), "snippet-curl-"));
  try {
    const curl = await run("bash", ["-c", (await snippet("curl").textContent()) ?? ""], { cwd: dir });
    expect(curl.stdout).toBe("data.jsonl: OK\n");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const verified = await run("bash", ["-c", (await snippet("verify").textContent()) ?? ""]).catch((failure: { stdout: string; stderr: string }) => failure);
  expect(verified.stdout, verified.stderr).toMatch(/^OK: all \d+ checks passed$/m);

  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.locator("section[aria-labelledby=use]").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `screenshots/dataset-snippets-${width}.png`, fullPage: true });
  }
});

test("link previews and crawlers find the social card, the web app manifest and robots.txt", async ({ page, browser, baseURL }) => {
  const epoch = await publishedEpoch(browser);
  await page.goto(`/datasets/${epoch}`);
  const meta = (attribute: string, value: string) => page.locator(`meta[${attribute}="${value}"]`);
  await expect(page).toHaveTitle(`Dataset epoch ${epoch} · Commonplace`);
  await expect(meta("property", "og:title")).toHaveAttribute("content", `Dataset epoch ${epoch} · Commonplace`);
  await expect(meta("property", "og:description")).toHaveAttribute("content", new RegExp(`^Epoch ${epoch}: `));
  await expect(meta("property", "og:url")).toHaveAttribute("content", `${baseURL}/datasets/${epoch}`);
  await expect(meta("property", "og:image")).toHaveAttribute("content", `${baseURL}/social-preview.png`);
  await expect(meta("name", "twitter:card")).toHaveAttribute("content", "summary_large_image");
  await expect(meta("name", "twitter:image")).toHaveAttribute("content", `${baseURL}/social-preview.png`);

  const image = await page.request.get("/social-preview.png");
  expect(image.headers()["content-type"]).toBe("image/png");
  const png = await image.body();
  expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);

  const manifestHref = await page.locator('link[rel="manifest"]').getAttribute("href");
  const manifest = (await (await page.request.get(manifestHref ?? "")).json()) as { short_name: string; theme_color: string; icons: { src: string }[] };
  expect(manifest).toMatchObject({ short_name: "Commonplace", theme_color: "#0f766e" });
  for (const icon of manifest.icons) expect((await page.request.get(icon.src)).status(), icon.src).toBe(200);

  for (const [path, title] of [
    ["/", "Commonplace — curated data for AI, owned by its contributors"],
    ["/datasets", "Datasets · Commonplace"],
  ] as const) {
    await page.goto(path);
    await expect(meta("property", "og:title")).toHaveAttribute("content", title);
    await expect(meta("property", "og:image")).toHaveAttribute("content", `${baseURL}/social-preview.png`);
  }

  const robots = await (await page.request.get("/robots.txt")).text();
  expect(robots).toMatch(/^Allow: \/api\/datasets$/m);
  expect(robots).toMatch(/^Disallow: \/api\/$/m);
});
