import { afterAll, beforeAll, expect, it } from "vitest";
import type { DbHandle } from "../db/client";
import { createTestDb } from "../db/test-db";
import { getNetworkStats } from "../stats/network-stats";
import { seedDemoContent } from "./demo-content";
import { seedDemoAccounts } from "./local-network";

let handle: DbHandle;
beforeAll(async () => {
  process.env.LOG_LEVEL = "silent";
  handle = await createTestDb();
});
afterAll(() => handle.close());

it("seeds signed demo items once, some accepted by the demo validators", async () => {
  await seedDemoAccounts(handle.db);
  expect(await seedDemoContent(handle.db, 31337)).toBe(7);
  expect(await seedDemoContent(handle.db, 31337)).toBe(0);
  const stats = await getNetworkStats(handle.db);
  expect(stats).toMatchObject({ accepted: 3, pending: 4, validators: 3, votes: 10 });
});
