import { ConfigError } from "../config/app-origins";

export type RateLimit = { limit: number; windowSeconds: number };

/**
 * Every endpoint names one of these. The rule counts per signed-in address, and per client IP
 * at CLIENT_FACTOR times the rule (people behind one NAT share an address); anonymous requests
 * count per client IP only. Each can be changed with RATE_LIMIT_<NAME>=count/seconds.
 */
export const RATE_LIMITS = {
  nonce: { rule: { limit: 30, windowSeconds: 60 }, what: "sign-in requests" },
  "sign-in": { rule: { limit: 20, windowSeconds: 60 }, what: "sign-in attempts" },
  session: { rule: { limit: 120, windowSeconds: 60 }, what: "requests" },
  reads: { rule: { limit: 600, windowSeconds: 60 }, what: "requests" },
  submissions: { rule: { limit: 20, windowSeconds: 60 }, what: "submissions" },
  votes: { rule: { limit: 120, windowSeconds: 60 }, what: "votes" },
  "voting-keys": { rule: { limit: 20, windowSeconds: 600 }, what: "voting-key changes" },
  gold: { rule: { limit: 30, windowSeconds: 60 }, what: "gold items" },
  grants: { rule: { limit: 30, windowSeconds: 60 }, what: "validator grants" },
  snapshots: { rule: { limit: 3, windowSeconds: 600 }, what: "snapshots" },
  publication: { rule: { limit: 30, windowSeconds: 60 }, what: "publication checks" },
  slashes: { rule: { limit: 30, windowSeconds: 60 }, what: "slashing requests" },
} as const satisfies Record<string, { rule: RateLimit; what: string }>;

export type RateLimitName = keyof typeof RATE_LIMITS;

export const CLIENT_FACTOR = 4;
/** Windows end within an hour, so rows older than that are never read again. */
export const MAX_WINDOW_SECONDS = 3600;

/** "20/60" → 20 per 60 seconds. */
export function parseRateLimit(spec: string, variable: string): RateLimit {
  const match = /^(\d{1,9})\/(\d{1,4})$/.exec(spec.trim());
  const rule = match ? { limit: Number(match[1]), windowSeconds: Number(match[2]) } : null;
  if (!rule || rule.limit < 1 || rule.windowSeconds < 1 || rule.windowSeconds > MAX_WINDOW_SECONDS)
    throw new ConfigError(`${variable} is "${spec}": write count/seconds, e.g. 20/60 (a window of 1 to ${MAX_WINDOW_SECONDS} s).`);
  return rule;
}

export function rateLimitRule(name: RateLimitName, env: Record<string, string | undefined> = process.env): RateLimit {
  const variable = `RATE_LIMIT_${name.toUpperCase().replaceAll("-", "_")}`;
  const spec = env[variable];
  return spec ? parseRateLimit(spec, variable) : RATE_LIMITS[name].rule;
}
