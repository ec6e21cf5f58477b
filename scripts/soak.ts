import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { parseArgs } from "node:util";
import { signedInClients } from "../lib/bench/app-client";
import { ensureBuild, freshDatabase, startAppServer, type AppServer } from "../lib/bench/app-server";
import { formatTable } from "../lib/bench/table";
import { grantValidator } from "../lib/curation/admin";
import { openDatabase } from "../lib/db/client";
import { dropDatabase } from "../lib/db/server-databases";
import { checkDurability } from "../lib/soak/durability";
import { runLoad } from "../lib/soak/load";
import { localClusterVersion, restartPostgres } from "../lib/soak/postgres";
import { soakReport, type SoakTimes } from "../lib/soak/report";
import { relaxedRateLimits } from "../lib/testing/rate-limits";

/**
 * `npm run soak [-- --seconds N]`: 50 clients (contributors submitting signed items, validators
 * voting on their queue) against the production server (npm start) on a fresh database, with a fast restart of the
 * local PostgreSQL half-way. Exits 1 when an acknowledged write is lost, the app does not
 * recover, or it answers anything unclear (a 5xx outside the restart, or other than a 503 with
 * Retry-After during it). Restarts the shared local server: do not run it beside other database tests.
 */
const CONTRIBUTORS = 30;
const VALIDATORS = 20;
const DATABASE = "commonplace_soak";
const LOG_FILE = join(process.cwd(), ".data", "soak-server.log");

const interrupt = new AbortController();

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { seconds: { type: "string", default: "60" } } });
  const durationS = Number(values.seconds);
  if (!Number.isFinite(durationS) || durationS < 10) throw new Error("--seconds takes a number of seconds, at least 10");
  const pgVersion = localClusterVersion();
  const serverUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

  const onSignal = () => {
    if (interrupt.signal.aborted) process.exit(130);
    console.error("\nInterrupted: cleaning up (again to quit at once).");
    interrupt.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);

  ensureBuild();
  let server: AppServer | undefined;
  let restart: Promise<void> | undefined;
  try {
    const { url, handle } = await freshDatabase(serverUrl, DATABASE);
    const contributors = await signedInClients(handle.db, CONTRIBUTORS);
    const validators = await signedInClients(handle.db, VALIDATORS);
    for (const v of validators) await grantValidator(handle.db, v.account.address);
    // Our own pool would only collect errors from the restart; verification opens a new one.
    await handle.close();

    mkdirSync(join(process.cwd(), ".data"), { recursive: true });
    server = await startAppServer(
      {
        DATABASE_URL: url,
        ...relaxedRateLimits(),
        LOG_LEVEL: "warn",
      },
      LOG_FILE,
    );
    console.log(`Soak: ${CONTRIBUTORS} contributors + ${VALIDATORS} validators for ${durationS} s against ${server.url}; PostgreSQL ${pgVersion} restarts at ${durationS / 2} s.`);

    const start = performance.now();
    const restartTimes = sleep((durationS * 1000) / 2, undefined, { signal: interrupt.signal }).then(async () => {
      const begin = performance.now();
      restart = restartPostgres(pgVersion);
      await restart;
      console.log(`PostgreSQL restarted in ${((performance.now() - begin) / 1000).toFixed(2)} s.`);
      return { restartBegin: begin, restartEnd: performance.now() };
    });
    const [log, restarted] = await Promise.all([
      runLoad({ base: server.url, contributors, validators, until: start + durationS * 1000, signal: interrupt.signal }),
      restartTimes,
    ]);
    const times: SoakTimes = { start, end: performance.now(), ...restarted };
    interrupt.signal.throwIfAborted();

    const verifier = await openDatabase({ DATABASE_URL: url });
    const durability = await checkDurability(verifier.db, log).finally(() => verifier.close());
    const report = soakReport(log, times, durability, readFileSync(LOG_FILE, "utf8"));
    for (const table of report.tables) console.log(formatTable(table));
    console.log(`  Server log: ${LOG_FILE}`);
    if (report.failures.length === 0) {
      console.log("\nSOAK PASSED");
      return 0;
    }
    console.log(`\nSOAK FAILED:\n${report.failures.map((f) => `- ${f}`).join("\n")}`);
    return 1;
  } finally {
    // A restart under way must finish before the database can be dropped.
    await restart?.catch(() => undefined);
    await server?.stop();
    await dropDatabase(serverUrl, DATABASE).catch((error: unknown) => console.error("could not drop the soak database:", error));
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(interrupt.signal.aborted ? "Interrupted." : error);
    process.exit(interrupt.signal.aborted ? 130 : 1);
  },
);
