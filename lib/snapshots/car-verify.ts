import { createHash } from "node:crypto";
import type { PBNode } from "@ipld/dag-pb";
import type { UnixFS } from "ipfs-unixfs";
import type { CID } from "multiformats/cid";
import { ipld, type Ipld } from "./ipld";
import { buildSnapshotDag, CAR_FILE, type DagFile } from "./unixfs-dag";

/**
 * Kubo refuses blocks over 1 MiB without --allow-big-block; a snapshot's largest are its 256 KiB leaves. Checked
 * before a block is read, so a corrupt length cannot make the reader buffer the rest of the CAR.
 */
const MAX_BLOCK_BYTES = 1 << 20;
const MAX_HEADER_BYTES = 1 << 10;

/**
 * Checks that `car` is exactly the CAR `writeCar` makes of `files` (in any block order): its header's only root is
 * the directory CID recomputed from the files, every block hashes to its CID, and the blocks are exactly the DAG of
 * that directory, none missing and none extra. Returns the first problem found, or null. Reads the files once and the
 * CAR once; keeps the dag-pb nodes (about 50 bytes per 256 KiB of data) and the CIDs of the raw leaves.
 */
export async function verifyCar(car: AsyncIterable<Uint8Array>, files: readonly DagFile[]): Promise<string | null> {
  const libs = await ipld();
  const { asyncIterableReader, readHeader, readBlockHead, varint, bytesEqual, dagPb, rawCode, sha256Code } = libs;
  const expected = await buildSnapshotDag(files, () => {});
  const nodes = new Map<string, Uint8Array>();
  const leaves = new Set<string>();
  let root: CID;
  try {
    const reader = asyncIterableReader(car);
    const [headerBytes] = varint.decode(await reader.upTo(8));
    if (headerBytes > MAX_HEADER_BYTES) return `${CAR_FILE} starts with a ${headerBytes}-byte header, not a CARv1 header`;
    const header = await readHeader(reader, 1);
    if (header.roots.length !== 1) return `${CAR_FILE} names ${header.roots.length} roots, not 1`;
    root = header.roots[0]!;
    while ((await reader.upTo(8)).length > 0) {
      const { cid, blockLength } = await readBlockHead(reader);
      if (blockLength < 0 || blockLength > MAX_BLOCK_BYTES) return `block ${cid} claims ${blockLength} bytes`;
      const bytes = await reader.exactly(blockLength, true);
      if (cid.multihash.code !== sha256Code) return `block ${cid} is not hashed with sha2-256`;
      if (!bytesEqual(createHash("sha256").update(bytes).digest(), cid.multihash.digest)) {
        return `block ${cid} does not hash to its CID`;
      }
      const key = cid.toString();
      if (nodes.has(key) || leaves.has(key)) return `block ${cid} appears twice in ${CAR_FILE}`;
      // A copy: `bytes` is a view into the reader's buffer, which would stay alive with it.
      if (cid.code === dagPb.code) nodes.set(key, bytes.slice());
      else if (cid.code === rawCode) leaves.add(key);
      else return `block ${cid} is neither raw nor dag-pb`;
    }
  } catch (error) {
    return `${CAR_FILE} is not a well-formed CARv1: ${error instanceof Error ? error.message : String(error)}`;
  }

  const rootMismatch = `the root of ${CAR_FILE} is ${root}, but these files make ${expected.root}`;
  const dirBytes = nodes.get(root.toString());
  if (!dirBytes) return root.equals(expected.root) ? `block ${root} (the directory) is missing` : rootMismatch;
  const dir = decodeNode(libs, dirBytes);
  if (!dir || dir.unixfs?.type !== "directory") return `the root of ${CAR_FILE} is not a UnixFS directory`;
  const entries = new Map(dir.node.Links.map((link) => [link.Name ?? "", link.Hash]));
  for (const [name, cid] of expected.files) {
    const held = entries.get(name);
    if (!held) return `${CAR_FILE} lacks ${name}`;
    if (!held.equals(cid)) return `${CAR_FILE} holds ${name} with other bytes than the file`;
  }
  for (const name of entries.keys()) {
    if (!expected.files.has(name)) return `${CAR_FILE} holds ${JSON.stringify(name)}, which is not one of the files`;
  }

  // Every file's CID matches, so each subtree is the right one; what is left to find is a block not in the CAR.
  const reached = new Set([root.toString()]);
  for (const [name, fileCid] of expected.files) {
    const pending = [fileCid];
    for (let cid = pending.pop(); cid; cid = pending.pop()) {
      const key = cid.toString();
      if (reached.has(key)) continue;
      reached.add(key);
      if (cid.code === rawCode) {
        if (!leaves.has(key)) return `block ${cid} of ${name} is missing`;
        continue;
      }
      const bytes = nodes.get(key);
      if (!bytes) return `block ${cid} of ${name} is missing`;
      const decoded = decodeNode(libs, bytes);
      if (!decoded) return `block ${cid} of ${name} is not a dag-pb node`;
      pending.push(...decoded.node.Links.map((link) => link.Hash));
    }
  }
  if (!root.equals(expected.root)) return rootMismatch;
  for (const key of [...nodes.keys(), ...leaves]) {
    if (!reached.has(key)) return `block ${key} is not part of the directory`;
  }
  return null;
}

function decodeNode({ dagPb, UnixFS }: Ipld, bytes: Uint8Array): { node: PBNode; unixfs: UnixFS | null } | null {
  try {
    const node = dagPb.decode(bytes);
    return { node, unixfs: node.Data ? UnixFS.unmarshal(node.Data) : null };
  } catch {
    return null;
  }
}
