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
  const { Client } = await import("pg");
  const name = `commonplace_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ DATABASE_URL: url.toString() });
  await migrateDatabase(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const dropper = new Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}
