// Lighthouse through its Node API, in a process of plain Node: under tsx (npm run bench) esbuild
// wraps Lighthouse's own functions in a `__name` helper, and those functions are sent to the
// page as source, where the helper does not exist. Reads {port, urls, errorPages} as JSON from
// argv[2] (errorPages: URLs meant to answer an error status, audited anyway) and prints one JSON
// array of audits, in the order of `urls`.
import lighthouse from "lighthouse";

const { port, urls, errorPages = [] } = JSON.parse(process.argv[2] ?? "{}");

/** One audit, tried up to three times: on this loaded machine Chrome now and then gives up on a load (an interstitial). */
async function audit(url) {
  let error;
  for (let attempt = 0; attempt < 3; attempt++) {
    const flags = { port, onlyCategories: ["performance", "accessibility"], logLevel: "error", output: "json", ignoreStatusCode: errorPages.includes(url) };
    const result = await lighthouse(url, flags);
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    if (!result.lhr.runtimeError) return result.lhr;
    error = result.lhr.runtimeError;
  }
  throw new Error(`Lighthouse on ${url}: ${error.code} ${error.message}`);
}

const audits = [];
for (const url of urls) {
  const { categories, audits: found } = await audit(url);
  audits.push({
    performance: Math.round((categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
    lcpMs: found["largest-contentful-paint"]?.numericValue ?? null,
    tbtMs: found["total-blocking-time"]?.numericValue ?? null,
    cls: found["cumulative-layout-shift"]?.numericValue ?? null,
    // Accessibility audits that failed, to name in the table's notes.
    failing: (categories.accessibility?.auditRefs ?? []).filter((ref) => found[ref.id]?.score === 0).map((ref) => ref.id),
  });
}
process.stdout.write(JSON.stringify(audits));
