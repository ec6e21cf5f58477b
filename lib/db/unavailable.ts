const UNAVAILABLE_CODES = new Set(["57P01", "57P02", "57P03", "53300", "ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "ENOTFOUND", "EAI_AGAIN"]);
const UNAVAILABLE_MESSAGES = /connection terminated|not queryable|timeout exceeded when trying to connect|connection error/i;

/**
 * Whether an error means the database cannot be reached right now (restarting, failing over,
 * out of connections) rather than that the request was wrong: such requests get a 503 with
 * Retry-After, and node-postgres's pool reconnects by itself once the server is back.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || code.startsWith("08"))) return true;
    if (UNAVAILABLE_MESSAGES.test(e.message) && !/^Failed query/.test(e.message)) return true;
  }
  return false;
}
