import { afterAll, beforeAll, expect, it, vi } from "vitest";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { useDatabase, type DbHandle } from "@/lib/db/client";
import { accounts, submissions } from "@/lib/db/schema";
import { createTestDb } from "@/lib/db/test-db";
import { landingStats } from "@/lib/stats/landing-stats";
import { submissionRow } from "@/lib/testing/fixtures";
import { relaxedRateLimits } from "@/lib/testing/rate-limits";
import { jsonRequest, sessionCookie } from "@/lib/testing/requests";
import { submissionTypedData } from "@/lib/submissions/typed-data";
import { POST } from "./submissions/route";

// Next's data cache as one process sees it, which only exists inside a Next server: a result is
// kept under its key until one of its tags is revalidated.
vi.mock("next/cache", () => {
  const entries = new Map<string, { tags: readonly string[]; value: Promise<unknown> }>();
  return {
    unstable_cache:
      <A extends unknown[], R>(load: (...args: A) => Promise<R>, keyParts: string[], options: { tags?: string[] }) =>
      (...args: A): Promise<R> => {
        const key = JSON.stringify([keyParts, args]);
        const entry = entries.get(key) ?? { tags: options.tags ?? [], value: load(...args) };
        entries.set(key, entry);
        return entry.value as Promise<R>;
      },
    revalidateTag: (tag: string) => {
      for (const [key, entry] of entries) if (entry.tags.includes(tag)) entries.delete(key);
    },
  };
});

let handle: DbHandle;
const alice = privateKeyToAccount(generatePrivateKey());

beforeAll(async () => {
  Object.assign(process.env, relaxedRateLimits(), { LOG_LEVEL: "silent" });
  handle = await createTestDb();
  useDatabase(handle);
});
afterAll(() => handle.close());

it("answers the landing counts from the cache until a write through the API revalidates them", async () => {
  const before = await landingStats();

  // A row that bypasses the API revalidates nothing: the cached counts stand.
  const bob = "0x" + "b".repeat(40);
  await handle.db.insert(accounts).values({ address: bob });
  await handle.db.insert(submissions).values(submissionRow(1, bob));
  expect(await landingStats()).toEqual(before);

  const fields = { content: `A submission that the landing page should count among the items waiting for review. ${Date.now()}`, sourceUrl: "https://example.org/a", tags: ["data"], license: "CC-BY-4.0" as const, issuedAt: Math.floor(Date.now() / 1000) };
  const signature = await alice.signTypedData(submissionTypedData({ ...fields, contributor: alice.address }, 31337));
  const res = await POST(jsonRequest("/api/submissions", { ...fields, signature }, await sessionCookie(handle.db, alice.address)), undefined);
  expect(res.status).toBe(201);

  // Both rows count now: the write dropped the cached counts instead of waiting out their age.
  const after = await landingStats();
  expect(after.pending).toBe(before.pending + 2);
  expect(after.contributors).toBe(before.contributors + 2);
});
