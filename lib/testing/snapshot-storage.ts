import { randomUUID } from "node:crypto";
import { LocalSnapshotStorage } from "../snapshots/local-storage";
import { parseS3Url, s3Client, S3SnapshotStorage } from "../snapshots/s3-storage";
import type { SnapshotStorage } from "../snapshots/storage";

/**
 * The snapshot store a test writes to: the bucket SNAPSHOT_STORE names when the run is on S3 (a fresh prefix per
 * call, so tests never see each other's epochs), else the folder `root`.
 */
export function testSnapshotStorage(root: string): SnapshotStorage {
  const store = process.env.SNAPSHOT_STORE;
  if (!store) return new LocalSnapshotStorage(root);
  const { bucket, prefix } = parseS3Url(store);
  return new S3SnapshotStorage(s3Client(), { bucket, prefix: `${prefix}${randomUUID()}/` });
}
