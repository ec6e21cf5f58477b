import { randomBytes } from "node:crypto";
import { migrateDatabase, openDatabase, type DbHandle } from "./client";

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new
 * throwaway database on the server named by DATABASE_URL (dropped on close).
 */
export async function createTestDb(): Promise<DbHandle> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const handle = await openDatabase({ PGLITE_DIR: "memory://" });
    await migrateDatabase(handle);
    return handle;
  }
  const { recreateDatabase, dropDatabase } = await import("./server-databases");
  const name = `commonplace_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const handle = await openDatabase({ DATABASE_URL: await recreateDatabase(serverUrl, name) });
  await migrateDatabase(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      await dropDatabase(serverUrl, name);
    },
  };
}
