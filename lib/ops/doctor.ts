import { createPublicClient, http, type Address } from "viem";
import { snapshotDistributorAbi, validatorStakingAbi } from "../chain/abi";
import { chainSettings } from "../chain/config";
import { readDeployment } from "../chain/deployments";
import { primaryOrigin } from "../config/app-origins";
import { checkConfiguration } from "../config/startup-checks";
import { driverFor, openDatabase, type DbHandle } from "../db/client";
import { appHealth, type Health } from "./health";
import { storageFromEnvironment } from "../snapshots/current-storage";

export type DoctorCheck = { name: string; ok: boolean; detail: string };

/** The health of a Commonplace app answering at APP_URL (or localhost:PORT), if one is running. */
async function runningAppHealth(env: Env): Promise<{ origin: string; health: Health } | null> {
  let origin: string;
  try {
    origin = primaryOrigin(env);
  } catch {
    return null; // a bad APP_URL is the configuration check's to report
  }
  const answer = await fetch(`${origin}/api/health`, { signal: AbortSignal.timeout(3_000) }).catch(() => null);
  if (!answer || (answer.status !== 200 && answer.status !== 503)) return null;
  return { origin, health: (await answer.json()) as Health };
}

type Env = Record<string, string | undefined>;

const message = (error: unknown) => (error instanceof Error ? error.message.split("\n")[0]! : String(error));

/**
 * Checks a deployment's configuration against what it points at, each check independent of the others' outcome:
 * the settings themselves, the database (reachable, every migration applied), the snapshot store (a probe file
 * written, read back and discarded), the RPC (answering, on CHAIN_ID), the contracts (code at each address) and the
 * curators' roles (PUBLISHER_ROLE on the distributor, SLASHER_ROLE on the staking contract).
 */
export async function runDoctor(env: Env = process.env): Promise<DoctorCheck[]> {
  const checks: DoctorCheck[] = [];
  const check = (name: string, ok: boolean, detail: string) => checks.push({ name, ok, detail });

  try {
    checkConfiguration(env);
    check("configuration", true, env.NODE_ENV === "production" ? "every setting, production rules included" : "every setting (NODE_ENV is not production: the production rules were not applied)");
  } catch (error) {
    check("configuration", false, message(error));
  }

  let curators: string[] = [];
  const app = driverFor(env) === "pglite" ? await runningAppHealth(env) : null;
  if (app) {
    // PGlite serves one process: opening its folder beside the running app (npm run dev) could damage it, so the
    // app reports on its own database instead.
    const { health, origin } = app;
    check(
      "database",
      health.ok,
      `embedded PGlite, held by the app at ${origin}: ${health.migrations.applied} of ${health.migrations.expected} migrations applied`,
    );
    curators = health.curators;
  } else {
    let handle: DbHandle | null = null;
    try {
      handle = await openDatabase(env);
      const health = await appHealth(handle.db);
      check(
        "database",
        health.ok,
        health.ok
          ? `${handle.driver}, all ${health.migrations.applied} migrations applied`
          : `${handle.driver}: ${health.migrations.applied} of ${health.migrations.expected} migrations applied (the app applies them when it starts)`,
      );
      curators = health.curators;
    } catch (error) {
      check("database", false, `unreachable: ${message(error)}`);
    } finally {
      await handle?.close().catch(() => {});
    }
  }

  const where = env.SNAPSHOT_STORE || `folder ${env.SNAPSHOT_DIR || ".data/snapshots"}`;
  try {
    const storage = storageFromEnvironment(env);
    // Epoch numbers are positive; this one is far past any real epoch and its file is gone at once.
    const probe = 999_999_999;
    const writer = await storage.writer(probe, "doctor-probe.txt");
    await writer.write(Buffer.from("ok"));
    await writer.close();
    const stat = await storage.stat(probe, "doctor-probe.txt");
    if (stat?.bytes !== 2) throw new Error("the probe file did not read back");
    await storage.remove(probe, "doctor-probe.txt");
    check("snapshot store", true, `${where}: writable`);
  } catch (error) {
    check("snapshot store", false, `${where}: ${message(error)}`);
  }

  const settings = chainSettings(env);
  const client = createPublicClient({ transport: http(settings.rpcUrl, { retryCount: 0, timeout: 5_000 }) });
  let chainOk = false;
  try {
    const chainId = await client.getChainId();
    chainOk = chainId === settings.chainId;
    check("rpc", chainOk, chainOk ? `chain ${chainId}` : `the RPC is chain ${chainId}, CHAIN_ID says ${settings.chainId}`);
  } catch (error) {
    check("rpc", false, `unreachable: ${message(error)}`);
  }
  if (!chainOk) return checks;

  const deployment = readDeployment(settings.chainId, env.DEPLOYMENTS_DIR || undefined);
  if (!deployment) {
    check("contracts", false, `no deployment for chain ${settings.chainId}: run npm run contracts:deploy`);
    return checks;
  }
  const missing: string[] = [];
  for (const [name, address] of [["token", deployment.token], ["distributor", deployment.distributor], ["staking", deployment.staking]] as const) {
    const code = await client.getCode({ address }).catch(() => undefined);
    if (!code || code === "0x") missing.push(`${name} ${address}`);
  }
  check("contracts", missing.length === 0, missing.length === 0 ? `token, distributor and staking have code` : `no code at ${missing.join(", ")}`);
  if (missing.length > 0) return checks;

  if (curators.length === 0) {
    check("roles", false, "no account has the curator role in the database");
    return checks;
  }
  const [publisher, slasher] = await Promise.all([
    client.readContract({ address: deployment.distributor, abi: snapshotDistributorAbi, functionName: "PUBLISHER_ROLE" }),
    client.readContract({ address: deployment.staking, abi: validatorStakingAbi, functionName: "SLASHER_ROLE" }),
  ]);
  const lacking: string[] = [];
  for (const curator of curators) {
    const account = curator as Address;
    const [canPublish, canSlash] = await Promise.all([
      client.readContract({ address: deployment.distributor, abi: snapshotDistributorAbi, functionName: "hasRole", args: [publisher, account] }),
      client.readContract({ address: deployment.staking, abi: validatorStakingAbi, functionName: "hasRole", args: [slasher, account] }),
    ]);
    if (!canPublish) lacking.push(`${curator} lacks PUBLISHER_ROLE on the distributor`);
    if (!canSlash) lacking.push(`${curator} lacks SLASHER_ROLE on the staking contract`);
  }
  check("roles", lacking.length === 0, lacking.length === 0 ? `${curators.length} curator${curators.length === 1 ? "" : "s"} can publish and slash` : lacking.join("; "));
  return checks;
}
