import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ensureBuild } from "../bench/app-server";
import type { BenchTable } from "../bench/table";

type Timing = { key: string; dom: number; frame: number };

const FRAME_MS = 1000 / 60;

/**
 * Review speed on the production build, in Chromium: e2e/review-speed.spec.ts votes 20 items with the keyboard and
 * a voting key on /validate and records, in the page, the time from each keydown to the next item in the DOM and to
 * the frame that paints it. Its baseline, in the same page and run, is skipping an item (N): the same change of item with
 * no vote to sign or send.
 */
export default async function bench(): Promise<BenchTable[]> {
  ensureBuild();
  const dir = mkdtempSync(join(tmpdir(), "review-speed-"));
  const out = join(dir, "timings.json");
  try {
    const run = spawnSync("npx", ["playwright", "test", "e2e/review-speed.spec.ts", "--reporter=line"], {
      stdio: "inherit",
      // Its own ports, so a browser-test server left running elsewhere is neither reused nor disturbed.
      env: { ...process.env, REVIEW_SPEED_OUT: out, E2E_PORT: "3190", E2E_ANVIL_PORT: "8690", CI: "1" },
    });
    if (run.status !== 0) throw new Error("e2e/review-speed.spec.ts failed");
    const { votes, skips } = JSON.parse(readFileSync(out, "utf8")) as { votes: Timing[]; skips: Timing[] };
    const row = (label: string, samples: Timing[], baseline: Timing[]) => ({
      case: label,
      samples: samples.length,
      "median to DOM ms": median(samples.map((t) => t.dom)),
      "max to DOM ms": Math.max(...samples.map((t) => t.dom)),
      "median to its frame ms": median(samples.map((t) => t.frame)),
      "× of skip (DOM)": median(samples.map((t) => t.dom)) / median(baseline.map((t) => t.dom)),
    });
    return [
      {
        title: "Review speed: keydown → next item on /validate (production build, Chromium, voting key)",
        rows: [row("vote (A): sign with the voting key, send, show the next", votes, skips), row("baseline: skip (N), nothing signed or sent", skips, skips)],
        notes: [
          `Target: the vote's median to DOM within one frame (${FRAME_MS.toFixed(1)} ms). The frame column includes waiting for the next vsync (0–${FRAME_MS.toFixed(1)} ms).`,
        ],
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
