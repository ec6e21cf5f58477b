import { ANVIL_KEYS } from "../chain/anvil-accounts";
import { chainSettings, LOCAL_CHAIN_ID } from "../chain/config";
import { ConfigError } from "./app-origins";

const allowed = (value: string | undefined) => value === "1" || value === "true";

/**
 * With NODE_ENV=production, refuses the local demo's defaults, each with one line saying what to set: anvil's public
 * keys in any `*_PRIVATE_KEY`, the local chain (31337: its burner wallet and faucet) unless ALLOW_LOCAL_CHAIN=1, no
 * database chosen (the embedded PGlite only when PGLITE_DIR names its folder), and snapshot files in a local folder
 * (no SNAPSHOT_STORE bucket) unless ALLOW_LOCAL_STORE=1 says it is durable and shared. APP_URL is required by appOrigins.
 */
export function productionGuards(env: Record<string, string | undefined> = process.env): void {
  if (env.NODE_ENV !== "production") return;
  const known = new Set<string>(ANVIL_KEYS);
  for (const [name, value] of Object.entries(env)) {
    if (name.endsWith("_PRIVATE_KEY") && value && known.has(value.trim().toLowerCase())) {
      throw new ConfigError(`${name} is one of anvil's public demo keys, which anyone can sign with: set a key of your own.`);
    }
  }
  if (chainSettings(env).chainId === LOCAL_CHAIN_ID && !allowed(env.ALLOW_LOCAL_CHAIN)) {
    throw new ConfigError(
      `CHAIN_ID is ${LOCAL_CHAIN_ID}, the local anvil chain with its burner wallet and faucet: set CHAIN_ID and RPC_URL for your chain, or ALLOW_LOCAL_CHAIN=1 to serve the local chain on purpose.`,
    );
  }
  if (!env.DATABASE_URL && !env.POSTGRES_URL && !env.PGLITE_DIR) {
    throw new ConfigError("No database is set: set DATABASE_URL (or POSTGRES_URL on Vercel), or PGLITE_DIR to run the embedded database from that folder on purpose.");
  }
  if (!env.SNAPSHOT_STORE && !allowed(env.ALLOW_LOCAL_STORE)) {
    throw new ConfigError(
      `Snapshot files would go to a local folder (SNAPSHOT_DIR, default .data/snapshots): set SNAPSHOT_STORE=s3://bucket/prefix, or ALLOW_LOCAL_STORE=1 once that folder is durable and shared by every app process and worker.`,
    );
  }
}
