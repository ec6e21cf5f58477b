import { keccak_256 } from "@noble/hashes/sha3";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import { getAddress, type Address } from "viem";
import { timeMs, type BenchTable } from "@/lib/bench/table";
import { keccak256, sortedPairHashWords } from "./keccak";
import { buildRewardTree, type RewardEntry } from "./standard-tree";

const TYPES = ["address", "uint256"];

/** Deterministic pseudo-random reward entries (xorshift32), lowercase addresses as the database stores them. */
function rewardEntries(n: number, seed: number): RewardEntry[] {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0).toString(16).padStart(8, "0");
  };
  return Array.from({ length: n }, () => ({
    account: `0x${next()}${next()}${next()}${next()}${next()}` as Address,
    amount: BigInt(`0x${next()}${next()}${next()}`) % 10n ** 24n,
  }));
}

const verdict = (ms: number, limitMs: number) => (ms < limitMs ? "✓" : "✗");
const round = (ms: number) => Math.round(ms);

async function treeTable(): Promise<BenchTable> {
  buildRewardTree(rewardEntries(20_000, 7)).allProofs();
  StandardMerkleTree.of(
    rewardEntries(500, 8).map((e) => [e.account, e.amount]),
    TYPES,
  ).getProof(0);

  const entries = rewardEntries(100_000, 1);
  const ours = await timeMs(() => buildRewardTree(entries));
  const oursProofs = await timeMs(() => ours.value.allProofs());
  const values = entries.map((e) => [e.account, e.amount]);
  const ref = await timeMs(() => StandardMerkleTree.of(values, TYPES));
  const refProofs = await timeMs(() => values.map((_, i) => ref.value.getProof(i)));
  const sameRoot = ours.value.root === ref.value.root;
  const sameProofs = [0, 1, 4_242, 99_999].every((i) => oursProofs.value[i]!.join() === refProofs.value[i]!.join());

  const checksummed = entries.map((e) => ({ ...e, account: getAddress(e.account) }));
  const oursChecksummed = await timeMs(() => buildRewardTree(checksummed));

  const million = rewardEntries(1_000_000, 2);
  const oursMillion = await timeMs(() => buildRewardTree(million).root);
  const refMillionEstimate = ref.ms * 10 * (Math.log2(1_000_000) / Math.log2(100_000));

  const both = ours.ms + oursProofs.ms;
  const refBoth = ref.ms + refProofs.ms;
  return {
    title: "OpenZeppelin StandardMerkleTree (address, uint256): ours vs @openzeppelin/merkle-tree",
    rows: [
      { case: "100,000 leaves: build (entries → root)", "ours ms": round(ours.ms), "reference ms": round(ref.ms), "speedup ×": ref.ms / ours.ms },
      { case: "100,000 leaves: all proofs", "ours ms": round(oursProofs.ms), "reference ms": round(refProofs.ms), "speedup ×": refProofs.ms / oursProofs.ms },
      {
        case: "100,000 leaves: build + all proofs",
        "ours ms": round(both),
        "reference ms": round(refBoth),
        "speedup ×": refBoth / both,
        target: "< 2,000 ms",
        ok: verdict(both, 2_000),
      },
      { case: "100,000 leaves: build, checksummed addresses", "ours ms": round(oursChecksummed.ms), "reference ms": "", "speedup ×": "" },
      {
        case: "1,000,000 leaves: root",
        "ours ms": round(oursMillion.ms),
        "reference ms": `skipped (~${Math.round(refMillionEstimate / 1000)} s est.)`,
        "speedup ×": `~${(refMillionEstimate / oursMillion.ms).toFixed(0)} est.`,
        target: "< 10,000 ms",
        ok: verdict(oursMillion.ms, 10_000),
      },
    ],
    notes: [
      `same root as the reference at 100,000: ${sameRoot ? "yes" : "NO"}; same sampled proofs: ${sameProofs ? "yes" : "NO"}`,
      "entries have lowercase addresses (as stored); checksummed ones cost one more keccak each for the EIP-55 check",
      "reference at 1,000,000 not run; estimate = 100,000 build × 10 × log2(10^6)/log2(10^5)",
    ],
  };
}

async function keccakTable(): Promise<BenchTable> {
  const count = 400_000;
  const inputs = Array.from({ length: 256 }, (_, i) => new Uint8Array(64).map((_, j) => (i * 31 + j * 7) & 0xff));
  const pairs = new Uint32Array(256 * 16).map((_, i) => Math.imul(i + 1, 2654435761));
  const rate = (ms: number) => Math.round((count / ms) * 1000);
  const run = async () => {
    const ours = await timeMs(() => {
      for (let i = 0; i < count; i++) keccak256(inputs[i & 255]!);
    });
    const words = await timeMs(() => {
      for (let i = 0; i < count; i++) sortedPairHashWords(pairs, (i & 255) * 16, pairs, (i & 255) * 16 + 8, pairs, (i & 255) * 16);
    });
    const noble = await timeMs(() => {
      for (let i = 0; i < count; i++) keccak_256(inputs[i & 255]!);
    });
    return [ours, words, noble] as const;
  };
  await run();
  const [ours, words, noble] = await run();
  return {
    title: "keccak256 of 64 bytes: hashes/s",
    rows: [
      { case: "keccak256(bytes) → new array", "ours hashes/s": rate(ours.ms), "@noble/hashes hashes/s": rate(noble.ms), "speedup ×": noble.ms / ours.ms },
      { case: "sorted pair hash, word API, no allocation", "ours hashes/s": rate(words.ms), "@noble/hashes hashes/s": rate(noble.ms), "speedup ×": noble.ms / words.ms },
    ],
  };
}

export default async function bench(): Promise<BenchTable[]> {
  return [await keccakTable(), await treeTable()];
}
