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

/** One query: each table's row count and an md5 over its rows in a fixed order. */
const DIGEST_QUERY = sql.join(
  TABLES.map(
    (name) =>
      sql`select ${name} as name, count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as digest from ${sql.identifier(name)} t`,
  ),
  sql` union all `,
);

/**
 * A fingerprint of everything the app stores: equal before and after a request means the request
 * changed nothing (no row added, removed or altered in any table).
 */
export async function tableDigest(db: Db): Promise<Record<string, string>> {
  const rows = await queryRows<{ name: string; n: number; digest: string }>(db, DIGEST_QUERY);
  return Object.fromEntries(rows.map((r) => [r.name, `${r.n}:${r.digest}`]));
}
