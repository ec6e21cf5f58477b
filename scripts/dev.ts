import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { startAnvil, type AnvilInstance } from "../lib/chain/anvil";
import { LOCAL_CHAIN_ID } from "../lib/chain/config";
import { migrateDatabase, openDatabase } from "../lib/db/client";
import { seedDemoContent } from "../lib/devnet/demo-content";
import { DEMO_ACCOUNTS, ensureLocalContracts, seedDemoAccounts } from "../lib/devnet/local-network";
import { readDeployment } from "../lib/chain/deployments";
import { checkChainAgreement, disagreementAdvice } from "../lib/devnet/chain-agreement";
import { chooseStateFile, keepChainState, type ChainStateKeeper } from "../lib/devnet/chain-state";
import { createPublicClient, http } from "viem";

/**
 * `npm run dev`: the whole app on embedded defaults. anvil (its state saved to .data/ after every
 * block, crash-safely), PGlite migrated, the chain checked against what the database says was
 * published, contracts deployed once, demo data seeded (before Next opens PGlite: it serves one
 * process), then `next dev`. Ctrl-C stops every child.
 */
const DATA = join(process.cwd(), ".data");
const ANVIL_PORT = Number(process.env.ANVIL_PORT ?? 8545);
const PORT = Number(process.env.PORT ?? 3000);

const children: ChildProcess[] = [];
let anvil: AnvilInstance | undefined;
let keeper: ChainStateKeeper | undefined;
let stopping = false;

async function main() {
  mkdirSync(DATA, { recursive: true });
  await assertPortFree(ANVIL_PORT, "anvil");
  await assertPortFree(PORT, "Next.js");
  step("starting anvil");
  const stateFile = join(DATA, "anvil-state.json");
  const state = chooseStateFile(stateFile);
  if (state.note) step(state.note);
  anvil = await startAnvil({ port: ANVIL_PORT, chainId: LOCAL_CHAIN_ID, loadState: state.path ?? undefined });
  keeper = keepChainState(anvil.rpcUrl, stateFile);

  const useEmbedded = !process.env.DATABASE_URL && !process.env.POSTGRES_URL;
  step(`migrating the database (${useEmbedded ? "embedded PGlite in .data/pglite" : "DATABASE_URL"})`);
  const db = await openDatabase();
  await migrateDatabase(db);

  // Before anything is deployed anew: the chain must hold what the database says was published.
  const recorded = readDeployment(LOCAL_CHAIN_ID);
  if (recorded) {
    const agreement = await checkChainAgreement(db.db, createPublicClient({ transport: http(anvil.rpcUrl) }), recorded.distributor);
    if (agreement.state === "disagree") {
      await db.close();
      console.error(disagreementAdvice(agreement.problem, ".data"));
      return void (await shutdown(1));
    }
    if (agreement.state === "repaired") {
      step(`the chain had lost the publication of epoch ${agreement.reopened.join(", ")} (its last moments were not saved): publish again from /curator`);
    }
  }

  const { deployment, deployed } = await ensureLocalContracts(anvil.rpcUrl, LOCAL_CHAIN_ID);
  step(deployed ? "deployed the contracts" : "found the contracts on the kept chain");
  await seedDemoAccounts(db.db);
  const seeded = await seedDemoContent(db.db, LOCAL_CHAIN_ID);
  if (seeded > 0) step(`seeded ${seeded} demo items (some already accepted) and a gold item`);
  await db.close();

  step("starting Next.js");
  const next = spawn(process.execPath, [require.resolve("next/dist/bin/next"), "dev", "--port", String(PORT)], {
    stdio: ["ignore", "pipe", "inherit"],
    // Both local names of this machine work for signing in (APP_URL decides, never the Host header).
    env: { APP_URL: `http://localhost:${PORT} http://127.0.0.1:${PORT}`, ...process.env, RPC_URL: anvil.rpcUrl, CHAIN_ID: String(LOCAL_CHAIN_ID), NEXT_TELEMETRY_DISABLED: "1" },
  });
  children.push(next);
  let announced = false;
  next.stdout?.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!announced && /Ready in|✓ Ready/.test(chunk.toString())) {
      announced = true;
      banner(deployment);
    }
  });
  next.on("exit", (code) => {
    if (!stopping) {
      console.error(`Next.js exited (${code ?? "signal"})`);
      void shutdown(1);
    }
  });
}

function banner(deployment: { token: string; distributor: string; staking: string }) {
  const lines = [
    "",
    `  Commonplace is running: http://localhost:${PORT}`,
    `  Local chain (anvil, id ${LOCAL_CHAIN_ID}): http://127.0.0.1:${ANVIL_PORT}`,
    `  Contracts: token ${deployment.token}  distributor ${deployment.distributor}  staking ${deployment.staking}`,
    "",
    "  Demo accounts (anvil's public test keys — never use them on a real chain):",
    ...DEMO_ACCOUNTS.map((a) => `    #${a.index} ${a.role.padEnd(11)} ${a.address}  ${a.privateKey}`),
    "",
    "  No browser wallet? Choose “Burner wallet” in the header: a key kept in your browser, funded from anvil.",
    "  Press Ctrl-C to stop everything. Data is kept in .data/ (delete it to start over).",
    "",
  ];
  console.log(lines.join("\n"));
}

function step(message: string) {
  console.log(`▸ ${message}`);
}

function assertPortFree(port: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", () => reject(new Error(`Port ${port} (${what}) is in use. Stop what is using it, or set ${what === "anvil" ? "ANVIL_PORT" : "PORT"}.`)));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
  });
}

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : undefined)));
  // A last dump before anvil goes, so the next start finds the chain as it was.
  await keeper?.stop();
  await anvil?.stop();
  process.exit(code);
}

process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await shutdown(1);
});
