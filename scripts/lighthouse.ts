import { tmpdir } from "node:os";
import { join } from "node:path";
import { formatTable } from "../lib/bench/table";
import bench from "../lib/pages/lighthouse.bench";
import { startDemoApp } from "../lib/pages/demo-app";

/**
 * `npm run lighthouse`: the Lighthouse table of lib/pages/lighthouse.bench.ts alone.
 * `npm run lighthouse -- --serve`: only the demo app it audits, kept running until Ctrl-C, to look at the pages.
 */
async function main() {
  if (!process.argv.includes("--serve")) {
    for (const table of await bench()) console.log(formatTable(table));
    return;
  }
  const app = await startDemoApp("commonplace_bench_pages", join(tmpdir(), "commonplace-lighthouse-serve.log"));
  console.log(`${app.url} (published epoch ${app.epoch}); Ctrl-C stops it`);
  await new Promise<void>((resolve) => process.once("SIGINT", resolve).once("SIGTERM", resolve));
  await app.stop();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
