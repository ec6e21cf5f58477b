import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { log } from "../log";
import * as schema from "./schema";

export type Schema = typeof schema;
/** Every driver's database is a PgDatabase over the same schema, so queries are written once. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Driver = "pglite" | "node-postgres" | "vercel-postgres";
export type DbHandle = { db: Db; driver: Driver; close: () => Promise<void> };

export const MIGRATIONS_FOLDER = resolve(process.cwd(), "drizzle");

export type DbEnv = { DATABASE_URL?: string; POSTGRES_URL?: string; PGLITE_DIR?: string; [name: string]: string | undefined };

/** Picks the driver from the environment: DATABASE_URL → node-postgres, POSTGRES_URL → @vercel/postgres, else embedded PGlite. */
export function driverFor(env: DbEnv): Driver {
  if (env.DATABASE_URL) return "node-postgres";
  if (env.POSTGRES_URL) return "vercel-postgres";
  return "pglite";
}

export async function openDatabase(env: DbEnv = process.env): Promise<DbHandle> {
  const driver = driverFor(env);
  if (driver === "node-postgres") {
    const { Pool } = await import("pg");
    const { drizzle } = await import("drizzle-orm/node-postgres");
    // A server that drops packets instead of refusing must not hold requests until the OS gives up.
    const pool = new Pool({ connectionString: env.DATABASE_URL, max: 20, connectionTimeoutMillis: 5_000 });
    // A client dropped by the server (restart, failover) must not crash the process, idle in the pool
    // or checked out inside a transaction; its query fails (503) and the pool replaces it.
    pool.on("error", (error) => log.warn("db_pool_client_error", { error }));
    pool.on("connect", (client) => client.on("error", (error) => log.warn("db_client_error", { error })));
    return { db: drizzle(pool, { schema }), driver, close: () => pool.end() };
  }
  if (driver === "vercel-postgres") {
    const { createPool } = await import("@vercel/postgres");
    const { drizzle } = await import("drizzle-orm/vercel-postgres");
    const pool = createPool({ connectionString: env.POSTGRES_URL });
    return { db: drizzle(pool, { schema }), driver, close: () => pool.end() };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  const dataDir = env.PGLITE_DIR ?? resolve(process.cwd(), ".data", "pglite");
  if (!dataDir.startsWith("memory://")) mkdirSync(dirname(dataDir), { recursive: true });
  const client = await PGlite.create(dataDir);
  return { db: drizzle(client, { schema }), driver, close: () => client.close() };
}

/** Applies the committed drizzle-kit migrations in drizzle/ (idempotent). */
export async function migrateDatabase(handle: DbHandle): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  if (handle.driver === "node-postgres") {
    const { migrate } = await import("drizzle-orm/node-postgres/migrator");
    await migrate(handle.db as Parameters<typeof migrate>[0], config);
  } else if (handle.driver === "vercel-postgres") {
    const { migrate } = await import("drizzle-orm/vercel-postgres/migrator");
    await migrate(handle.db as Parameters<typeof migrate>[0], config);
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    await migrate(handle.db as Parameters<typeof migrate>[0], config);
  }
}

const globalForDb = globalThis as typeof globalThis & { commonplaceDb?: Promise<DbHandle> };

/** The process-wide database, opened and migrated once (kept on globalThis so dev reloads reuse it). */
export function getDb(): Promise<Db> {
  globalForDb.commonplaceDb ??= openDatabase().then(async (handle) => {
    await migrateDatabase(handle);
    return handle;
  });
  return globalForDb.commonplaceDb.then((h) => h.db);
}

/** Points getDb() at an already-open database: tests and scripts that manage their own handle. */
export function useDatabase(handle: DbHandle): void {
  globalForDb.commonplaceDb = Promise.resolve(handle);
}
