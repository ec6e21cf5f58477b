import { expect, test } from "./fixtures/test";

test("pages and assets are gzipped for browsers that accept it; API answers and dataset files are sent as they are", async ({ request }) => {
  const gzip = { "accept-encoding": "gzip" };
  const page = await request.get("/", { headers: gzip });
  expect(page.headers()["content-encoding"]).toBe("gzip");
  for (const path of ["/api/datasets", "/api/health"]) {
    const api = await request.get(path, { headers: gzip });
    expect(api.ok(), path).toBe(true);
    expect(api.headers()["content-encoding"], path).toBeUndefined();
  }
});
