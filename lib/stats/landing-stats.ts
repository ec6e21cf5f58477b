import "server-only";
import { unstable_cache } from "next/cache";
import { PROCESS_CACHE_SCOPE } from "../cache/process-scope";
import { getDb } from "../db/client";
import { getNetworkStats, type NetworkStats } from "./network-stats";

/** The tag of the landing counts: every route that changes one of them declares it (RouteSpec.revalidates). */
export const NETWORK_STATS_TAG = "network-stats";

/**
 * The most seconds the landing counts may lag a write made through another app process. Next's
 * cache (and the revalidation of a tag) lives in each process: the process that takes a write
 * drops its copy at once, the others keep theirs until it is this old, and the first request
 * after that is still answered from it while the fresh counts load.
 */
export const NETWORK_STATS_MAX_AGE_S = 10;

/** The landing page's counts (an 8-count query) from Next's data cache instead of once per request. */
export const landingStats: () => Promise<NetworkStats> = unstable_cache(async () => getNetworkStats(await getDb()), ["network-stats", PROCESS_CACHE_SCOPE], {
  tags: [NETWORK_STATS_TAG],
  revalidate: NETWORK_STATS_MAX_AGE_S,
});
