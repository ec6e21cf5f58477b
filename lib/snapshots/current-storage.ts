import { LocalSnapshotStorage } from "./local-storage";
import { parseS3Url, s3Client, S3SnapshotStorage } from "./s3-storage";
import type { SnapshotStorage } from "./storage";

const globalForStorage = globalThis as typeof globalThis & { commonplaceSnapshotStorage?: SnapshotStorage };

/**
 * Where snapshot files live: an S3-compatible bucket when SNAPSHOT_STORE is `s3://bucket/prefix`, else a local folder
 * (SNAPSHOT_DIR, default .data/snapshots).
 */
export function storageFromEnvironment(env: Record<string, string | undefined> = process.env): SnapshotStorage {
  if (env.SNAPSHOT_STORE) return new S3SnapshotStorage(s3Client(env), parseS3Url(env.SNAPSHOT_STORE));
  return new LocalSnapshotStorage(env.SNAPSHOT_DIR || undefined);
}

/** The process's storage, made once. */
export function snapshotStorage(): SnapshotStorage {
  globalForStorage.commonplaceSnapshotStorage ??= storageFromEnvironment();
  return globalForStorage.commonplaceSnapshotStorage;
}
