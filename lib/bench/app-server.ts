import { spawn, spawnSync } from "node:child_process";
import { closeSync, existsSync, openSync } from "node:fs";
import { freePort } from "../net/free-port";
import { migrateDatabase, openDatabase, type DbHandle } from "../db/client";
import { recreateDatabase } from "../db/server-databases";

/** Benches and the soak measure the production build: build it once when there is none. */
export function ensureBuild(): void {
  if (existsSync(".next/BUILD_ID")) return;
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit" });
  if (build.status !== 0) throw new Error("next build failed");
}

/** A new, migrated database `name` on the Postgres server at `serverUrl` (dropped first if left over). */
export async function freshDatabase(serverUrl: string, name: string): Promise<{ url: string; handle: DbHandle }> {
  const url = await recreateDatabase(serverUrl, name);
  const handle = await openDatabase({ DATABASE_URL: url });
  await migrateDatabase(handle);
  return { url, handle };
}

export type AppServer = { url: string; stop: () => Promise<void> };

/**
 * The app's production server on a free loopback port, with `env` (DATABASE_URL at least) and
 * APP_URL set to its own origin. The one place that knows the start command.
 * `logFile` receives its stdout and stderr; without it they are dropped.
 */
export async function startAppServer(env: Record<string, string>, logFile?: string): Promise<AppServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const output = logFile ? openSync(logFile, "w") : "ignore";
  const child = spawn(process.execPath, [require.resolve("tsx/cli"), "scripts/serve.ts"], {
    // The local chain and a local snapshot folder, on purpose: the production guards would refuse them otherwise.
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PORT: String(port), HOSTNAME: "127.0.0.1", APP_URL: url, ALLOW_LOCAL_CHAIN: "1", ALLOW_LOCAL_STORE: "1", ...env },
    stdio: ["ignore", output, output],
  });
  if (typeof output === "number") closeSync(output); // the child holds its own copy
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(killer);
  };
  const deadline = Date.now() + 60_000;
  while (!(await fetch(`${url}/api/auth/nonce`).then((r) => r.ok, () => false))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`the app server did not start at ${url}${logFile ? ` (see ${logFile})` : ""}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, stop };
}
