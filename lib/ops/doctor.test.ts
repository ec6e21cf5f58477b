import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer, type Server } from "node:http";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as healthRoute } from "@/app/api/health/route";
import { startTestChain, type TestChain } from "@/contracts/fixtures";
import { LOCAL_CHAIN_ID } from "../chain/config";
import { writeDeployment } from "../chain/deployments";
import { migrateDatabase, openDatabase, useDatabase } from "../db/client";
import { accounts } from "../db/schema";
import { dropDatabase, recreateDatabase } from "../db/server-databases";
import { startS3Server, type S3TestServer } from "../testing/s3-server";
import { runDoctor } from "./doctor";

let chain: TestChain;
let bucket: S3TestServer;
let dir: string;
let env: Record<string, string>;
const serverUrl = process.env.DATABASE_URL;
const DB_NAME = `commonplace_doctor_${process.pid}`;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "doctor-"));
  chain = await startTestChain();
  bucket = await startS3Server("doctor");
  writeDeployment(LOCAL_CHAIN_ID, chain.deployment, join(dir, "deployments"));
  const dbEnv: Record<string, string> = serverUrl ? { DATABASE_URL: await recreateDatabase(serverUrl, DB_NAME) } : { PGLITE_DIR: join(dir, "pglite") };
  const handle = await openDatabase(dbEnv);
  await migrateDatabase(handle);
  await handle.db.insert(accounts).values({ address: chain.accounts[0]!.toLowerCase(), roles: ["curator"] });
  await handle.close();
  env = { ...dbEnv, ...bucket.env, CHAIN_ID: String(LOCAL_CHAIN_ID), RPC_URL: chain.anvil.rpcUrl, DEPLOYMENTS_DIR: join(dir, "deployments"), LOG_LEVEL: "silent" };
}, 120_000);

afterAll(async () => {
  await chain?.stop();
  await bucket?.stop().catch(() => {});
  if (serverUrl) await dropDatabase(serverUrl, DB_NAME);
  await rm(dir, { recursive: true, force: true });
});

const failing = (checks: { name: string; ok: boolean }[]) => checks.filter((c) => !c.ok).map((c) => c.name);

/** The app's real /api/health handler on a local port, over the database the app uses: a running `npm run dev`. */
async function serveHealth(): Promise<{ origin: string; server: Server }> {
  const server = createServer((req, res) => {
    void healthRoute(new NextRequest(`http://localhost${req.url}`), undefined).then(async (answer) => {
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(Buffer.from(await answer.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("no address");
  return { origin: `http://127.0.0.1:${address.port}`, server };
}

describe("npm run doctor", () => {
  it("is all green on a working setup: database migrated, bucket writable, RPC on its chain, contracts with code, curator roles held", async () => {
    const checks = await runDoctor(env);
    expect(failing(checks)).toEqual([]);
    expect(checks.map((c) => c.name)).toEqual(["configuration", "database", "snapshot store", "rpc", "contracts", "roles"]);
    expect(checks.find((c) => c.name === "roles")?.detail).toBe("1 curator can publish and slash");
  });

  it("with the embedded database held by a running app, asks the app instead of opening the folder", async () => {
    if (serverUrl) return; // the embedded database's case; on a server every process opens it
    const handle = await openDatabase(env);
    useDatabase(handle);
    const app = await serveHealth();
    try {
      const checks = await runDoctor({ ...env, APP_URL: app.origin });
      expect(failing(checks)).toEqual([]);
      expect(checks.find((c) => c.name === "database")?.detail).toMatch(new RegExp(`^embedded PGlite, held by the app at ${app.origin}: (\\d+) of \\1 migrations applied$`));
      expect(checks.find((c) => c.name === "roles")?.detail).toBe("1 curator can publish and slash");
    } finally {
      await new Promise((resolve) => app.server.close(resolve));
      await handle.close();
    }
  });

  it("names what is wrong: a wrong chain, a curator without roles, an RPC that does not answer, a stopped bucket", async () => {
    expect(failing(await runDoctor({ ...env, CHAIN_ID: "8453" }))).toEqual(["rpc"]);

    const handle = await openDatabase(env);
    const stranger = "0x" + "5e".repeat(20);
    await handle.db.insert(accounts).values({ address: stranger, roles: ["curator"] });
    await handle.close();
    const roles = (await runDoctor(env)).find((c) => c.name === "roles");
    expect(roles).toMatchObject({ ok: false, detail: `${stranger} lacks PUBLISHER_ROLE on the distributor; ${stranger} lacks SLASHER_ROLE on the staking contract` });

    expect((await runDoctor({ ...env, RPC_URL: "http://127.0.0.1:9" })).find((c) => c.name === "rpc")).toMatchObject({ ok: false, detail: expect.stringMatching(/^unreachable/) });

    await bucket.stop();
    const store = (await runDoctor(env)).find((c) => c.name === "snapshot store");
    expect(store).toMatchObject({ ok: false, detail: expect.stringMatching(/^s3:\/\/commonplace-test\/doctor: /) });
  }, 60_000);
});
