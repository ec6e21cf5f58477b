import { SimpleMerkleTree, StandardMerkleTree } from "@openzeppelin/merkle-tree";
import fc from "fast-check";
import { getAddress, type Address, type Hex } from "viem";
import { describe, expect, it } from "vitest";
import {
  buildDatasetTree,
  buildRewardTree,
  buildStandardTree,
  datasetLeaves,
  rewardLeaves,
  standardTreeRoot,
  verifyStandardProof,
  type DatasetEntry,
  type RewardEntry,
  type StandardTree,
} from "./standard-tree";

const MAX_UINT256 = (1n << 256n) - 1n;
const REWARD_TYPES = ["address", "uint256"];
const DATASET_TYPES = ["bytes32", "address"];

const hexOf = (bytes: Uint8Array): Hex => `0x${Buffer.from(bytes).toString("hex")}`;
const lowerAddress = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => hexOf(b));
/** Lowercase or EIP-55 checksummed, as callers pass them. */
const address = fc.tuple(lowerAddress, fc.boolean()).map(([a, checksum]): Address => (checksum ? getAddress(a) : a));
const amount = fc.oneof(fc.constant(0n), fc.constant(MAX_UINT256), fc.bigInt({ min: 0n, max: MAX_UINT256 }), fc.bigInt({ min: 0n, max: 10n ** 24n }));
const bytes32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map(hexOf);

/** Exactly n items for n uniform in 1..max (fast-check's own array sizes stay small). */
const sized = <T>(item: fc.Arbitrary<T>, max: number) =>
  fc.integer({ min: 1, max }).chain((n) => fc.array(item, { minLength: n, maxLength: n }));

/** 1..300 entries, often drawn from a small pool so whole entries repeat. */
function entries<T>(entry: fc.Arbitrary<T>): fc.Arbitrary<T[]> {
  const pooled = fc.array(entry, { minLength: 1, maxLength: 8 }).chain((pool) => sized(fc.constantFrom(...pool), 300));
  return fc.oneof(sized(entry, 300), pooled);
}

const rewardEntries = entries(fc.record({ account: address, amount }));
const datasetEntries = entries(fc.record({ contentHash: bytes32, contributor: address }));

/** Same root and, for every input index, the same leaf hash and proof as OpenZeppelin, accepted by its verify. */
function expectSameAsOpenZeppelin<T extends unknown[]>(ours: StandardTree, oz: StandardMerkleTree<T>, values: T[], types: string[]) {
  expect(ours.root).toBe(oz.root);
  expect(ours.size).toBe(values.length);
  const all = ours.allProofs();
  for (const [i, value] of values.entries()) {
    const proof = oz.getProof(i);
    expect(ours.proof(i)).toEqual(proof);
    expect(all[i]).toEqual(proof);
    expect(ours.leafHash(i)).toBe(oz.leafHash(value));
    expect(StandardMerkleTree.verify(ours.root, types, value, ours.proof(i))).toBe(true);
    expect(verifyStandardProof(ours.root, ours.leafHash(i), ours.proof(i))).toBe(true);
  }
}

describe("reward tree", () => {
  it("matches StandardMerkleTree.of(values, ['address','uint256'])", () => {
    fc.assert(
      fc.property(rewardEntries, (list) => {
        const values = list.map((e) => [e.account, e.amount]);
        expectSameAsOpenZeppelin(buildRewardTree(list), StandardMerkleTree.of(values, REWARD_TYPES), values, REWARD_TYPES);
      }),
      { numRuns: 20 },
    );
  });

  it("refuses a proof for a changed amount", () => {
    fc.assert(
      fc.property(rewardEntries, fc.nat(), fc.bigInt({ min: 1n, max: 10n ** 30n }), (list, pick, delta) => {
        const tree = buildRewardTree(list);
        const i = pick % list.length;
        const entry = list[i]!;
        const changed = { account: entry.account, amount: (entry.amount + delta) % (MAX_UINT256 + 1n) };
        const proof = tree.proof(i);
        const changedLeaf = hexOf(rewardLeaves([changed]));
        const otherwisePresent = list.some((e) => e.account === changed.account && e.amount === changed.amount);
        fc.pre(!otherwisePresent);
        expect(verifyStandardProof(tree.root, changedLeaf, proof)).toBe(false);
        expect(StandardMerkleTree.verify(tree.root, REWARD_TYPES, [changed.account, changed.amount], proof)).toBe(false);
      }),
      { numRuns: 50 },
    );
  });

  it("hashes checksummed and lowercase forms of an address alike", () => {
    const account = getAddress("0x52908400098527886e0f7030069857d2e4169ee7");
    const [a, b] = [account, account.toLowerCase() as Address].map((acc) => hexOf(rewardLeaves([{ account: acc, amount: 5n }])));
    expect(a).toBe(b);
  });

  it("gives a single leaf an empty proof and its own hash as root", () => {
    const tree = buildRewardTree([{ account: "0x0000000000000000000000000000000000000001", amount: 1n }]);
    const oz = StandardMerkleTree.of([["0x0000000000000000000000000000000000000001", 1n]], REWARD_TYPES);
    expect(tree.root).toBe(oz.root);
    expect(tree.leafHash(0)).toBe(tree.root);
    expect(tree.proof(0)).toEqual([]);
    expect(tree.allProofs()).toEqual([[]]);
  });

  it("refuses an empty tree, as OpenZeppelin does", () => {
    expect(() => StandardMerkleTree.of([], REWARD_TYPES)).toThrow();
    expect(() => buildRewardTree([])).toThrow(/no leaves/);
    expect(() => buildStandardTree(new Uint8Array(0))).toThrow(/no leaves/);
    expect(() => buildDatasetTree([])).toThrow(/no leaves/);
  });

  it("refuses amounts outside uint256 and malformed addresses with the entry's position", () => {
    const account: Address = "0x52908400098527886e0f7030069857d2e4169ee7";
    const ok = { account, amount: 1n };
    expect(() => rewardLeaves([ok, { account, amount: -1n }])).toThrow(/entry 1: amount/);
    expect(() => rewardLeaves([{ account, amount: MAX_UINT256 + 1n }])).toThrow(/entry 0: amount/);
    expect(() => rewardLeaves([{ account, amount: 1 as unknown as bigint }])).toThrow(/amount must be a bigint/);
    expect(() => rewardLeaves([{ account: "0x1234" as Address, amount: 1n }])).toThrow(/entry 0: account/);
    expect(() => rewardLeaves([{ account: `0x${"g".repeat(40)}` as Address, amount: 1n }])).toThrow(/account/);
    const checksummed = getAddress(account);
    const letter = checksummed.search(/[a-fA-F]/);
    const flipped = checksummed[letter] === checksummed[letter]!.toUpperCase() ? checksummed[letter]!.toLowerCase() : checksummed[letter]!.toUpperCase();
    const badChecksum = `${checksummed.slice(0, letter)}${flipped}${checksummed.slice(letter + 1)}` as Address;
    expect(() => rewardLeaves([{ account: checksummed, amount: 1n }])).not.toThrow();
    expect(() => rewardLeaves([{ account: badChecksum, amount: 1n }])).toThrow(/checksum/);
  });

  it("refuses an out-of-range proof index", () => {
    const tree = buildRewardTree([{ account: "0x0000000000000000000000000000000000000001", amount: 1n }]);
    expect(() => tree.proof(1)).toThrow(RangeError);
    expect(() => tree.proof(-1)).toThrow(RangeError);
    expect(() => tree.leafHash(0.5)).toThrow(RangeError);
  });
});

describe("dataset tree", () => {
  it("matches StandardMerkleTree.of(values, ['bytes32','address'])", () => {
    fc.assert(
      fc.property(datasetEntries, (list: DatasetEntry[]) => {
        const values = list.map((e) => [e.contentHash, e.contributor]);
        expectSameAsOpenZeppelin(buildDatasetTree(list), StandardMerkleTree.of(values, DATASET_TYPES), values, DATASET_TYPES);
      }),
      { numRuns: 10 },
    );
  });

  it("refuses a content hash that is not 32 bytes of hex", () => {
    const contributor: Address = "0x0000000000000000000000000000000000000001";
    expect(() => datasetLeaves([{ contentHash: "0x1234", contributor }])).toThrow(/entry 0: contentHash/);
    expect(() => datasetLeaves([{ contentHash: `0x${"zz".repeat(32)}`, contributor }])).toThrow(/contentHash/);
  });
});

describe("buildStandardTree", () => {
  /** Leaves that share their first bytes, so ordering falls to the later bytes, plus exact repeats. */
  const crowdedLeaves = sized(fc.tuple(fc.nat(3), fc.nat(7), fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.boolean()), 300).map((rows) =>
      rows.map(([prefix, shared, tail, repeat]) => {
        const leaf = repeat ? new Uint8Array(32) : tail.slice();
        leaf.fill(prefix * 64, 0, shared);
        return leaf;
      }),
    );

  it("matches SimpleMerkleTree (sorted, same node hash) on crowded and repeated leaves, from unaligned bytes", () => {
    fc.assert(
      fc.property(crowdedLeaves, (leaves) => {
        const unaligned = new Uint8Array(leaves.length * 32 + 1).subarray(1);
        leaves.forEach((leaf, i) => unaligned.set(leaf, i * 32));
        const ours = buildStandardTree(unaligned);
        const oz = SimpleMerkleTree.of(leaves);
        expect(ours.root).toBe(oz.root);
        const all = ours.allProofs();
        for (let i = 0; i < leaves.length; i++) {
          expect(all[i]).toEqual(oz.getProof(i));
          expect(ours.leafHash(i)).toBe(hexOf(leaves[i]!));
        }
      }),
      { numRuns: 25 },
    );
  });

  it("matches SimpleMerkleTree on a few thousand leaves", () => {
    const leaves = Array.from({ length: 3000 }, (_, i) => new Uint8Array(32).map((_, j) => (i * 2654435761 + j * 40503) >>> (j % 24)));
    const bytes = new Uint8Array(leaves.length * 32);
    leaves.forEach((leaf, i) => bytes.set(leaf, i * 32));
    const ours = buildStandardTree(bytes);
    const oz = SimpleMerkleTree.of(leaves);
    expect(ours.root).toBe(oz.root);
    for (const i of [0, 1, 777, 1500, 2999]) expect(ours.proof(i)).toEqual(oz.getProof(i));
  });

  it("refuses bytes that are not whole 32-byte leaves", () => {
    expect(() => buildStandardTree(new Uint8Array(33))).toThrow(/n×32/);
  });
});

describe("standardTreeRoot", () => {
  it("gives buildStandardTree's root at every leaf count up to 70, and on random sizes", () => {
    const leaf = (i: number) => new Uint8Array(32).map((_, k) => (i * 131 + k * 17 + (i >> 3)) & 0xff);
    const check = (n: number) => {
      const bytes = new Uint8Array(n * 32);
      for (let i = 0; i < n; i++) bytes.set(leaf(i % 23 === 22 ? 0 : i), i * 32);
      expect(standardTreeRoot(bytes)).toBe(buildStandardTree(bytes).root);
    };
    for (let n = 1; n <= 70; n++) check(n);
    fc.assert(fc.property(fc.integer({ min: 71, max: 5000 }), check), { numRuns: 20 });
    expect(() => standardTreeRoot(new Uint8Array(0))).toThrow(/no leaves/);
  });
});

describe("verifyStandardProof", () => {
  const tree = buildRewardTree(
    Array.from({ length: 10 }, (_, i): RewardEntry => ({ account: `0x${(i + 1).toString(16).padStart(40, "0")}`, amount: BigInt(i) })),
  );

  it("accepts every real proof and refuses a tampered one or the wrong root", () => {
    for (let i = 0; i < tree.size; i++) {
      const proof = tree.proof(i);
      expect(verifyStandardProof(tree.root, tree.leafHash(i), proof)).toBe(true);
      const tampered = [...proof];
      tampered[0] = tree.leafHash((i + 1) % tree.size);
      expect(verifyStandardProof(tree.root, tree.leafHash(i), tampered)).toBe(false);
      expect(verifyStandardProof(tree.leafHash(i), tree.leafHash(i), proof)).toBe(false);
    }
  });

  it("accepts uppercase hex digits and throws on values that are not 32-byte hex", () => {
    const proof = tree.proof(3);
    const upper = (h: Hex): Hex => `0x${h.slice(2).toUpperCase()}`;
    expect(verifyStandardProof(upper(tree.root), upper(tree.leafHash(3)), proof.map(upper))).toBe(true);
    expect(() => verifyStandardProof(tree.root, "0x12", proof)).toThrow(/leafHash/);
    expect(() => verifyStandardProof(tree.root, tree.leafHash(3), ["0x12"])).toThrow(/proof\[0\]/);
  });
});
