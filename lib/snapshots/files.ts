/**
 * Every file of a snapshot, in the manifest's (fixed) order, which is also the order the export writes them in.
 * manifest.json itself is not listed: it is hashed. snapshot.car holds all the others (the CID's directory).
 */
export const SNAPSHOT_FILES = [
  "data.jsonl",
  "data.parquet",
  "data.csv",
  "decisions.jsonl",
  "votes.jsonl",
  "rewards.json",
  "README.md",
  "croissant.json",
  "snapshot.car",
] as const;
export type SnapshotFileName = (typeof SNAPSHOT_FILES)[number];

/** The files of the content-addressed directory (manifest.json's `cid`, the CAR's root): all but the CAR itself. */
export const DIRECTORY_FILES = SNAPSHOT_FILES.filter((name): name is Exclude<SnapshotFileName, "snapshot.car"> => name !== "snapshot.car");
export const MANIFEST_FILE = "manifest.json";

/** Where the app serves a snapshot file: the path every page, the catalogue, the card and Croissant name. */
export const fileUrl = (epoch: number | "latest", name: string) => `/api/datasets/${epoch}/files/${name}`;

/** Content types for serving the files (Croissant uses its own `encodingFormat` names, see croissant.ts). */
export const MEDIA_TYPES: Record<SnapshotFileName | typeof MANIFEST_FILE, string> = {
  "data.jsonl": "application/jsonl",
  "data.parquet": "application/vnd.apache.parquet",
  "data.csv": "text/csv",
  "decisions.jsonl": "application/jsonl",
  "votes.jsonl": "application/jsonl",
  "rewards.json": "application/json",
  "README.md": "text/markdown",
  "croissant.json": "application/ld+json",
  "snapshot.car": "application/vnd.ipld.car",
  "manifest.json": "application/json",
};
