import { RATE_LIMITS } from "../http/rate-limit-rules";

/**
 * RATE_LIMIT_* variables that lift every limit: for test servers and test files where every
 * request comes from one client, except the tests that exercise the limits themselves.
 */
export function relaxedRateLimits(): Record<string, string> {
  return Object.fromEntries(Object.keys(RATE_LIMITS).map((name) => [`RATE_LIMIT_${name.toUpperCase().replaceAll("-", "_")}`, "100000/60"]));
}
