import "server-only";
import { lt, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { rateLimitWindows } from "../db/schema";
import { ApiError } from "./api-error";
import { CLIENT_FACTOR, MAX_WINDOW_SECONDS, RATE_LIMITS, rateLimitRule, type RateLimitName } from "./rate-limit-rules";

export type RateLimitSubject = { address?: string | null; client: string | null };

/**
 * Counts one hit for the address and for the client in their current fixed windows with a
 * single multi-row upsert (keys in a fixed order, so concurrent requests never deadlock), so any
 * number of server processes share the counts. Over the limit → 429 with Retry-After.
 */
export async function takeRateLimit(db: Db, name: RateLimitName, subject: RateLimitSubject, now = new Date()): Promise<void> {
  const rule = rateLimitRule(name);
  const windowMs = rule.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const limits = new Map<string, number>();
  if (subject.address) limits.set(`${name}|a|${subject.address.toLowerCase()}`, rule.limit);
  // An unknown client (no trusted address for it) shares one counter with every other unknown client.
  limits.set(`${name}|c|${subject.client ?? "unknown"}`, subject.address ? rule.limit * CLIENT_FACTOR : rule.limit);
  const keys = [...limits.keys()].sort();
  const rows = await db
    .insert(rateLimitWindows)
    .values(keys.map((key) => ({ key, windowStart, hits: 1 })))
    .onConflictDoUpdate({ target: [rateLimitWindows.key, rateLimitWindows.windowStart], set: { hits: sql`${rateLimitWindows.hits} + 1` } })
    .returning({ key: rateLimitWindows.key, hits: rateLimitWindows.hits });
  // A new window somewhere: the moment to forget windows nobody can hit any more.
  if (rows.some((r) => r.hits === 1)) await db.delete(rateLimitWindows).where(lt(rateLimitWindows.windowStart, new Date(now.getTime() - MAX_WINDOW_SECONDS * 1000)));
  if (!rows.some((r) => r.hits > (limits.get(r.key) ?? Infinity))) return;
  const retryAfter = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000));
  throw new ApiError(429, "rate_limited", `Too many ${RATE_LIMITS[name].what}. Try again in ${retryAfter} s.`, undefined, { "retry-after": String(retryAfter) });
}
