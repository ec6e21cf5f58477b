/** SQLSTATEs and system errors of a database that cannot serve right now (restarting, failing over, out of connections). */
const UNAVAILABLE_CODES = new Set([
  "57P01", "57P02", "57P03", "53300",
  "ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN",
]);
/** Serialization failures and deadlocks: the transaction was rolled back whole and can simply be sent again. */
const RETRYABLE_CODES = new Set(["40001", "40P01"]);
/** node-postgres's own errors carry no code, only these messages. */
const UNAVAILABLE_MESSAGES = new Set([
  "Connection terminated unexpectedly",
  "Connection terminated due to connection timeout",
  "Client has encountered a connection error and is not queryable",
  "Client was closed and is not queryable",
  "timeout exceeded when trying to connect",
]);

/**
 * Whether an error means the request can be sent again as it is: the database could not be
 * reached, or rolled the transaction back to resolve a conflict. Such requests get a 503 with
 * Retry-After (nothing was written), and node-postgres's pool reconnects by itself. Drizzle wraps
 * errors in "Failed query: …", so the cause chain (and AggregateError's members) is walked.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  const seen: unknown[] = [error];
  for (let i = 0; i < seen.length && i < 10; i++) {
    const e = seen[i];
    if (!(e instanceof Error)) continue;
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || RETRYABLE_CODES.has(code) || (code.startsWith("08") && code !== "08P01"))) return true;
    if (code === undefined && UNAVAILABLE_MESSAGES.has(e.message)) return true;
    if (e.cause) seen.push(e.cause);
    if (e instanceof AggregateError) seen.push(...e.errors);
  }
  return false;
}
