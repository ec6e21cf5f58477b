import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { startAnvil, type AnvilInstance } from "../lib/chain/anvil";
import { LOCAL_CHAIN_ID } from "../lib/chain/config";
import { migrateDatabase, openDatabase } from "../lib/db/client";
import { recreateDatabase } from "../lib/db/server-databases";
import { seedDemoContent } from "../lib/devnet/demo-content";
import { ensureLocalContracts, seedDemoAccounts } from "../lib/devnet/local-network";
import { relaxedRateLimits } from "../lib/testing/rate-limits";
import { startS3Server, type S3TestServer } from "../lib/testing/s3-server";

/**
 * The app as the browser tests see it: a fresh anvil with the contracts deployed, a fresh
 * database (a new PGlite folder, or a new database on DATABASE_URL's server) with the demo
 * accounts, and `next start` on the build (or `next dev` with E2E_DEV=1).
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
const ANVIL_PORT = Number(process.env.E2E_ANVIL_PORT ?? 8645);
// One folder per port, so several e2e servers (parallel sessions) never share state.
const WORK = join(process.cwd(), ".data", `e2e-${PORT}`);

let anvil: AnvilInstance | undefined;
let next: ChildProcess | undefined;
let bucket: S3TestServer | undefined;

async function freshDatabaseEnv(): Promise<Record<string, string>> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) return { PGLITE_DIR: join(WORK, "pglite") };
  return { DATABASE_URL: await recreateDatabase(serverUrl, `commonplace_e2e_${PORT}`) };
}

async function main() {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  anvil = await startAnvil({ port: ANVIL_PORT, chainId: LOCAL_CHAIN_ID });
  const deploymentsDir = join(WORK, "deployments");
  await ensureLocalContracts(anvil.rpcUrl, LOCAL_CHAIN_ID, deploymentsDir);

  const dbEnv = await freshDatabaseEnv();
  const db = await openDatabase(dbEnv);
  await migrateDatabase(db);
  await seedDemoAccounts(db.db);
  await seedDemoContent(db.db, LOCAL_CHAIN_ID);
  await db.close();

  // TEST_SNAPSHOT_STORE=s3 (as CI runs): snapshot files go to a bucket on an S3-protocol server, not a folder.
  if (process.env.TEST_SNAPSHOT_STORE === "s3") bucket = await startS3Server("e2e");
  const storeEnv = bucket ? bucket.env : { SNAPSHOT_DIR: join(WORK, "snapshots") };

  const dev = !!process.env.E2E_DEV;
  // The production server (scripts/serve.ts) as `npm start` runs it, or `next dev` with E2E_DEV=1.
  const command = dev ? [require.resolve("next/dist/bin/next"), "dev", "--port", String(PORT)] : [require.resolve("tsx/cli"), "scripts/serve.ts"];
  next = spawn(process.execPath, command, {
    stdio: "inherit",
    env: {
      ...process.env,
      ...dbEnv,
      PORT: String(PORT),
      APP_URL: `http://localhost:${PORT}`,
      // The server reads the chain at 127.0.0.1, browsers at localhost: the pages must only ever show the public one.
      RPC_URL: anvil.rpcUrl,
      PUBLIC_RPC_URL: anvil.rpcUrl.replace("127.0.0.1", "localhost"),
      // Every browser test shares one client address (this machine); the limits themselves are tested in Vitest.
      ...relaxedRateLimits(),
      CHAIN_ID: String(LOCAL_CHAIN_ID),
      // The production server on the local chain and a throwaway folder, on purpose (see lib/config/production-guards.ts).
      ALLOW_LOCAL_CHAIN: "1",
      ALLOW_LOCAL_STORE: "1",
      DEPLOYMENTS_DIR: deploymentsDir,
      // Every text the browser tests submit is English: another language is refused (e2e/screening.spec.ts).
      ALLOWED_LANGUAGES: "en",
      ...storeEnv,
      NEXT_TELEMETRY_DISABLED: "1",
      ...(dev ? { NEXT_DIST_DIR: ".next-e2e" } : {}),
    },
  });
  next.on("exit", (code) => void stop(code ?? 1));
}

async function stop(code: number) {
  if (next && next.exitCode === null) next.kill("SIGTERM");
  await anvil?.stop();
  await bucket?.stop();
  process.exit(code);
}

process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));
main().catch((error: unknown) => {
  console.error(error);
  void stop(1);
});
