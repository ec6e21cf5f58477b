import type { Profile } from "../accounts/profile";
import { sql } from "drizzle-orm";
import type { Address } from "viem";
import type { Db } from "../db/client";
import { queryRows } from "../db/raw";
import { accounts, decisions, submissions, votes } from "../db/schema";
import { NO_CONSENSUS } from "./consensus";
import { rejectionReason } from "./flags";

const NO_CONSENSUS_REASON = rejectionReason(NO_CONSENSUS);

/**
 * A vote agrees when it matches its item's decision; gold votes when they match the known answer.
 * Items rejected for lack of consensus prove nobody wrong and count neither way.
 */
const agreement = sql`
  case
    when ${submissions.goldVerdict} is not null then (${votes.verdict} = ${submissions.goldVerdict})
    when ${submissions.status} = 'pending' or ${submissions.rejectReason} = ${NO_CONSENSUS_REASON} then null
    else (${votes.verdict} = 'accept') = (${submissions.status} = 'accepted')
  end`;

export type ValidatorSummary = { address: string; reputation: number; votes: number; agreed: number; disagreed: number; agreementRate: number | null; votesToday: number };

/** GET /api/validators/me: the caller's summary with its stake and slashes. */
export type MyValidation = ValidatorSummary & Pick<Profile, "stake" | "slashes">;

export async function validatorSummaries(db: Db, address?: Address): Promise<ValidatorSummary[]> {
  const only = address ? sql`and ${accounts.address} = ${address.toLowerCase()}` : sql``;
  const rows = await queryRows<{ address: string; reputation: number; votes: string; agreed: string; disagreed: string; today: string }>(
    db,
    sql`select ${accounts.address} as address, ${accounts.reputation} as reputation,
          count(${votes.validator}) as votes,
          count(*) filter (where ${agreement} is true) as agreed,
          count(*) filter (where ${agreement} is false) as disagreed,
          count(*) filter (where ${votes.createdAt} >= date_trunc('day', now())) as today
        from ${accounts}
        left join ${votes} on ${votes.validator} = ${accounts.address}
        left join ${submissions} on ${submissions.id} = ${votes.submissionId}
        where ('validator' = any(${accounts.roles}) or ${votes.validator} is not null) ${only}
        group by ${accounts.address}, ${accounts.reputation}
        order by ${accounts.reputation} desc, ${accounts.address}`,
  );
  return rows.map((r) => {
    const agreed = Number(r.agreed);
    const disagreed = Number(r.disagreed);
    return {
      address: r.address,
      reputation: Number(r.reputation),
      votes: Number(r.votes),
      agreed,
      disagreed,
      agreementRate: agreed + disagreed > 0 ? agreed / (agreed + disagreed) : null,
      votesToday: Number(r.today),
    };
  });
}

export type QueueHealth = {
  pending: number;
  decidedToday: number;
  meanVotesToDecision: number | null;
  daily: { day: string; submitted: number; accepted: number; rejected: number }[];
};

/** Queue health for the curator: backlog, throughput, votes needed, and the last `days` days. */
export async function queueHealth(db: Db, days = 14, now = new Date()): Promise<QueueHealth> {
  const [summary] = await queryRows<{ pending: string; decided_today: string; mean_votes: number | null }>(
    db,
    sql`select
          (select count(*) from ${submissions} where ${submissions.status} = 'pending' and ${submissions.goldVerdict} is null) as pending,
          (select count(*) from ${decisions} where ${decisions.decidedAt} >= date_trunc('day', ${now.toISOString()}::timestamptz)) as decided_today,
          (select avg(jsonb_array_length(${decisions.votes}))::float8 from ${decisions}) as mean_votes`,
  );
  const daily = await queryRows<{ day: string; submitted: string; accepted: string; rejected: string }>(
    db,
    sql`select to_char(d.day, 'YYYY-MM-DD') as day,
          (select count(*) from ${submissions} where ${submissions.goldVerdict} is null and date_trunc('day', ${submissions.createdAt}) = d.day) as submitted,
          (select count(*) from ${decisions} where ${decisions.outcome} = 'accepted' and date_trunc('day', ${decisions.decidedAt}) = d.day) as accepted,
          (select count(*) from ${decisions} where ${decisions.outcome} = 'rejected' and date_trunc('day', ${decisions.decidedAt}) = d.day) as rejected
        from generate_series(date_trunc('day', ${now.toISOString()}::timestamptz) - make_interval(days => ${days - 1}),
                             date_trunc('day', ${now.toISOString()}::timestamptz), interval '1 day') as d(day)
        order by d.day`,
  );
  return {
    pending: Number(summary?.pending ?? 0),
    decidedToday: Number(summary?.decided_today ?? 0),
    meanVotesToDecision: summary?.mean_votes ?? null,
    daily: daily.map((d) => ({ day: d.day, submitted: Number(d.submitted), accepted: Number(d.accepted), rejected: Number(d.rejected) })),
  };
}

export type GoldItemStats = { id: string; excerpt: string; answer: "accept" | "reject"; answers: number; correct: number; retired: boolean };

export async function goldItems(db: Db): Promise<GoldItemStats[]> {
  const rows = await queryRows<{ id: string; content: string; answer: "accept" | "reject"; answers: string; correct: string; retired: boolean }>(
    db,
    sql`select ${submissions.id} as id, ${submissions.content} as content, ${submissions.goldVerdict} as answer,
          ${submissions.goldRetiredAt} is not null as retired,
          count(${votes.validator}) as answers,
          count(*) filter (where ${votes.verdict} = ${submissions.goldVerdict}) as correct
        from ${submissions} left join ${votes} on ${votes.submissionId} = ${submissions.id}
        where ${submissions.goldVerdict} is not null
        group by ${submissions.id} order by ${submissions.createdAt} desc`,
  );
  return rows.map((r) => ({ id: r.id, excerpt: r.content.slice(0, 160), answer: r.answer, answers: Number(r.answers), correct: Number(r.correct), retired: r.retired }));
}
