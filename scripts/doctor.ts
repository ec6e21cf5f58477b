import { checkLines, paint } from "../lib/cli/check-lines";
import { runDoctor } from "../lib/ops/doctor";

/**
 * `npm run doctor`: checks this environment's configuration against what it points at (database, snapshot store,
 * RPC, contracts, roles) and prints what is wrong. Exit 0 when everything holds, 1 otherwise. With the embedded
 * database, stop `npm run dev` first: PGlite is a single-process database.
 */
async function main(): Promise<number> {
  const checks = await runDoctor();
  for (const line of checkLines(checks)) process.stdout.write(`${line}\n`);
  const failed = checks.filter((c) => !c.ok);
  process.stdout.write(failed.length === 0 ? paint(32, `OK: ${checks.length} checks passed\n`) : paint(31, `FAILED: ${failed.map((c) => c.name).join(", ")}\n`));
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
