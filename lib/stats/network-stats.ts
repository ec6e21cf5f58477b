import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { queryRows } from "../db/raw";
import { accounts, snapshots, submissions, votes } from "../db/schema";

export type NetworkStats = {
  contributors: number;
  validators: number;
  pending: number;
  accepted: number;
  rejected: number;
  votes: number;
  snapshots: number;
  publishedSnapshots: number;
};

/** Live counts for the landing page, in one round trip. */
export async function getNetworkStats(db: Db): Promise<NetworkStats> {
  const [row] = await queryRows<Record<keyof NetworkStats, number | string>>(
    db,
    sql`
    select
      (select count(distinct ${submissions.contributor}) from ${submissions} where ${submissions.goldVerdict} is null) as contributors,
      (select count(*) from ${accounts} where 'validator' = any(${accounts.roles})) as validators,
      (select count(*) from ${submissions} where ${submissions.status} = 'pending' and ${submissions.goldVerdict} is null) as pending,
      (select count(*) from ${submissions} where ${submissions.status} = 'accepted' and ${submissions.goldVerdict} is null) as accepted,
      (select count(*) from ${submissions} where ${submissions.status} = 'rejected' and ${submissions.goldVerdict} is null) as rejected,
      (select count(*) from ${votes}) as votes,
      (select count(*) from ${snapshots}) as snapshots,
      (select count(*) from ${snapshots} where ${snapshots.status} = 'published') as "publishedSnapshots"
  `,
  );
  if (!row) throw new Error("stats query returned no row");
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, Number(v)])) as NetworkStats;
}
