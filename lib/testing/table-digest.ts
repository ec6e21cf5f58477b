import { getTableName, is, sql } from "drizzle-orm";
import { PgTable } from "drizzle-orm/pg-core";
import type { Db } from "../db/client";
import { queryRows } from "../db/raw";
import * as schema from "../db/schema";

/** Every table of the schema but the rate-limit counters, which count refused requests too by design. */
const TABLES = (Object.values(schema) as unknown[])
  .filter((value): value is PgTable => is(value, PgTable))
  .map((table) => getTableName(table))
  .filter((name) => name !== "rate_limit_windows");

/**
 * A fingerprint of everything the app stores: equal before and after a request means the request
 * changed nothing (no row added, removed or altered in any table).
 */
export async function tableDigest(db: Db): Promise<Record<string, string>> {
  const digest: Record<string, string> = {};
  for (const name of TABLES) {
    const [row] = await queryRows<{ digest: string | null; n: number }>(
      db,
      sql`select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest, count(*)::int as n from ${sql.identifier(name)} t`,
    );
    digest[name] = `${row?.n ?? 0}:${row?.digest ?? ""}`;
  }
  return digest;
}
