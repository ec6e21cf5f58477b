import { percentiles, type BenchTable } from "../bench/table";
import type { Durability } from "./durability";
import { ENDPOINTS, type Endpoint, type LoadLog, type RequestRecord } from "./load";

/** performance.now() times (ms) of the run and of the PostgreSQL restart inside it. */
export type SoakTimes = { start: number; end: number; restartBegin: number; restartEnd: number };

/** Answers that are right in normal operation; a vote on an item that others decided meanwhile is a fair 409. */
const EXPECTED: Record<Endpoint, string[]> = {
  "POST /api/submissions": ["HTTP 201"],
  "GET /api/queue": ["HTTP 200"],
  "POST /api/votes": ["HTTP 201", "HTTP 409 already_decided"],
};

/** The pool reconnects on demand, so the app should be back within a second of the database; 10 s is a generous bound. */
const RECOVERY_LIMIT_MS = 10_000;

const isWrite = (r: RequestRecord) => r.endpoint !== "GET /api/queue";
const isExpected = (r: RequestRecord) => EXPECTED[r.endpoint].includes(outcome(r));
/** While the database is down, the only clear answer is "unavailable, retry after": a 503 with Retry-After. */
const isClearRefusal = (r: RequestRecord) => r.status === 503 && r.retryAfter;

function outcome(r: RequestRecord): string {
  if (typeof r.status !== "number") return r.status;
  const label = r.code ? `HTTP ${r.status} ${r.code}` : `HTTP ${r.status}`;
  return r.status === 503 && !r.retryAfter ? `${label} without Retry-After` : label;
}

/** When the first write sent after the restart completed was acknowledged; null if none was. */
function recoveredAt(requests: RequestRecord[], times: SoakTimes): number | null {
  let first: number | null = null;
  for (const r of requests) if (isWrite(r) && r.status === 201 && r.start >= times.restartEnd && (first === null || r.end < first)) first = r.end;
  return first;
}

/** The restart window: from the restart command until the app acknowledged a write again (the run's end if never). */
function restartWindow(requests: RequestRecord[], times: SoakTimes): { from: number; to: number; recovered: number | null } {
  const recovered = recoveredAt(requests, times);
  return { from: times.restartBegin, to: recovered ?? times.end, recovered };
}

const seconds = (ms: number) => Number((ms / 1000).toFixed(2));

function statusTable(title: string, requests: RequestRecord[], spanMs: number, notes: string[]): BenchTable {
  const labels = [...new Set(requests.map(outcome))].sort();
  const row = (name: string, rs: RequestRecord[]) => {
    const { p50, p99 } = percentiles(rs.map((r) => r.end - r.start));
    const counts = Object.fromEntries(labels.map((l) => [l, rs.filter((r) => outcome(r) === l).length]));
    return { endpoint: name, requests: rs.length, "per second": rs.length / (spanMs / 1000), "p50 ms": p50, "p99 ms": p99, ...counts };
  };
  return {
    title,
    rows: [...ENDPOINTS.map((e) => row(e, requests.filter((r) => r.endpoint === e))), row("all", requests)],
    notes,
  };
}

const TIMELINE_STEP_MS = 500;

/** Answers by the half second they arrived in, from a second before the restart to a second after recovery. */
function timelineTable(requests: RequestRecord[], times: SoakTimes, window: { from: number; to: number }): BenchTable {
  const from = Math.max(times.start, window.from - 1000);
  const to = Math.min(times.end, window.to + 1000);
  const shown = requests.filter((r) => r.end >= from && r.end < to);
  const labels = [...new Set(shown.map(outcome))].sort();
  const rows: BenchTable["rows"] = [];
  for (let t = from; t < to; t += TIMELINE_STEP_MS) {
    const bucket = shown.filter((r) => r.end >= t && r.end < t + TIMELINE_STEP_MS);
    const counts = Object.fromEntries(labels.map((l) => [l, bucket.filter((r) => outcome(r) === l).length]));
    rows.push({ "answered at": `t+${seconds(t - times.start).toFixed(1)} s`, ...counts, "max ms": Math.max(0, ...bucket.map((r) => r.end - r.start)) });
  }
  return { title: "Answers around the restart, per half second", rows };
}

/** The printed tables, and every reason the soak failed (none: it passed). */
export function soakReport(log: LoadLog, times: SoakTimes, durability: Durability, serverLog: string): { tables: BenchTable[]; failures: string[] } {
  const window = restartWindow(log.requests, times);
  const inWindow = (r: RequestRecord) => r.start < window.to && r.end > window.from;
  const during = log.requests.filter(inWindow);
  const since = (t: number) => `t+${seconds(t - times.start)} s`;
  const recoveryMs = window.recovered === null ? null : window.recovered - times.restartEnd;

  const failures: string[] = [];
  if (durability.missingSubmissions > 0) failures.push(`${durability.missingSubmissions} acknowledged submissions are missing from the database`);
  if (durability.missingVotes > 0) failures.push(`${durability.missingVotes} acknowledged votes are missing from the database`);
  if (durability.voteCountMismatches > 0) failures.push(`${durability.voteCountMismatches} items have a vote_count that disagrees with their votes`);
  if (recoveryMs === null) failures.push("the app acknowledged no write after PostgreSQL came back");
  else if (recoveryMs > RECOVERY_LIMIT_MS) failures.push(`the app took ${seconds(recoveryMs)} s to recover (limit ${RECOVERY_LIMIT_MS / 1000} s)`);
  const tally = (rs: RequestRecord[]) => {
    const counts = new Map<string, number>();
    for (const r of rs) counts.set(`${r.endpoint} ${outcome(r)}`, (counts.get(`${r.endpoint} ${outcome(r)}`) ?? 0) + 1);
    return [...counts].map(([k, n]) => `${n} × ${k}`).join(", ");
  };
  const wrongOutside = log.requests.filter((r) => !inWindow(r) && !isExpected(r));
  if (wrongOutside.length > 0) failures.push(`unexpected answers outside the restart window: ${tally(wrongOutside)}`);
  const unclear = during.filter((r) => !isExpected(r) && !isClearRefusal(r));
  if (unclear.length > 0) failures.push(`unclear answers during the restart window (only a 503 with Retry-After is clear): ${tally(unclear)}`);

  // `next start` logs and survives these; a server of our own would crash on them.
  const uncaught = serverLog.split("\n").filter((line) => /^\S.*(uncaughtException|unhandledRejection)/.test(line)).length;
  if (uncaught > 0) failures.push(`the server had ${uncaught} uncaught exceptions or unhandled rejections (see the server log)`);

  const failed = during.filter((r) => !isExpected(r));
  const outage = failed.length ? `${since(Math.min(...failed.map((r) => r.end)))} to ${since(Math.max(...failed.map((r) => r.end)))}` : "none";
  const runMs = times.end - times.start;
  const acknowledged = log.submissions.length + log.votes.length;
  return {
    failures,
    tables: [
      statusTable(`Whole run: ${seconds(runMs)} s, ${log.requests.length} requests`, log.requests, runMs, [
        `Acknowledged writes: ${acknowledged} (${(acknowledged / (runMs / 1000)).toFixed(1)} per second).`,
      ]),
      statusTable(`Restart window: ${since(window.from)} to ${since(window.to)}`, during, window.to - window.from, [
        "Requests in flight at any moment between the restart command and the first write acknowledged after it.",
      ]),
      timelineTable(log.requests, times, window),
      {
        title: "PostgreSQL restart and durability",
        rows: [
          { measure: "restart (pg_ctlcluster --mode fast)", value: `${since(times.restartBegin)} to ${since(times.restartEnd)}: ${seconds(times.restartEnd - times.restartBegin)} s` },
          { measure: "failed answers (first to last)", value: outage },
          { measure: "recovered in (restart done → first write sent after it acknowledged)", value: recoveryMs === null ? "never" : `${seconds(recoveryMs)} s` },
          { measure: "acknowledged submissions", value: log.submissions.length },
          { measure: "acknowledged submissions missing", value: durability.missingSubmissions },
          { measure: "acknowledged votes", value: log.votes.length },
          { measure: "acknowledged votes missing", value: durability.missingVotes },
          { measure: "stored without a 201 (submissions / votes)", value: `${durability.unacknowledgedSubmissions} / ${durability.unacknowledgedVotes}` },
          { measure: "items whose vote_count ≠ their votes", value: durability.voteCountMismatches },
        ],
      },
      serverLogTable(serverLog),
    ],
  };
}

/** Counts the server's structured warnings and errors by event and message (other lines by their text). */
function serverLogTable(logText: string): BenchTable {
  const counts = new Map<string, number>();
  for (const line of logText.split("\n")) {
    const key = logKey(line);
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const rows = [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([line, count]) => ({ count, line }));
  return { title: "Server warnings and errors", rows: rows.length ? rows : [{ count: 0, line: "(none)" }] };
}

function logKey(line: string): string | null {
  if (!line.trim()) return null;
  let entry: unknown;
  try {
    entry = JSON.parse(line);
  } catch {
    // Next prints uncaught errors as several lines: count each once, by its first line.
    return /^\S/.test(line) && /error|warn|⨯/i.test(line) ? `(unstructured) ${line.trim().slice(0, 120)}` : null;
  }
  if (typeof entry !== "object" || entry === null) return null;
  const { level, event, error } = entry as { level?: unknown; event?: unknown; error?: { message?: unknown } };
  if (level !== "warn" && level !== "error") return null;
  // The first line only: drizzle appends the query's parameters, which would make every line unique.
  const message = typeof error?.message === "string" ? `: ${(error.message.split("\n")[0] ?? "").slice(0, 120)}` : "";
  return `${level} ${String(event)}${message}`;
}
