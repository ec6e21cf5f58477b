import { startS3Server, type S3TestServer } from "./s3-server";

let server: S3TestServer | null = null;

/**
 * Vitest global setup: with TEST_SNAPSHOT_STORE=s3 (as CI runs), one S3-protocol server for the whole run, and
 * SNAPSHOT_STORE pointing at its bucket, so every test that asks for a snapshot store (testSnapshotStorage) and every
 * server a test starts writes to the bucket instead of a folder.
 */
export async function setup(): Promise<void> {
  if (process.env.TEST_SNAPSHOT_STORE !== "s3") return;
  server = await startS3Server("vitest");
  Object.assign(process.env, server.env);
}

export async function teardown(): Promise<void> {
  await server?.stop();
}
