import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { submissions, votes } from "../db/schema";
import type { LoadLog } from "./load";

export type Durability = {
  missingSubmissions: number;
  missingVotes: number;
  /** Stored although the client got no 201: a commit whose answer was lost (harmless, but a retry meets a 409). */
  unacknowledgedSubmissions: number;
  unacknowledgedVotes: number;
  /** Items whose vote_count disagrees with their votes: a vote and its count must commit together. */
  voteCountMismatches: number;
};

/** Compares what the app acknowledged with what the database holds afterwards (the soak's database holds nothing else). */
export async function checkDurability(db: Db, log: LoadLog): Promise<Durability> {
  const storedSubmissions = new Set((await db.select({ id: submissions.id }).from(submissions)).map((r) => r.id));
  const storedVotes = new Set(
    (await db.select({ submissionId: votes.submissionId, validator: votes.validator }).from(votes)).map((v) => `${v.submissionId}/${v.validator}`),
  );
  const ackedSubmissions = new Set(log.submissions);
  const ackedVotes = new Set(log.votes.map((v) => `${v.submissionId}/${v.validator}`));
  const [mismatch] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(submissions)
    .where(sql`${submissions.voteCount} <> (select count(*) from ${votes} where ${votes.submissionId} = ${submissions.id})`);
  return {
    missingSubmissions: [...ackedSubmissions].filter((id) => !storedSubmissions.has(id)).length,
    missingVotes: [...ackedVotes].filter((key) => !storedVotes.has(key)).length,
    unacknowledgedSubmissions: [...storedSubmissions].filter((id) => !ackedSubmissions.has(id)).length,
    unacknowledgedVotes: [...storedVotes].filter((key) => !ackedVotes.has(key)).length,
    voteCountMismatches: mismatch?.count ?? 0,
  };
}
