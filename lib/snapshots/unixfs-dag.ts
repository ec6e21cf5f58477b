import type { ImporterOptions } from "ipfs-unixfs-importer";
import type { CID } from "multiformats/cid";
import { ipld } from "./ipld";
import { MANIFEST_FILE } from "./writers/manifest";
import { assertSnapshotFileName } from "./storage";

/** The CAR's own name: it and manifest.json (which records the CID) are the two files the directory leaves out. */
export const CAR_FILE = "snapshot.car";

/** One file of the directory. `open` is called once per pass and must yield the same bytes each time. */
export type DagFile = { name: string; open: () => AsyncIterable<Uint8Array> };

/** Receives each block as the importer makes it (leaves, then their parents, the directory last). */
export type BlockSink = (cid: CID, bytes: Uint8Array) => Promise<void> | void;

export type SnapshotDag = { root: CID; files: Map<string, CID> };

/**
 * What `ipfs add -r --cid-version=1 --raw-leaves` does in kubo, spelled out rather than left to the importer's
 * defaults (which have changed before, e.g. the 2025 IPIP-499 profiles): 256 KiB fixed-size chunks, balanced
 * layout with at most 174 links per node, raw leaves, a single-chunk file is its raw leaf, sha2-256 (the importer's
 * only hash), dag-pb file and directory nodes without mode or mtime, and a flat directory (kubo shards only past
 * 256 KiB of links, thousands of entries). Concurrency 1 keeps the block order, and so the CAR bytes, deterministic.
 */
async function kuboImportOptions(): Promise<ImporterOptions> {
  const { fixedSize, balanced } = await ipld();
  return {
    cidVersion: 1,
    rawLeaves: true,
    chunker: fixedSize({ chunkSize: 262_144 }),
    layout: balanced({ maxChildrenPerNode: 174 }),
    reduceSingleLeafToSelf: true,
    shardSplitThresholdBytes: 262_144,
    shardSplitStrategy: "links-bytes",
    wrapWithDirectory: true,
    fileImportConcurrency: 1,
    blockWriteConcurrency: 1,
  };
}

/**
 * Builds the UnixFS directory of `files` in one streaming pass, handing every block to `put` (duplicates included:
 * identical chunks or files are put again) and keeping none. Returns the directory's CID and each file's.
 * `overrides` replace kubo's settings (tests use it to check the layout against kubo's CIDv0 vectors).
 */
export async function buildSnapshotDag(
  files: readonly DagFile[],
  put: BlockSink,
  overrides: ImporterOptions = {},
): Promise<SnapshotDag> {
  const sorted = sortedFiles(files);
  const { importer } = await ipld();
  const options = { ...(await kuboImportOptions()), ...overrides };
  // Each file is opened only when the importer reaches it, so one stream is open at a time.
  const candidates = sorted.map((file) => ({ path: file.name, content: lazily(() => file.open()) }));
  const blockstore = {
    async put(cid: CID, bytes: Uint8Array | Iterable<Uint8Array> | AsyncIterable<Uint8Array>): Promise<CID> {
      if (!(bytes instanceof Uint8Array)) throw new Error("the importer handed over a block that is not a byte array");
      await put(cid, bytes);
      return cid;
    },
  };
  const fileCids = new Map<string, CID>();
  let root: CID | undefined;
  for await (const entry of importer(candidates, blockstore, options)) {
    if (entry.path === "") root = entry.cid;
    else if (entry.path !== undefined) fileCids.set(entry.path, entry.cid);
  }
  if (!root) throw new Error("the importer produced no directory");
  return { root, files: fileCids };
}

function sortedFiles(files: readonly DagFile[]): DagFile[] {
  const names = new Set<string>();
  for (const { name } of files) {
    // The importer would turn a "/" into a subdirectory; the snapshot's names are flat.
    assertSnapshotFileName(name);
    if (name === MANIFEST_FILE || name === CAR_FILE) throw new Error(`${name} is not part of the snapshot's directory`);
    if (names.has(name)) throw new Error(`${name} is listed twice`);
    names.add(name);
  }
  // Names are ASCII, so code-unit order is the byte order UnixFS sorts links by.
  return [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

async function* lazily(open: () => AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  yield* open();
}
