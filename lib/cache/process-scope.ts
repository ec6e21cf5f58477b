import { randomUUID } from "node:crypto";

/**
 * Part of every data-cache key (unstable_cache). Next also keeps those entries in .next/cache on
 * disk, which outlives the process, and the next process may run on another database (a fresh
 * test or bench one): scoped to the process, an entry is never read by the one after it.
 */
export const PROCESS_CACHE_SCOPE = randomUUID();
