import { afterAll, beforeAll, expect, it } from "vitest";
import type { DbHandle } from "../db/client";
import { accounts, submissions } from "../db/schema";
import { submissionRow } from "../testing/fixtures";
import { createTestDb } from "../db/test-db";
import { getNetworkStats } from "./network-stats";

let handle: DbHandle;
beforeAll(async () => {
  handle = await createTestDb();
});
afterAll(() => handle.close());

it("counts nothing on an empty network", async () => {
  expect(await getNetworkStats(handle.db)).toEqual({
    contributors: 0,
    validators: 0,
    pending: 0,
    accepted: 0,
    rejected: 0,
    votes: 0,
    snapshots: 0,
    publishedSnapshots: 0,
  });
});

it("counts contributors, validators and items by status, leaving gold items out", async () => {
  const a = "0x" + "1".repeat(40);
  const v = "0x" + "2".repeat(40);
  const curator = "0x" + "3".repeat(40);
  await handle.db.insert(accounts).values([{ address: a }, { address: v, roles: ["validator"] }, { address: curator, roles: ["curator"] }]);
  const item = (n: number, status: "pending" | "accepted", gold?: "accept") => submissionRow(n, a, { status, goldVerdict: gold });
  await handle.db.insert(submissions).values([item(1, "pending"), item(2, "accepted"), item(3, "accepted"), item(4, "pending", "accept"), submissionRow(5, curator, { goldVerdict: "reject" })]);
  const stats = await getNetworkStats(handle.db);
  expect(stats).toMatchObject({ contributors: 1, validators: 1, pending: 1, accepted: 2, rejected: 0 });
});
