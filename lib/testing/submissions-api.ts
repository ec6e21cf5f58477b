import type { Address } from "viem";
import type { DbHandle } from "../db/client";
import { createTestDb } from "../db/test-db";
import { relaxedRateLimits } from "./rate-limits";
import { sessionCookie } from "./requests";

/** A fresh database for the submissions API (the test points getDb at it), rate limits out of the way, and `account` signed in. */
export async function submissionsApiDb(account: { address: Address }): Promise<{ handle: DbHandle; cookie: string }> {
  Object.assign(process.env, relaxedRateLimits(), { LOG_LEVEL: "silent" });
  process.env.RATE_LIMIT_SUBMISSIONS = "100000/60";
  const handle = await createTestDb();
  return { handle, cookie: await sessionCookie(handle.db, account.address) };
}
