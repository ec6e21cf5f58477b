import { createHash } from "node:crypto";

/**
 * A second, minimal implementation of what `ipfs add -r --cid-version=1 --raw-leaves` builds, for tests only. The
 * file layout is boxo's balanced builder as kubo runs it (ipld/unixfs/importer/balanced/builder.go: depth-first fill,
 * and a new root on top whenever the tree is full), which is a different algorithm from ipfs-unixfs-importer's
 * batch-and-reduce; the dag-pb and UnixFS protobufs are written by hand. It shares no code with the libraries
 * lib/snapshots/car.ts uses, so agreement between the two is evidence about both.
 */

/** A DAG node: its CID's bytes, its cumulative DAG size (a link's Tsize) and the file bytes under it. */
export type RefNode = { cid: Uint8Array; tsize: number; fileSize: number };

/** Every block made, by the hex of its CID. */
export type RefBlocks = Map<string, Uint8Array>;

const RAW = 0x55;
const DAG_PB = 0x70;
const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

export function referenceFile(data: Uint8Array, blocks: RefBlocks, chunkBytes = 262_144, maxLinks = 174): RefNode {
  let offset = 0;
  const done = () => offset >= data.length;
  const leaf = (): RefNode => {
    const chunk = data.subarray(offset, offset + chunkBytes);
    offset += chunk.length;
    return { cid: put(blocks, RAW, chunk), tsize: chunk.length, fileSize: chunk.length };
  };
  const fill = (children: RefNode[], depth: number): RefNode => {
    while (children.length < maxLinks && !done()) children.push(depth === 1 ? leaf() : fill([], depth - 1));
    const fileSize = children.reduce((sum, c) => sum + c.fileSize, 0);
    // UnixFS Data: Type=File, filesize, one blocksize per child (proto2 repeated, not packed).
    const unixfs = bytes([0x08, 0x02, 0x18, ...varint(fileSize), ...children.flatMap((c) => [0x20, ...varint(c.fileSize)])]);
    return node(blocks, children.map((c) => ["", c]), unixfs, fileSize);
  };
  // An empty or single-chunk file is its raw leaf; each full tree becomes the first child of a deeper one.
  let root = leaf();
  for (let depth = 1; !done(); depth++) root = fill([root], depth);
  return root;
}

export function referenceDirectory(entries: Record<string, RefNode>, blocks: RefBlocks): RefNode {
  const sorted = Object.entries(entries).sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  return node(blocks, sorted, bytes([0x08, 0x01]), 0);
}

/** CIDv1 in multibase base32 ("b" + RFC 4648 lowercase, no padding), as kubo prints it. */
export function cidString(cid: Uint8Array): string {
  let out = "b";
  let bits = 0;
  let value = 0;
  for (const byte of cid) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** PBNode: Links (field 2) before Data (field 1); each PBLink has Hash, Name (even ""), Tsize, as go-merkledag writes. */
function node(blocks: RefBlocks, links: [string, RefNode][], data: Uint8Array, fileSize: number): RefNode {
  const encodedLinks = links.map(([name, child]) =>
    lengthDelimited(0x12, bytes([...lengthDelimited(0x0a, child.cid), ...lengthDelimited(0x12, Buffer.from(name)), 0x18, ...varint(child.tsize)])),
  );
  const block = bytes([...encodedLinks.flatMap((l) => [...l]), ...lengthDelimited(0x0a, data)]);
  const tsize = block.length + links.reduce((sum, [, c]) => sum + c.tsize, 0);
  return { cid: put(blocks, DAG_PB, block), tsize, fileSize };
}

function put(blocks: RefBlocks, codec: number, block: Uint8Array): Uint8Array {
  const cid = bytes([0x01, ...varint(codec), 0x12, 0x20, ...createHash("sha256").update(block).digest()]);
  blocks.set(Buffer.from(cid).toString("hex"), block);
  return cid;
}

function lengthDelimited(tag: number, value: Uint8Array): Uint8Array {
  return bytes([tag, ...varint(value.length), ...value]);
}

function varint(n: number): number[] {
  const out: number[] = [];
  for (; n >= 0x80; n = Math.floor(n / 0x80)) out.push((n % 0x80) | 0x80);
  out.push(n);
  return out;
}

function bytes(values: number[]): Uint8Array {
  return Uint8Array.from(values);
}
