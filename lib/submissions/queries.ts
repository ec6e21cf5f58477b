import { and, arrayContains, desc, eq, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../db/client";
import { queryRows } from "../db/raw";
import { SUBMISSION_STATUSES, submissions } from "../db/schema";
import { ApiError } from "../http/api-error";
import type { Screening } from "../screening/screen";
import { screeningOf } from "../screening/stored";
import { TAG_PATTERN } from "./tags";

export const listQuerySchema = z.object({
  mine: z.literal("1", { message: "Only your own submissions can be listed: pass mine=1." }),
  status: z.enum(SUBMISSION_STATUSES).optional(),
  tag: z.string().regex(TAG_PATTERN, "Unknown tag format.").optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

const cursorSchema = z.tuple([z.iso.datetime(), z.uuid()]);

/** Keyset pagination over (created_at, id), newest first: stable while new items arrive. */
function decodeCursor(cursor: string): [Date, string] {
  try {
    const [at, id] = cursorSchema.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return [new Date(at), id];
  } catch {
    throw new ApiError(400, "invalid_cursor", "The page cursor is not valid.", "cursor");
  }
}

const encodeCursor = (at: Date, id: string) => Buffer.from(JSON.stringify([at.toISOString(), id])).toString("base64url");

export type MySubmission = {
  id: string;
  content: string;
  sourceUrl: string | null;
  tags: string[];
  license: string;
  status: (typeof SUBMISSION_STATUSES)[number];
  voteCount: number;
  quality: number | null;
  rejectReason: string | null;
  nearDuplicateOf: string | null;
  piiFlags: string[];
  /** Null for items stored before screening existed. */
  screening: Screening | null;
  createdAt: string;
  decidedAt: string | null;
};

export async function listContributorSubmissions(db: Db, contributor: string, query: ListQuery) {
  const conditions: SQL[] = [eq(submissions.contributor, contributor.toLowerCase())];
  if (query.status) conditions.push(eq(submissions.status, query.status));
  if (query.tag) conditions.push(arrayContains(submissions.tags, [query.tag]));
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor);
    const before = or(lt(submissions.createdAt, at), and(eq(submissions.createdAt, at), lt(submissions.id, id)));
    if (before) conditions.push(before);
  }
  const rows = await db
    .select()
    .from(submissions)
    .where(and(...conditions))
    .orderBy(desc(submissions.createdAt), desc(submissions.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  const items: MySubmission[] = page.map((r) => ({
    id: r.id,
    content: r.content,
    sourceUrl: r.sourceUrl,
    tags: r.tags,
    license: r.license,
    status: r.status,
    voteCount: r.voteCount,
    quality: r.quality,
    rejectReason: r.rejectReason,
    nearDuplicateOf: r.nearDuplicateOf,
    piiFlags: r.piiFlags,
    screening: screeningOf(r),
    createdAt: r.createdAt.toISOString(),
    decidedAt: r.decidedAt?.toISOString() ?? null,
  }));
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

/** The most used tags, for the form's suggestions. */
export async function topTags(db: Db, limit = 20): Promise<{ tag: string; count: number }[]> {
  const rows = await queryRows<{ tag: string; count: string | number }>(
    db,
    // Gold items' tags stay out: a suggestion only gold items carry would tell validators which items are gold.
    sql`select tag, count(*) as count from ${submissions}, unnest(${submissions.tags}) as tag
        where ${submissions.goldVerdict} is null
        group by tag order by count(*) desc, tag asc limit ${limit}`,
  );
  return rows.map((r) => ({ tag: r.tag, count: Number(r.count) }));
}
