import { createHash } from "node:crypto";
import type { APIResponse } from "@playwright/test";
import { publishedEpoch } from "./fixtures/published-epoch";
import { expect, test } from "./fixtures/test";

type Summary = { epoch: number; status: string; files: { name: string; bytes: number; sha256: string; url: string }[] };

const IMMUTABLE = "public, max-age=31536000, immutable";
const MINUTE = "public, max-age=60";
const NOTEBOOK = "https://notebook.example";

/** CORS as a notebook on another site needs it: any origin, the range and digest headers readable. */
function expectShared(res: APIResponse, what: string) {
  const headers = res.headers();
  expect(headers["access-control-allow-origin"], what).toBe("*");
  for (const name of ["Content-Length", "Content-Range", "ETag", "Accept-Ranges", "X-Content-Sha256", "Content-Disposition"])
    expect(headers["access-control-expose-headers"], what).toContain(name);
  expect(headers["cross-origin-resource-policy"], what).toBe("cross-origin");
  // The security headers stay.
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["content-security-policy"], what).toBe("default-src 'none'; frame-ancestors 'none'");
}

/** What the production server (npm start) sends for a file: a real Content-Length, never chunked, nothing internal. */
function expectLength(res: APIResponse, bytes: number, what: string) {
  const headers = res.headers();
  expect(headers["content-length"], what).toBe(String(bytes));
  expect(headers["transfer-encoding"], what).toBeUndefined();
  expect(headers["x-declared-content-length"], what).toBeUndefined();
}

test("GET /api/datasets/{epoch} and /latest answer the list's entry, shared with other sites", async ({ request, browser }) => {
  test.setTimeout(180_000);
  const epoch = await publishedEpoch(browser);
  const { datasets } = (await (await request.get("/api/datasets")).json()) as { datasets: Summary[] };
  const entry = datasets.find((d) => d.epoch === epoch);
  for (const path of [`/api/datasets/${epoch}`, "/api/datasets/latest"]) {
    const res = await request.get(path, { headers: { origin: NOTEBOOK } });
    expect(res.status(), path).toBe(200);
    expect(await res.json(), path).toEqual(entry);
    expect(res.headers()["cache-control"], path).toBe(MINUTE);
    expectShared(res, path);
  }
  const missing = await request.get("/api/datasets/999999");
  expect(missing.status()).toBe(404);
  expect(await missing.json()).toMatchObject({ error: { code: "not_found" } });
  const malformed = await request.get("/api/datasets/first");
  expect(malformed.status()).toBe(400);
  expect(await malformed.json()).toMatchObject({ error: { code: "invalid_input", field: "ref" } });
});

test("every file of a published epoch answers GET, HEAD and ranges with its length, ETag, CORS and caching, by number and through latest", async ({ request, browser }) => {
  test.setTimeout(180_000);
  const epoch = await publishedEpoch(browser);
  const summary = (await (await request.get(`/api/datasets/${epoch}`)).json()) as Summary;
  expect(summary.status).toBe("published");
  expect(summary.files.map((f) => f.name)).toEqual(expect.arrayContaining(["data.jsonl", "data.parquet", "data.csv", "manifest.json"]));

  for (const file of summary.files) {
    for (const [ref, cacheControl] of [[String(epoch), IMMUTABLE], ["latest", MINUTE]] as const) {
      const url = `/api/datasets/${ref}/files/${file.name}`;
      const got = await request.get(url, { headers: { origin: NOTEBOOK } });
      expect(got.status(), url).toBe(200);
      expectLength(got, file.bytes, url);
      expectShared(got, url);
      const headers = got.headers();
      expect(headers["accept-ranges"], url).toBe("bytes");
      expect(headers["etag"], url).toBe(`"${file.sha256}"`);
      expect(headers["cache-control"], url).toBe(cacheControl);
      const body = await got.body();
      expect(createHash("sha256").update(body).digest("hex"), url).toBe(file.sha256);

      const head = await request.head(url, { headers: { origin: NOTEBOOK } });
      expect(head.status(), `HEAD ${url}`).toBe(200);
      expectLength(head, file.bytes, `HEAD ${url}`);
      expectShared(head, `HEAD ${url}`);
      for (const name of ["accept-ranges", "etag", "cache-control", "content-type", "content-disposition", "x-content-sha256"]) expect(head.headers()[name], `HEAD ${url} ${name}`).toBe(headers[name]);
      expect((await head.body()).length, `HEAD ${url}`).toBe(0);

      // Ten bytes from the middle, as a range reader asks for a Parquet footer or a row group (an empty file has none).
      const start = Math.floor(file.bytes / 2);
      const end = Math.min(start + 9, file.bytes - 1);
      const range = { origin: NOTEBOOK, range: `bytes=${start}-${Math.max(end, start)}` };
      for (const [method, part] of [["GET", await request.get(url, { headers: range })], ["HEAD", await request.head(url, { headers: range })]] as const) {
        if (file.bytes === 0) {
          expect(part.status(), `${url} ${range.range}`).toBe(416);
          continue;
        }
        expect(part.status(), `${url} ${range.range}`).toBe(206);
        expectLength(part, end - start + 1, `${url} ${range.range}`);
        expect(part.headers()["content-range"]).toBe(`bytes ${start}-${end}/${file.bytes}`);
        expect(part.headers()["etag"]).toBe(`"${file.sha256}"`);
        expectShared(part, `${url} ${range.range}`);
        expect(await part.body(), `${method} ${url} ${range.range}`).toEqual(method === "HEAD" ? Buffer.alloc(0) : body.subarray(start, end + 1));
      }

      const unchanged = await request.get(url, { headers: { "if-none-match": `"${file.sha256}"` } });
      expect(unchanged.status(), url).toBe(304);
      expect(unchanged.headers()["etag"]).toBe(`"${file.sha256}"`);
    }
  }

  const preflight = await request.fetch(`/api/datasets/${epoch}/files/data.parquet`, {
    method: "OPTIONS",
    headers: { origin: NOTEBOOK, "access-control-request-method": "GET", "access-control-request-headers": "range,if-none-match" },
  });
  expect(preflight.status()).toBe(204);
  expect(preflight.headers()["access-control-allow-origin"]).toBe("*");
  expect(preflight.headers()["access-control-allow-methods"]).toBe("GET, HEAD, OPTIONS");
  expect(preflight.headers()["access-control-allow-headers"]).toBe("Range, If-None-Match, If-Range");
  expect(Number(preflight.headers()["access-control-max-age"])).toBeGreaterThan(0);
});

test("a notebook page on another origin reads an epoch in the browser (preflighted range), and nothing behind a session", async ({ page, browser, baseURL }) => {
  test.setTimeout(180_000);
  const epoch = await publishedEpoch(browser);
  // The app at 127.0.0.1 is another origin than the API at localhost: a blank page there stands in for a notebook.
  const api = new URL(baseURL ?? "").origin;
  const notebook = api.replace("localhost", "127.0.0.1");
  await page.route(`${notebook}/notebook`, (route) => route.fulfill({ contentType: "text/html", body: "<!doctype html><title>notebook</title>" }));
  // Chromium asks before a page it takes for a public one reaches a loopback address (Local Network Access); on a
  // deployment both sides are public and there is nothing to grant.
  await page.context().grantPermissions(["local-network-access"], { origin: notebook });
  await page.goto(`${notebook}/notebook`);
  const read = await page.evaluate(
    async ({ api, epoch }) => {
      const summary = (await (await fetch(`${api}/api/datasets/latest`)).json()) as { epoch: number; files: { name: string; bytes: number; sha256: string }[] };
      // Range and If-None-Match are not safelisted: the browser sends a preflight first.
      const part = await fetch(`${api}/api/datasets/${epoch}/files/data.parquet`, { headers: { range: "bytes=0-3", "if-none-match": '"not-this-one"' } });
      const head = await fetch(`${api}/api/datasets/${epoch}/files/data.parquet`, { method: "HEAD" });
      const session = await fetch(`${api}/api/me`).then(
        () => "read",
        () => "refused by the browser",
      );
      return {
        latest: summary.epoch,
        parquet: summary.files.find((f) => f.name === "data.parquet"),
        part: { status: part.status, text: await part.text(), length: part.headers.get("content-length"), range: part.headers.get("content-range"), etag: part.headers.get("etag") },
        head: { length: head.headers.get("content-length"), sha256: head.headers.get("x-content-sha256"), disposition: head.headers.get("content-disposition"), ranges: head.headers.get("accept-ranges") },
        session,
      };
    },
    { api, epoch },
  );
  expect(read.latest).toBe(epoch);
  const parquet = read.parquet;
  if (!parquet) throw new Error("no data.parquet in the epoch");
  expect(read.part).toEqual({ status: 206, text: "PAR1", length: "4", range: `bytes 0-3/${parquet.bytes}`, etag: `"${parquet.sha256}"` });
  expect(read.head).toEqual({ length: String(parquet.bytes), sha256: parquet.sha256, disposition: `attachment; filename="commonplace-epoch-${epoch}-data.parquet"`, ranges: "bytes" });
  expect(read.session).toBe("refused by the browser");
});
