import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { driverFor, type DbHandle } from "./client";
import { accounts, submissions } from "./schema";
import { submissionRow } from "../testing/fixtures";
import { createTestDb } from "./test-db";

/** The statement fails on exactly this constraint (SQLSTATE and name), whichever driver raised it. */
async function expectConstraint(statement: PromiseLike<unknown>, code: string, constraint: string) {
  const error: unknown = await Promise.resolve(statement).then(
    () => null,
    (e: unknown) => e,
  );
  const cause = (error as { cause?: { code?: string; constraint?: string } } | null)?.cause;
  expect(cause?.code).toBe(code);
  expect(cause?.constraint).toBe(constraint);
}

describe("database", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await createTestDb();
  });
  afterAll(() => handle.close());

  it("chooses the driver from the environment", () => {
    expect(driverFor({})).toBe("pglite");
    expect(driverFor({ DATABASE_URL: "postgres://x" })).toBe("node-postgres");
    expect(driverFor({ POSTGRES_URL: "postgres://x" })).toBe("vercel-postgres");
  });

  it("runs on the driver the environment names", () => {
    expect(handle.driver).toBe(process.env.DATABASE_URL ? "node-postgres" : "pglite");
  });

  it("stores accounts with lowercase addresses only", async () => {
    await handle.db.insert(accounts).values({ address: "0x" + "ab".repeat(20) });
    await expectConstraint(handle.db.insert(accounts).values({ address: "0x" + "AB".repeat(20) }), "23514", "accounts_address_lowercase");
    const [row] = await handle.db.select().from(accounts).where(eq(accounts.address, "0x" + "ab".repeat(20)));
    expect(row?.roles).toEqual([]);
    expect(row?.reputation).toBe(0.5);
  });

  it("refuses a second submission with the same normalized hash", async () => {
    const base = submissionRow(1, "0x" + "ab".repeat(20), { normalizedHash: "n1" });
    await handle.db.insert(submissions).values(base);
    await expectConstraint(handle.db.insert(submissions).values({ ...base, contentHash: "0x02", content: "HELLO" }), "23505", "submissions_normalized_hash_unique");
    const [row] = await handle.db.select({ n: count() }).from(submissions);
    expect(row?.n).toBe(1);
  });
});
