import { and, asc, eq, inArray, isNotNull, isNull, ne, notExists, notInArray, sql } from "drizzle-orm";
import type { Address } from "viem";
import type { Db } from "../db/client";
import { accounts, submissions, votes } from "../db/schema";
import type { Screening } from "../screening/screen";
import { screeningOf } from "../screening/stored";
import { GOLD_DEFAULTS, mixGold } from "./gold";
import { FLAGGED_FIRST_MIN_REPUTATION, orderQueue, QUEUE_DEFAULTS } from "./queue-order";

/** What a validator sees of an item: never its vote count or, for gold items, that it is gold. */
export type QueueItem = {
  id: string;
  /** What a vote's signature covers (keccak256 of the content). */
  contentHash: string;
  content: string;
  sourceUrl: string | null;
  tags: string[];
  license: string;
  piiFlags: string[];
  nearDuplicate: { id: string; excerpt: string } | null;
  /** The AI screening's hints (why an item is flagged); null on items stored before screening existed. */
  screening: Screening | null;
  submittedAt: string;
};

/** `exclude`: items this browser already set aside (skipped, or voted with the vote still on its way). */
export type QueueOptions = { limit: number; goldRate?: number; exclude?: readonly string[] };

/**
 * The next items for one validator: pending, not theirs, not yet voted by them; items the AI screening flagged first
 * for validators with a record of agreeing and last for the rest; then fewest votes first, then oldest, spread across
 * validators; gold items mixed in at `goldRate`. Without `exclude`, a reviewer who
 * skipped a page's worth of items would be sent the same page again and see an empty queue.
 */
export async function nextForValidator(db: Db, validator: Address, options: QueueOptions): Promise<QueueItem[]> {
  const me = validator.toLowerCase();
  const notVotedByMe = notExists(
    db.select({ one: sql`1` }).from(votes).where(and(eq(votes.submissionId, submissions.id), eq(votes.validator, me))),
  );
  const exclude = options.exclude?.length ? notInArray(submissions.id, [...options.exclude]) : undefined;
  const open = and(eq(submissions.status, "pending"), ne(submissions.contributor, me), notVotedByMe, exclude);
  const [account] = await db.select({ reputation: accounts.reputation }).from(accounts).where(eq(accounts.address, me));
  const flaggedFirst = (account?.reputation ?? 0) >= FLAGGED_FIRST_MIN_REPUTATION;
  const flagged = sql<boolean>`coalesce(${submissions.screeningVerdict} = 'flag', false)`;
  const candidates = await db
    .select({
      id: submissions.id,
      contributor: submissions.contributor,
      voteCount: submissions.voteCount,
      createdAt: submissions.createdAt,
      flagged,
    })
    .from(submissions)
    .where(and(open, isNull(submissions.goldVerdict)))
    .orderBy(flaggedFirst ? sql`${flagged} desc` : asc(flagged), asc(submissions.voteCount), asc(submissions.createdAt))
    .limit(options.limit + QUEUE_DEFAULTS.spreadWindow - 1);
  const page = orderQueue(candidates, me, { flaggedFirst }).slice(0, options.limit);
  const gold = await db
    .select({ id: submissions.id, contributor: submissions.contributor, voteCount: submissions.voteCount, createdAt: submissions.createdAt })
    .from(submissions)
    .where(and(open, isNotNull(submissions.goldVerdict), isNull(submissions.goldRetiredAt)))
    .orderBy(asc(submissions.voteCount), asc(submissions.createdAt))
    .limit(options.limit);
  const seed = `${me}:${page[0]?.id ?? ""}`;
  const ids = mixGold(page, gold, options.goldRate ?? GOLD_DEFAULTS.rate, seed)
    .slice(0, options.limit)
    .map((c) => c.id);
  return loadItems(db, ids);
}

async function loadItems(db: Db, ids: string[]): Promise<QueueItem[]> {
  if (ids.length === 0) return [];
  const rows = await db.select().from(submissions).where(inArray(submissions.id, ids));
  const nearIds = rows.map((r) => r.nearDuplicateOf).filter((id): id is string => !!id);
  const near = nearIds.length
    ? await db.select({ id: submissions.id, content: submissions.content }).from(submissions).where(inArray(submissions.id, nearIds))
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const similar = r.nearDuplicateOf ? near.find((n) => n.id === r.nearDuplicateOf) : undefined;
    return [
      {
        id: r.id,
        contentHash: r.contentHash,
        content: r.content,
        sourceUrl: r.sourceUrl,
        tags: r.tags,
        license: r.license,
        piiFlags: r.piiFlags,
        nearDuplicate: similar ? { id: similar.id, excerpt: similar.content.slice(0, 280) } : null,
        screening: screeningOf(r),
        submittedAt: r.createdAt.toISOString(),
      },
    ];
  });
}
