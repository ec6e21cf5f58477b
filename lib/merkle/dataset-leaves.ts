import type { Hex } from "viem";
import { leafHashWords } from "./keccak";
import { EMPTY_ROOT, encodeDatasetLeaf, standardTreeRoot, type DatasetEntry } from "./standard-tree";

const WORDS = 8;
const BLOCK_ITEMS = 1 << 16;

/**
 * A dataset tree's leaves gathered one row at a time, as the export writes data.jsonl and as the verifier reads it:
 * kept as their 32-byte double hashes in file order, in 2 MB blocks that are never re-copied while growing (32 MB at
 * 1M rows). `matches` recomputes a row's leaf and compares, which lets the export prove that a later pass streams the
 * same rows in the same order.
 */
export class DatasetLeaves {
  private readonly blocks: Uint32Array[] = [];
  private readonly input = new Uint8Array(64);
  private readonly inputWords = new Uint32Array(this.input.buffer);
  private readonly scratch = new Uint32Array(WORDS);
  count = 0;

  push(entry: DatasetEntry): void {
    const slot = this.count % BLOCK_ITEMS;
    if (slot === 0) this.blocks.push(new Uint32Array(BLOCK_ITEMS * WORDS));
    this.leafOf(entry, this.blocks[this.blocks.length - 1]!, slot * WORDS);
    this.count++;
  }

  matches(i: number, entry: DatasetEntry): boolean {
    if (i >= this.count) return false;
    this.leafOf(entry, this.scratch, 0);
    const block = this.blocks[Math.floor(i / BLOCK_ITEMS)]!;
    const at = (i % BLOCK_ITEMS) * WORDS;
    for (let w = 0; w < WORDS; w++) if (block[at + w] !== this.scratch[w]) return false;
    return true;
  }

  /** The dataset root (EMPTY_ROOT for no rows). Joins the blocks into one n×32-byte array; only the root is built, not the tree. */
  root(): Hex {
    if (this.count === 0) return EMPTY_ROOT;
    const all = new Uint8Array(this.count * 32);
    this.blocks.forEach((block, b) => {
      const items = Math.min(BLOCK_ITEMS, this.count - b * BLOCK_ITEMS);
      all.set(new Uint8Array(block.buffer, 0, items * 32), b * BLOCK_ITEMS * 32);
    });
    return standardTreeRoot(all);
  }

  private leafOf(entry: DatasetEntry, out: Uint32Array, at: number): void {
    encodeDatasetLeaf(this.input, entry, this.count);
    leafHashWords(this.inputWords, 0, out, at);
  }
}
