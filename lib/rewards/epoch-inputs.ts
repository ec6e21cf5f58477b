import { eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { queryRows } from "../db/raw";
import { rewardAllocations } from "../db/schema";
import { NO_CONSENSUS } from "../curation/consensus";
import { rejectionReason } from "../curation/flags";
import { addWeight, contributionWeight, normalizeAddress, type Contribution, type ValidatorAgreement } from "./allocation";

const PAGE = 5_000;

export type EpochContribution = Contribution & { submissionId: string };

/**
 * The items epoch N newly froze (in no earlier epoch), in snapshot order, read in closed ranges of
 * positions like the dataset rows: one item per row of rewards.json's inputs, never all at once.
 */
export async function* epochContributions(db: Db, epoch: number, pageSize = PAGE): AsyncIterable<EpochContribution> {
  const [range] = await queryRows<{ last: number | string | null }>(db, sql`select max(position) as last from snapshot_items where epoch = ${epoch}`);
  const last = range?.last === null || range?.last === undefined ? -1 : Number(range.last);
  for (let from = 0; from <= last; from += pageSize) {
    const page = await queryRows<EpochContribution>(
      db,
      sql`select s.id as "submissionId", s.contributor as address, s.quality as quality
          from snapshot_items i join submissions s on s.id = i.submission_id
          where i.epoch = ${epoch} and i.position between ${from} and ${from + pageSize - 1}
            and not exists (select 1 from snapshot_items p where p.submission_id = i.submission_id and p.epoch < ${epoch})
          order by i.position`,
    );
    for (const c of page) yield { submissionId: c.submissionId, address: c.address, quality: Number(c.quality) };
  }
}

/**
 * What epoch N pays for, read from the database: the items it newly froze (by quality, to their
 * contributors, summed per address while streaming: one number per contributor, not one object per
 * item) and the votes on items decided after the previous cut-off up to this one that agreed with
 * the decision (to their validators). No-consensus rejections pay no validator.
 */
export async function epochRewardInputs(db: Db, epoch: number, previousCutoff: Date | null, cutoff: Date) {
  const contributorWeights = await contributorWeightsOf(epochContributions(db, epoch));
  const after = previousCutoff ? sql`and s.decided_at > ${previousCutoff.toISOString()}::timestamptz` : sql``;
  const agreements = await queryRows<{ address: string; agreed: string | number }>(
    db,
    sql`select v.validator as address, count(*) as agreed
        from votes v join submissions s on s.id = v.submission_id
        where s.gold_verdict is null and s.status in ('accepted','rejected')
          and s.decided_at <= ${cutoff.toISOString()}::timestamptz ${after}
          and coalesce(s.reject_reason, '') <> ${rejectionReason(NO_CONSENSUS)}
          and (v.verdict = 'accept') = (s.status = 'accepted')
        group by v.validator order by v.validator`,
  );
  const validatorAgreements: ValidatorAgreement[] = agreements.map((a) => ({ address: a.address, agreedVotes: Number(a.agreed) }));
  return { contributorWeights, validatorAgreements };
}

/** allocateEpoch's contributor weights, from contributions that stream. */
async function contributorWeightsOf(contributions: AsyncIterable<Contribution>): Promise<Map<string, bigint>> {
  const weights = new Map<string, bigint>();
  for await (const { address, quality } of contributions) addWeight(weights, normalizeAddress(address), contributionWeight(quality, address));
  return weights;
}

/** Cumulative amounts after `epoch` (every address of its reward tree). */
export async function cumulativeAfter(db: Db, epoch: number): Promise<Map<string, bigint>> {
  if (epoch < 1) return new Map();
  const rows = await db
    .select({ address: rewardAllocations.address, cumulative: rewardAllocations.cumulative })
    .from(rewardAllocations)
    .where(eq(rewardAllocations.epoch, epoch));
  return new Map(rows.map((r) => [r.address, r.cumulative]));
}
