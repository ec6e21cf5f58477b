import { LocalSnapshotStorage } from "./local-storage";
import type { SnapshotStorage } from "./storage";

const globalForStorage = globalThis as typeof globalThis & { commonplaceSnapshotStorage?: SnapshotStorage };

/** Where snapshot files live: a local folder (SNAPSHOT_DIR, default .data/snapshots). An S3-compatible bucket implements the same interface. */
export function snapshotStorage(): SnapshotStorage {
  globalForStorage.commonplaceSnapshotStorage ??= new LocalSnapshotStorage();
  return globalForStorage.commonplaceSnapshotStorage;
}
