import { createHash } from "node:crypto";
import { z } from "zod";
import { SNAPSHOT_FILES, type SnapshotFileName } from "../files";

export { MANIFEST_FILE, MEDIA_TYPES, SNAPSHOT_FILES, type SnapshotFileName } from "../files";

export type ManifestFile = { name: SnapshotFileName; bytes: number; sha256: string; media_type: string };

export type Manifest = {
  format: "commonplace-snapshot/1";
  epoch: number;
  /** The snapshot's cut-off (ISO 8601 UTC): the items decided up to it. Not the wall time of the export. */
  created_at: string;
  item_count: number;
  vote_count: number;
  /** bytes32 hex: StandardMerkleTree ["bytes32","address"] over data.jsonl's [content_hash, contributor]. */
  dataset_root: string;
  /** bytes32 hex: StandardMerkleTree ["address","uint256"] over rewards.json's accounts. */
  reward_root: string;
  /** CIDv1 of the UnixFS directory of every file but manifest.json and snapshot.car (`ipfs add -r --cid-version=1 --raw-leaves`). */
  cid: string;
  /** Decimal wei strings. */
  budget: string;
  total_cumulative: string;
  chain_id: number;
  contracts: { token: string; distributor: string; staking: string } | null;
  files: ManifestFile[];
};

const hex32 = z.string().regex(/^0x[0-9a-f]{64}$/);
const decimal = z.string().regex(/^(0|[1-9][0-9]*)$/);
const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/);

export const manifestSchema = z.object({
  format: z.literal("commonplace-snapshot/1"),
  epoch: z.number().int().positive(),
  created_at: z.string(),
  item_count: z.number().int().nonnegative(),
  vote_count: z.number().int().nonnegative(),
  dataset_root: hex32,
  reward_root: hex32,
  cid: z.string().regex(/^bafy[a-z2-7]{50,}$/),
  budget: decimal,
  total_cumulative: decimal,
  chain_id: z.number().int().positive(),
  contracts: z.object({ token: address, distributor: address, staking: address }).nullable(),
  files: z.array(
    z.object({
      name: z.enum(SNAPSHOT_FILES),
      bytes: z.number().int().nonnegative(),
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      media_type: z.string(),
    }),
  ),
});

export function parseManifest(text: string): Manifest {
  return manifestSchema.parse(JSON.parse(text));
}

/**
 * manifest.json's exact text: keys in the `Manifest` type's order, files in `SNAPSHOT_FILES` order, two-space
 * indentation, `\n` line ends and a trailing newline. The bytes are what `manifestHash` commits to on-chain.
 */
export function manifestJson(m: Manifest): string {
  const order = new Map<string, number>(SNAPSHOT_FILES.map((name, i) => [name, i]));
  const files = [...m.files].sort((a, b) => order.get(a.name)! - order.get(b.name)!);
  if (new Set(files.map((f) => f.name)).size !== files.length) throw new Error("manifest lists a file twice");
  const canonical: Manifest = {
    format: m.format,
    epoch: m.epoch,
    created_at: m.created_at,
    item_count: m.item_count,
    vote_count: m.vote_count,
    dataset_root: m.dataset_root,
    reward_root: m.reward_root,
    cid: m.cid,
    budget: m.budget,
    total_cumulative: m.total_cumulative,
    chain_id: m.chain_id,
    contracts: m.contracts && { token: m.contracts.token, distributor: m.contracts.distributor, staking: m.contracts.staking },
    files: files.map((f) => ({ name: f.name, bytes: f.bytes, sha256: f.sha256, media_type: f.media_type })),
  };
  return JSON.stringify(canonical, null, 2) + "\n";
}

/** The bytes32 published as `manifestHash`: sha256 of manifest.json's bytes, 0x-prefixed. */
export function manifestHash(bytes: Uint8Array | string): `0x${string}` {
  return `0x${createHash("sha256").update(bytes).digest("hex")}`;
}
