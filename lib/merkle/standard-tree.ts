/**
 * OpenZeppelin StandardMerkleTree, rebuilt for speed: same root, same proofs, same leaf order as
 * `StandardMerkleTree.of(values, types)` from @openzeppelin/merkle-tree, so Solidity's `MerkleProof.verify` and the
 * distributor accept what this produces.
 *
 * Leaf = keccak256(keccak256(abi.encode(values))):
 * - rewards: `["address","uint256"]` = (account, cumulative amount): 12 zero bytes, the 20-byte address, the amount
 *   as 32 bytes big-endian;
 * - datasets: `["bytes32","address"]` = (content hash, contributor): the 32-byte hash, 12 zero bytes, the address.
 * The double hash makes a leaf's preimage 32 bytes while an internal node's is 64, so nobody can present an internal
 * node as a leaf (second-preimage attack); the contract hashes claims the same way.
 *
 * Tree: leaves sorted by hash (ties keep input order), a complete binary tree in one array of 2n-1 nodes with the
 * sorted leaves at the end in reverse order, each parent = keccak256 of its two children in ascending byte order.
 * A proof is the sibling hashes from the leaf up to the root.
 */
import type { Address, Hex } from "viem";
import {
  IS_LITTLE_ENDIAN,
  bigEndianWord,
  compareHashWords,
  keccak256Into,
  leafHashWords,
  sortedPairHashWords,
} from "./keccak";

export type StandardTree = {
  root: Hex;
  /** Number of leaves. */
  size: number;
  /** Proof for the leaf at `index` in input order (OpenZeppelin's `getProof(index)`). */
  proof(index: number): Hex[];
  /** Every leaf's proof, in input order. */
  allProofs(): Hex[][];
  /** The double-hashed leaf at `index` in input order. */
  leafHash(index: number): Hex;
};

export type RewardEntry = { account: Address; amount: bigint };
export type DatasetEntry = { contentHash: Hex; contributor: Address };

/** The root standing for a tree with no leaves: no proof verifies against it. */
export const EMPTY_ROOT: Hex = `0x${"0".repeat(64)}`;

const MAX_UINT256 = (1n << 256n) - 1n;
const WORDS = 8;
const UPPERCASE = 16;

/** Builds the tree from n×32 bytes of already double-hashed leaves, in input order. */
export function buildStandardTree(leafHashes: Uint8Array): StandardTree {
  const { n, leaves, order } = sortedLeaves(leafHashes);

  const nodeCount = 2 * n - 1;
  const nodes = new Uint32Array(nodeCount * WORDS);
  const treeIndexOf = new Uint32Array(n);
  for (let rank = 0; rank < n; rank++) {
    const input = order[rank]!;
    const t = nodeCount - 1 - rank;
    treeIndexOf[input] = t;
    for (let w = 0; w < WORDS; w++) nodes[t * WORDS + w] = leaves[input * WORDS + w]!;
  }
  for (let t = n - 2; t >= 0; t--) {
    sortedPairHashWords(nodes, (2 * t + 1) * WORDS, nodes, (2 * t + 2) * WORDS, nodes, t * WORDS);
  }
  return treeView(nodes, treeIndexOf, n);
}

/**
 * The root alone, the same as `buildStandardTree(leafHashes).root`, in (n+1)×32 bytes of nodes instead of (2n-1)×32
 * (32 MB instead of 64 MB at 1M leaves): node t of the heap-ordered tree lives in slot t mod (n+1), a slot whose
 * previous node t+n+1 has already been hashed into its parent, which comes after t in the descending order.
 */
export function standardTreeRoot(leafHashes: Uint8Array): Hex {
  const { n, leaves, order } = sortedLeaves(leafHashes);
  const slots = n + 1;
  const ring = new Uint32Array(slots * WORDS);
  for (let rank = 0; rank < n; rank++) {
    const at = order[rank]! * WORDS;
    ring.set(leaves.subarray(at, at + WORDS), ((2 * n - 2 - rank) % slots) * WORDS);
  }
  for (let t = n - 2; t >= 0; t--) {
    sortedPairHashWords(ring, ((2 * t + 1) % slots) * WORDS, ring, ((2 * t + 2) % slots) * WORDS, ring, (t % slots) * WORDS);
  }
  return hexOfNodes(ring, 0, 1)[0]!;
}

export function buildRewardTree(entries: readonly RewardEntry[]): StandardTree {
  return buildStandardTree(rewardLeaves(entries));
}

export function buildDatasetTree(entries: readonly DatasetEntry[]): StandardTree {
  return buildStandardTree(datasetLeaves(entries));
}

/** Leaf hashes (n×32 bytes, input order) of `["address","uint256"]` = (account, amount). */
export function rewardLeaves(entries: readonly RewardEntry[]): Uint8Array {
  assertLittleEndian();
  const out = new Uint32Array(entries.length * WORDS);
  const block = new Uint8Array(64); // bytes 0..11 stay zero: the address's left padding
  const blockWords = new Uint32Array(block.buffer);
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    writeAddress(block, 12, entry.account, i, "account");
    writeUint256(block, 32, entry.amount, i);
    leafHashWords(blockWords, 0, out, i * WORDS);
  }
  return new Uint8Array(out.buffer);
}

/** Leaf hashes (n×32 bytes, input order) of `["bytes32","address"]` = (contentHash, contributor). */
export function datasetLeaves(entries: readonly DatasetEntry[]): Uint8Array {
  assertLittleEndian();
  const out = new Uint32Array(entries.length * WORDS);
  const block = new Uint8Array(64);
  const blockWords = new Uint32Array(block.buffer);
  for (let i = 0; i < entries.length; i++) {
    encodeDatasetLeaf(block, entries[i]!, i);
    leafHashWords(blockWords, 0, out, i * WORDS);
  }
  return new Uint8Array(out.buffer);
}

/**
 * The dataset tree's leaf, the one encoding the export, the verifier and the API share: the ABI encoding of
 * `["bytes32","address"]` = (content_hash, contributor) written into block[0..64), bytes 32..43 the address's zero
 * padding. Its leaf hash is keccak256(keccak256(block)), as in OpenZeppelin's StandardMerkleTree.
 */
export function encodeDatasetLeaf(block: Uint8Array, entry: DatasetEntry, index = 0): void {
  if (parseHex(block, 0, entry.contentHash, 32) < 0) {
    throw new Error(`entry ${index}: contentHash must be 0x and 64 hex digits, got ${String(entry.contentHash)}`);
  }
  block.fill(0, 32, 44);
  writeAddress(block, 44, entry.contributor, index, "contributor");
}

/**
 * True when `proof` leads from `leafHash` (already double-hashed) to `root`, as Solidity's `MerkleProof.verify`
 * decides. Throws on values that are not 32-byte hex, as OpenZeppelin's verify does.
 */
export function verifyStandardProof(root: Hex, leafHash: Hex, proof: readonly Hex[]): boolean {
  assertLittleEndian();
  const bytes = new Uint8Array(64);
  const words = new Uint32Array(bytes.buffer);
  if (parseHex(bytes, 0, leafHash, 32) < 0) throw new Error("leafHash must be a 32-byte hex string");
  for (const [i, sibling] of proof.entries()) {
    if (parseHex(bytes, 32, sibling, 32) < 0) throw new Error(`proof[${i}] must be a 32-byte hex string`);
    sortedPairHashWords(words, 0, words, WORDS, words, 0);
  }
  if (parseHex(bytes, 32, root, 32) < 0) throw new Error("root must be a 32-byte hex string");
  return compareHashWords(words, 0, words, WORDS) === 0;
}

function treeView(nodes: Uint32Array, treeIndexOf: Uint32Array, n: number): StandardTree {
  const nodeCount = 2 * n - 1;
  /** Hex of each node, made on first use; proofs share these strings. */
  let hexes: (Hex | undefined)[] | undefined;
  let allHex = false;
  const nodeHex = (t: number): Hex => {
    hexes ??= new Array<Hex | undefined>(nodeCount);
    let hex = hexes[t];
    if (hex === undefined) {
      hex = hexOfNodes(nodes, t, 1)[0]!;
      hexes[t] = hex;
    }
    return hex;
  };
  const treeIndex = (index: number): number => {
    if (!Number.isInteger(index) || index < 0 || index >= n) {
      throw new RangeError(`leaf index ${index} out of range [0, ${n})`);
    }
    return treeIndexOf[index]!;
  };
  const proofFrom = (t: number): Hex[] => {
    const proof: Hex[] = [];
    while (t > 0) {
      proof.push(nodeHex(t % 2 === 1 ? t + 1 : t - 1));
      t = (t - 1) >> 1;
    }
    return proof;
  };
  return {
    root: hexOfNodes(nodes, 0, 1)[0]!,
    size: n,
    proof: (index) => proofFrom(treeIndex(index)),
    leafHash: (index) => nodeHex(treeIndex(index)),
    allProofs: () => {
      if (!allHex) {
        const all = new Array<Hex | undefined>(nodeCount);
        const chunk = 8192;
        for (let start = 0; start < nodeCount; start += chunk) {
          const batch = hexOfNodes(nodes, start, Math.min(chunk, nodeCount - start));
          for (let k = 0; k < batch.length; k++) all[start + k] = batch[k];
        }
        hexes = all;
        allHex = true;
      }
      const proofs: Hex[][] = [];
      for (let i = 0; i < n; i++) proofs.push(proofFrom(treeIndexOf[i]!));
      return proofs;
    },
  };
}

/**
 * Sorted position → input index, ordered by leaf hash bytes, ties in input order (OpenZeppelin sorts with a stable
 * sort). LSD radix sort on each hash's first 4 bytes, then a comparison sort inside runs that share them.
 */
/** The leaves as words and their sorted order: what both the tree and the root alone start from. */
function sortedLeaves(leafHashes: Uint8Array): { n: number; leaves: Uint32Array; order: Uint32Array } {
  assertLittleEndian();
  if (leafHashes.length % 32 !== 0) throw new Error(`leaf hashes must be n×32 bytes, got ${leafHashes.length}`);
  const n = leafHashes.length / 32;
  if (n === 0) throw new Error("cannot build a Merkle tree with no leaves (OpenZeppelin refuses an empty tree too)");
  const leaves = wordsOf(leafHashes);
  return { n, leaves, order: sortedLeafOrder(leaves, n) };
}

function sortedLeafOrder(leaves: Uint32Array, n: number): Uint32Array {
  let keys = new Uint32Array(n);
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    keys[i] = bigEndianWord(leaves[i * WORDS]!);
    order[i] = i;
  }
  let keysOut = new Uint32Array(n);
  let orderOut = new Uint32Array(n);
  const counts = new Uint32Array(256);
  for (let shift = 0; shift < 32; shift += 8) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(keys[i]! >>> shift) & 0xff]!++;
    let sum = 0;
    for (let d = 0; d < 256; d++) {
      const c = counts[d]!;
      counts[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const key = keys[i]!;
      const at = counts[(key >>> shift) & 0xff]!++;
      keysOut[at] = key;
      orderOut[at] = order[i]!;
    }
    [keys, keysOut] = [keysOut, keys];
    [order, orderOut] = [orderOut, order];
  }
  const byHash = (a: number, b: number) => compareHashWords(leaves, a * WORDS, leaves, b * WORDS) || a - b;
  for (let start = 0; start < n; ) {
    let end = start + 1;
    while (end < n && keys[end] === keys[start]) end++;
    if (end - start > 1) order.set(Array.from(order.subarray(start, end)).sort(byHash), start);
    start = end;
  }
  return order;
}

const HEX_PAIR = new Uint16Array(256);
const HEX_PREFIX = 0x30 | (0x78 << 8);
for (let b = 0; b < 256; b++) {
  const digits = b.toString(16).padStart(2, "0");
  HEX_PAIR[b] = digits.charCodeAt(0) | (digits.charCodeAt(1) << 8);
}
const ascii = new TextDecoder();

/** Lowercase 0x-hex of `count` nodes from `first`, decoded as one string and sliced (no per-byte concatenation). */
function hexOfNodes(nodes: Uint32Array, first: number, count: number): Hex[] {
  const chars = new Uint16Array(count * 33);
  for (let k = 0; k < count; k++) {
    let c = k * 33;
    chars[c++] = HEX_PREFIX;
    const base = (first + k) * WORDS;
    for (let w = 0; w < WORDS; w++) {
      const word = nodes[base + w]!;
      chars[c++] = HEX_PAIR[word & 0xff]!;
      chars[c++] = HEX_PAIR[(word >>> 8) & 0xff]!;
      chars[c++] = HEX_PAIR[(word >>> 16) & 0xff]!;
      chars[c++] = HEX_PAIR[word >>> 24]!;
    }
  }
  const text = ascii.decode(chars);
  const out = new Array<Hex>(count);
  for (let k = 0; k < count; k++) out[k] = text.slice(k * 66, k * 66 + 66) as Hex;
  return out;
}

/** 32-bit words over the bytes, copied only when the bytes are not 4-byte aligned. */
function wordsOf(bytes: Uint8Array): Uint32Array {
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  return new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.length / 4);
}

/** Hex digit value by char code; uppercase letters also set bit 4; -1 for anything else. */
const DIGIT = new Int8Array(128).fill(-1);
for (let d = 0; d < 16; d++) {
  DIGIT["0123456789abcdef".charCodeAt(d)] = d;
  if (d >= 10) DIGIT["ABCDEF".charCodeAt(d - 10)] = d | UPPERCASE;
}

/**
 * Parses `0x` + 2·size hex digits into out[at..at+size). Returns -1 when the value is not such a string, else
 * `UPPERCASE` if some digit is an uppercase letter, else 0.
 */
function parseHex(out: Uint8Array, at: number, hex: unknown, size: number): number {
  if (typeof hex !== "string" || hex.length !== 2 + 2 * size || hex.charCodeAt(0) !== 0x30 || hex.charCodeAt(1) !== 0x78) {
    return -1;
  }
  let seen = 0;
  for (let i = 0; i < size; i++) {
    const c1 = hex.charCodeAt(2 + 2 * i);
    const c2 = hex.charCodeAt(3 + 2 * i);
    if ((c1 | c2) > 127) return -1;
    const hi = DIGIT[c1]!;
    const lo = DIGIT[c2]!;
    if ((hi | lo) < 0) return -1;
    out[at + i] = ((hi & 15) << 4) | (lo & 15);
    seen |= hi | lo;
  }
  return seen & UPPERCASE;
}

const CHECKSUM_INPUT = new Uint8Array(40);
const CHECKSUM_HASH = new Uint8Array(32);

/**
 * Writes a 20-byte address. Accepts lowercase hex or the EIP-55 checksummed form (as viem's `isAddress` does);
 * any other mix of cases is refused, since it usually means a mistyped address.
 */
function writeAddress(out: Uint8Array, at: number, address: unknown, entry: number, field: string): void {
  const seen = parseHex(out, at, address, 20);
  if (seen < 0) throw new Error(`entry ${entry}: ${field} must be 0x and 40 hex digits, got ${String(address)}`);
  if (seen === 0) return;
  const text = address as string;
  for (let i = 0; i < 40; i++) CHECKSUM_INPUT[i] = text.charCodeAt(i + 2) | 0x20;
  keccak256Into(CHECKSUM_INPUT, CHECKSUM_HASH);
  for (let i = 0; i < 40; i++) {
    const code = text.charCodeAt(i + 2);
    if (code < 0x41) continue;
    const byte = CHECKSUM_HASH[i >> 1]!;
    const nibble = i % 2 === 0 ? byte >> 4 : byte & 0x0f;
    if ((nibble >= 8) !== (code <= 0x46)) {
      throw new Error(`entry ${entry}: ${field} has an invalid EIP-55 checksum: ${text}`);
    }
  }
}

/** Writes a uint256 as 32 bytes big-endian. */
function writeUint256(out: Uint8Array, at: number, amount: unknown, entry: number): void {
  if (typeof amount !== "bigint" || amount < 0n || amount > MAX_UINT256) {
    throw new Error(`entry ${entry}: amount must be a bigint in [0, 2^256-1], got ${String(amount)}`);
  }
  const hex = amount.toString(16);
  let p = at + 31;
  let j = hex.length;
  for (; j >= 2; j -= 2) out[p--] = (DIGIT[hex.charCodeAt(j - 2)]! << 4) | DIGIT[hex.charCodeAt(j - 1)]!;
  if (j === 1) out[p--] = DIGIT[hex.charCodeAt(0)]!;
  while (p >= at) out[p--] = 0;
}

function assertLittleEndian(): void {
  if (!IS_LITTLE_ENDIAN) throw new Error("the Merkle builder needs a little-endian platform");
}
