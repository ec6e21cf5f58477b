import { spawnSync } from "node:child_process";

/**
 * `npm test`: every check a change must pass, in order of cost — types, lint, unit and integration
 * tests (Vitest: lib/, contracts against anvil, route handlers), the production build, then the
 * browser tests (Playwright on Debian's chromium) against that build. Runs on PGlite by default
 * and on Postgres when DATABASE_URL is set.
 */
const steps: { name: string; command: string[] }[] = [
  { name: "typecheck", command: ["npx", "tsc", "--noEmit"] },
  { name: "lint", command: ["npx", "eslint", "--max-warnings=0", "."] },
  { name: "unit and integration tests", command: ["npx", "vitest", "run"] },
  { name: "production build", command: ["npx", "next", "build"] },
  { name: "browser tests", command: ["npx", "playwright", "test"] },
];

const only = process.argv.slice(2);
const results: { name: string; ok: boolean; seconds: number }[] = [];
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" };

for (const step of steps) {
  if (only.length > 0 && !only.some((o) => step.name.includes(o))) continue;
  console.log(`\n▸ ${step.name}: ${step.command.join(" ")}`);
  const start = Date.now();
  const run = spawnSync(step.command[0] ?? "", step.command.slice(1), { stdio: "inherit", env });
  const ok = run.status === 0;
  results.push({ name: step.name, ok, seconds: (Date.now() - start) / 1000 });
  if (!ok) break;
}

console.log("\nSummary");
for (const r of results) console.log(`  ${r.ok ? "✓" : "✗"} ${r.name} (${r.seconds.toFixed(1)} s)`);
const failed = results.filter((r) => !r.ok).length;
console.log(`steps: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
