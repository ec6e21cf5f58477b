import { availableParallelism } from "node:os";
import { driverFor } from "../db/client";
import { ConfigError } from "./app-origins";

/**
 * WEB_CONCURRENCY: how many app processes `npm start` runs on one port (Node's cluster module hands
 * connections round-robin). Default 1, as a container per process is the usual way to scale; `auto`
 * means one per core. Every process shares its state through Postgres (sessions, rate limits, the
 * export queue), so any count is safe.
 */
export function webConcurrency(env: Record<string, string | undefined> = process.env): number {
  const value = env.WEB_CONCURRENCY?.trim() || "1";
  if (value !== "auto" && (!/^\d{1,3}$/.test(value) || Number(value) < 1))
    throw new ConfigError(`WEB_CONCURRENCY is "${value}": give a number of app processes (1 or more), or auto for one per core.`);
  const count = value === "auto" ? availableParallelism() : Number(value);
  if (count > 1 && driverFor(env) === "pglite")
    throw new ConfigError(`WEB_CONCURRENCY is ${value}, but the embedded database (PGlite) belongs to one process: set DATABASE_URL to a Postgres server, or run one process.`);
  return count;
}
