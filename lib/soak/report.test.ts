import { describe, expect, it } from "vitest";
import type { Durability } from "./durability";
import type { LoadLog, RequestRecord } from "./load";
import { soakReport, type SoakTimes } from "./report";

// Run 0–60 s, restart issued at 30 s and done at 32 s.
const times: SoakTimes = { start: 0, end: 60_000, restartBegin: 30_000, restartEnd: 32_000 };
const durable: Durability = { missingSubmissions: 0, missingVotes: 0, unacknowledgedSubmissions: 0, unacknowledgedVotes: 0, voteCountMismatches: 0 };

const submission = (start: number, status: RequestRecord["status"], extra: Partial<RequestRecord> = {}): RequestRecord => ({
  endpoint: "POST /api/submissions",
  start,
  end: start + 100,
  status,
  retryAfter: false,
  ...extra,
});

function run(requests: RequestRecord[], durability = durable, serverLog = "") {
  const log: LoadLog = { requests, submissions: [], votes: [] };
  return soakReport(log, times, durability, serverLog).failures;
}

describe("soakReport", () => {
  const healthy = [submission(1_000, 201), submission(33_000, 201), submission(50_000, 201)];

  it("passes when only clear 503s with Retry-After come while the database restarts", () => {
    const during = [submission(30_500, 503, { code: "unavailable", retryAfter: true }), submission(31_000, 503, { code: "unavailable", retryAfter: true })];
    expect(run([...healthy, ...during])).toEqual([]);
  });

  it("fails on a 500, or a 503 without Retry-After, during the restart", () => {
    const failures = run([...healthy, submission(30_500, 500, { code: "internal" }), submission(31_000, 503)]);
    expect(failures).toHaveLength(1);
    expect(failures[0]).toContain("1 × POST /api/submissions HTTP 500 internal");
    expect(failures[0]).toContain("1 × POST /api/submissions HTTP 503 without Retry-After");
  });

  it("fails on any 5xx or network error once the app has recovered", () => {
    const failures = run([...healthy, submission(40_000, 503, { retryAfter: true }), submission(41_000, "network error")]);
    expect(failures).toEqual([expect.stringContaining("outside the restart window")]);
  });

  it("fails when no write is acknowledged after the restart", () => {
    expect(run([submission(1_000, 201), submission(31_000, 503, { retryAfter: true })])).toContain(
      "the app acknowledged no write after PostgreSQL came back",
    );
  });

  it("fails on a lost acknowledged write and on a logged uncaught exception", () => {
    const failures = run(healthy, { ...durable, missingVotes: 2 }, "⨯ uncaughtException:  Error: Connection terminated unexpectedly\n");
    expect(failures).toEqual([expect.stringContaining("2 acknowledged votes are missing"), expect.stringContaining("1 uncaught exceptions")]);
  });
});
