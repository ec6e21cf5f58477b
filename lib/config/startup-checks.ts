import { chainLogRange } from "../chain/config";
import { trustedProxyHops } from "../http/client-address";
import { rateLimitRule, RATE_LIMITS, type RateLimitName } from "../http/rate-limit-rules";
import { log } from "../log";
import { slashingSettings } from "../curation/slashing";
import { exportWorkerSettings } from "../snapshots/export-worker";
import { parseS3Url } from "../snapshots/s3-storage";
import { appOrigins } from "./app-origins";
import { productionGuards } from "./production-guards";
import { screeningSettings } from "./screening";
import { webConcurrency } from "./web-concurrency";

/** Every setting the server reads, checked at once; throws ConfigError naming what to set. */
export function checkConfiguration(env: Record<string, string | undefined> = process.env): void {
  appOrigins(env);
  productionGuards(env);
  trustedProxyHops(env);
  webConcurrency(env);
  for (const name of Object.keys(RATE_LIMITS) as RateLimitName[]) rateLimitRule(name, env);
  slashingSettings(env);
  exportWorkerSettings(env);
  chainLogRange(env);
  screeningSettings(env);
  if (env.SNAPSHOT_STORE) parseS3Url(env.SNAPSHOT_STORE);
}

/** Stops the process with one line saying what to set, before it serves anything on a wrong configuration. */
export function refuseBadConfiguration(): void {
  try {
    checkConfiguration();
  } catch (error) {
    log.error("configuration_refused", { message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
}
