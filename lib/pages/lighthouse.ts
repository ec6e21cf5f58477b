import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import * as chromeLauncher from "chrome-launcher";
import type { BenchTable } from "../bench/table";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "../testing/chromium";

const execFileAsync = promisify(execFile);

/** `reference`: audited for comparison, not held to the target; `errorStatus`: answers 4xx on purpose, audit it anyway. */
export type PageTarget = { name: string; path: string; reference?: boolean; errorStatus?: boolean };

export type Audit = { performance: number; accessibility: number; lcpMs: number; tbtMs: number; cls: number; failing: string[] };

export type PageAudits = { page: PageTarget; runs: Audit[] };

/**
 * Lighthouse's default config (mobile: Moto G Power viewport, simulated slow 4G and 4× CPU
 * slowdown), performance and accessibility only, `runs` times per page. Pages take turns run by
 * run, so a burst of load on this shared machine spreads over every page instead of one.
 */
export async function auditPages(origin: string, pages: PageTarget[], runs: number): Promise<PageAudits[]> {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: ["--headless=new", ...CHROMIUM_ARGS] });
  try {
    const order = Array.from({ length: runs }, () => pages).flat();
    const url = (page: PageTarget) => `${origin}${page.path}`;
    const audits = await runLighthouse(chrome.port, order.map(url), pages.filter((p) => p.errorStatus).map(url));
    return pages.map((page) => ({ page, runs: audits.filter((_, i) => order[i] === page) }));
  } finally {
    chrome.kill();
  }
}

/** Runs lighthouse-child.mjs under plain Node (see there why not in this process). */
async function runLighthouse(port: number, urls: string[], errorPages: string[]): Promise<Audit[]> {
  const child = fileURLToPath(new URL("./lighthouse-child.mjs", import.meta.url));
  const env = { ...process.env };
  delete env.NODE_OPTIONS;
  const { stdout } = await execFileAsync(process.execPath, [child, JSON.stringify({ port, urls, errorPages })], { env, maxBuffer: 16 * 1024 * 1024 });
  const audits = JSON.parse(stdout) as Audit[];
  if (!Array.isArray(audits) || audits.length !== urls.length) throw new Error(`Lighthouse answered ${String(audits)} for ${urls.length} pages`);
  return audits;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** "median (min–max)", rounded to `digits`. */
function spread(values: number[], digits = 0): string {
  const fmt = (v: number) => v.toFixed(digits);
  return `${fmt(median(values))} (${fmt(Math.min(...values))}–${fmt(Math.max(...values))})`;
}

export const PERFORMANCE_TARGET = 98;
export const ACCESSIBILITY_TARGET = 100;

/**
 * One row per page: medians with min–max over the runs, and the performance score and LCP as a
 * ratio of what the baseline (a near-empty static page on the same server) got in the same run.
 */
export function lighthouseTable(results: PageAudits[], baseline: PageAudits, runs: number): BenchTable {
  const base = (pick: (a: Audit) => number) => median(baseline.runs.map(pick));
  const rows = [baseline, ...results].map(({ page, runs: audits }) => {
    const of = (pick: (a: Audit) => number) => audits.map(pick);
    const performance = median(of((a) => a.performance));
    const accessibility = median(of((a) => a.accessibility));
    const met = performance >= PERFORMANCE_TARGET && accessibility >= ACCESSIBILITY_TARGET;
    return {
      page: page.name,
      performance: spread(of((a) => a.performance)),
      accessibility: spread(of((a) => a.accessibility)),
      "LCP ms": spread(of((a) => a.lcpMs)),
      "TBT ms": spread(of((a) => a.tbtMs)),
      CLS: spread(of((a) => a.cls), 3),
      "perf ÷ baseline": (performance / base((a) => a.performance)).toFixed(2),
      "LCP ÷ baseline": (median(of((a) => a.lcpMs)) / base((a) => a.lcpMs)).toFixed(2),
      target: page === baseline.page ? "baseline" : page.reference ? "reference" : met ? "met" : "MISSED",
    };
  });
  const failing = results.flatMap(({ page, runs: audits }) => {
    const ids = [...new Set(audits.flatMap((a) => a.failing))];
    return ids.length ? [`${page.name}: failing accessibility audits ${ids.join(", ")}`] : [];
  });
  return {
    title: `Lighthouse 12 (mobile preset, production build), median (min–max) of ${runs} runs per page`,
    rows,
    notes: [
      `Target: performance ≥ ${PERFORMANCE_TARGET} and accessibility ${ACCESSIBILITY_TARGET} on every page (medians).`,
      "Baseline: a static HTML page from public/ on the same server, audited in the same run, for what this machine gets at best.",
      ...failing,
    ],
  };
}
