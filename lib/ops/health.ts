import { readFileSync } from "node:fs";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { MIGRATIONS_FOLDER } from "../db/client";
import { queryRows } from "../db/raw";

export type Health = {
  ok: boolean;
  migrations: { applied: number; expected: number };
  /** Accounts with the curator role: public already, as the wallets that publish epochs on-chain. */
  curators: string[];
};

let expected: number | null = null;

/** How many migrations drizzle/ holds: read once per process (they change only with a new build). */
function expectedMigrations(): number {
  expected ??= (JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: unknown[] }).entries.length;
  return expected;
}

/** What a load balancer or `npm run doctor` asks of a running app: its database answers and is fully migrated. */
export async function appHealth(db: Db): Promise<Health> {
  const total = expectedMigrations();
  const [applied] = await queryRows<{ n: string | number }>(db, sql`select count(*) as n from drizzle.__drizzle_migrations`).catch(() => [{ n: 0 }]);
  const curators = await queryRows<{ address: string }>(db, sql`select address from accounts where 'curator' = any(roles) order by address`);
  const count = Number(applied?.n ?? 0);
  return { ok: count === total, migrations: { applied: count, expected: total }, curators: curators.map((c) => c.address) };
}
