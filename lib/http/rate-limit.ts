import { and, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { rateLimitWindows } from "../db/schema";
import { ApiError } from "./api-error";

export type RateLimit = { limit: number; windowSeconds: number };

/** "20/60" → 20 per 60 seconds. */
export function parseRateLimit(spec: string | undefined, fallback: RateLimit): RateLimit {
  const match = /^(\d+)\/(\d+)$/.exec(spec ?? "");
  return match ? { limit: Number(match[1]), windowSeconds: Number(match[2]) } : fallback;
}

/**
 * Counts one hit against `key` in the current fixed window with a single atomic upsert, so
 * concurrent requests on any number of server instances cannot slip past the limit. Over the
 * limit → 429 with Retry-After (seconds until the window ends).
 */
export async function takeRateLimit(db: Db, key: string, rule: RateLimit, now = new Date()): Promise<void> {
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const [row] = await db
    .insert(rateLimitWindows)
    .values({ key, windowStart, hits: 1 })
    .onConflictDoUpdate({ target: [rateLimitWindows.key, rateLimitWindows.windowStart], set: { hits: sql`${rateLimitWindows.hits} + 1` } })
    .returning({ hits: rateLimitWindows.hits });
  // The first hit of a window clears this key's older windows, so the table stays one row per active key.
  if (row?.hits === 1) await db.delete(rateLimitWindows).where(and(eq(rateLimitWindows.key, key), lt(rateLimitWindows.windowStart, windowStart)));
  if ((row?.hits ?? 0) <= rule.limit) return;
  const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  throw new ApiError(429, "rate_limited", `Too many submissions. Try again in ${retryAfter} s.`, undefined, { "retry-after": String(retryAfter) });
}
