import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BenchTable } from "../bench/table";
import { startDemoApp } from "./demo-app";
import { auditPages, lighthouseTable, type PageTarget } from "./lighthouse";

/** Lighthouse on the public pages of the production build with the demo data, beside a near-empty static page. */
export default async function bench(): Promise<BenchTable[]> {
  const runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3);
  const app = await startDemoApp("commonplace_bench_pages", join(tmpdir(), "commonplace-bench-pages.log"));
  try {
    const baseline: PageTarget = { name: "baseline (static HTML)", path: "/lighthouse-baseline.html" };
    const pages: PageTarget[] = [
      { name: "/", path: "/" },
      { name: "/datasets", path: "/datasets" },
      { name: "/datasets/[epoch]", path: `/datasets/${app.epoch}` },
      { name: "/submit", path: "/submit" },
      // Not a target: the app's least a page can cost (React, Next's router, the header), so the
      // machine's noise on pages with scripts shows apart from what the pages themselves add.
      { name: "framework floor (404 page)", path: "/no-such-page", reference: true, errorStatus: true },
    ];
    // One unmeasured visit each: the first request of a route pays for loading its server code.
    for (const target of [baseline, ...pages]) await fetch(`${app.url}${target.path}`).then((r) => r.arrayBuffer());
    const [base, ...results] = await auditPages(app.url, [baseline, ...pages], runs);
    if (!base) throw new Error("no baseline audit");
    return [lighthouseTable(results, base, runs)];
  } finally {
    await app.stop();
  }
}
