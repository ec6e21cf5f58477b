type Level = "debug" | "info" | "warn" | "error";

/** What of an error may be logged: the fields below. */
type LoggedError = { name: string; code?: string; constraint?: string; query?: string; at?: string };

/**
 * An error as a log field without anything a user sent: no message (database errors quote the
 * failed SQL with every parameter, viem errors quote signatures, JSON errors quote the body),
 * only its class, its code, the constraint and the query's name (its verb and table), and the
 * first stack frame to find the place.
 */
export function loggableError(error: unknown): LoggedError {
  if (!(error instanceof Error)) return { name: typeof error };
  const cause = error.cause instanceof Error ? (error.cause as Error & { code?: unknown; constraint?: unknown }) : undefined;
  const own = error as Error & { code?: unknown; constraint?: unknown; query?: unknown };
  const code = typeof own.code === "string" ? own.code : typeof cause?.code === "string" ? cause.code : undefined;
  const constraint = typeof own.constraint === "string" ? own.constraint : typeof cause?.constraint === "string" ? cause.constraint : undefined;
  return {
    name: error.name,
    ...(code ? { code } : {}),
    ...(constraint ? { constraint } : {}),
    ...(typeof own.query === "string" ? { query: queryName(own.query) } : {}),
    ...(stackFrame(error) ? { at: stackFrame(error) } : {}),
  };
}

/** "insert into \"submissions\" (…) values ($1, …)" → "insert submissions": which query, never its values. */
export function queryName(sql: string): string {
  const text = sql.replace(/"/g, "").replace(/\s+/g, " ").trim().toLowerCase();
  const verb = /^(select|insert|update|delete|with|copy|create|alter|drop)\b/.exec(text)?.[1] ?? "query";
  const table = /\b(?:from|into|update|join)\s+([a-z_][a-z0-9_.]*)/.exec(text)?.[1];
  return table ? `${verb} ${table}` : verb;
}

function stackFrame(error: Error): string | undefined {
  const frame = error.stack?.split("\n").find((line) => line.trimStart().startsWith("at "));
  return frame?.trim().slice(3, 200);
}

const RANK: Record<Level | "silent", number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

/** Structured logs: one JSON object per line, so a log pipeline can parse every event. Errors pass through loggableError. */
function write(level: Level, event: string, fields: Record<string, unknown> = {}) {
  const threshold = RANK[(process.env.LOG_LEVEL ?? "info") as Level] ?? RANK.info;
  if (RANK[level] < threshold) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, event, ...fields }, (_key, value: unknown) =>
    typeof value === "bigint" ? value.toString() : value instanceof Error ? loggableError(value) : value,
  );
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(line + "\n");
}

export const log = {
  debug: (event: string, fields?: Record<string, unknown>) => write("debug", event, fields),
  info: (event: string, fields?: Record<string, unknown>) => write("info", event, fields),
  warn: (event: string, fields?: Record<string, unknown>) => write("warn", event, fields),
  error: (event: string, fields?: Record<string, unknown>) => write("error", event, fields),
};
