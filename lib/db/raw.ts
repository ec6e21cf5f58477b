import type { SQL } from "drizzle-orm";
import type { Db } from "./client";

/**
 * Runs a raw SQL query and returns its rows. Every driver we use (node-postgres, PGlite,
 * @vercel/postgres) answers `execute` with `{ rows }`; the generic PgDatabase type cannot know that.
 */
export async function queryRows<Row>(db: Db, query: SQL): Promise<Row[]> {
  const result = (await db.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
