import { afterAll, beforeAll, expect, it } from "vitest";
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import type { DbHandle } from "../db/client";
import { accounts, submissions } from "../db/schema";
import { createTestDb } from "../db/test-db";
import { submissionRow } from "../testing/fixtures";
import { grantValidator } from "./admin";
import { goldItems, queueHealth, validatorSummaries } from "./stats";
import { voteAs } from "../testing/cast-votes";

let handle: DbHandle;
const author = privateKeyToAccount(generatePrivateKey()).address;
const [va, vb, vc] = [0, 1, 2].map(() => privateKeyToAccount(generatePrivateKey())) as [PrivateKeyAccount, PrivateKeyAccount, PrivateKeyAccount];
const [a, c] = [va.address, vc.address];

beforeAll(async () => {
  handle = await createTestDb();
  await handle.db.insert(accounts).values({ address: author.toLowerCase() });
  for (const v of [va, vb, vc]) await grantValidator(handle.db, v.address);
});
afterAll(() => handle.close());

async function item(n: number, gold?: "accept" | "reject") {
  const [row] = await handle.db.insert(submissions).values(submissionRow(n, author, { goldVerdict: gold })).returning({ id: submissions.id });
  return row?.id ?? "";
}

it("reports agreement with decisions and gold answers, and the queue's health", async () => {
  const accepted = await item(1);
  await voteAs(handle.db, va, accepted, "accept", 4);
  await voteAs(handle.db, vb, accepted, "accept", 4);
  await voteAs(handle.db, vc, accepted, "reject", 2, ["spam"]);
  const gold = await item(2, "reject");
  await voteAs(handle.db, vc, gold, "reject", 1);
  await item(3);

  const byAddress = new Map((await validatorSummaries(handle.db)).map((s) => [s.address, s]));
  expect(byAddress.get(a.toLowerCase())).toMatchObject({ votes: 1, agreed: 1, disagreed: 0, agreementRate: 1 });
  expect(byAddress.get(c.toLowerCase())).toMatchObject({ votes: 2, agreed: 1, disagreed: 1, agreementRate: 0.5 });

  const health = await queueHealth(handle.db);
  expect(health.pending).toBe(1);
  expect(health.decidedToday).toBe(1);
  expect(health.meanVotesToDecision).toBe(3);
  expect(health.daily).toHaveLength(14);
  expect(health.daily.at(-1)).toMatchObject({ submitted: 2, accepted: 1, rejected: 0 });

  expect(await goldItems(handle.db)).toEqual([expect.objectContaining({ id: gold, answer: "reject", answers: 1, correct: 1 })]);
});
