import { and, desc, eq, isNull } from "drizzle-orm";
import { getAddress, isAddressEqual, type Address, type Hex } from "viem";
import { z } from "zod";
import type { Db } from "../db/client";
import { votingKeys, type VotingKey } from "../db/schema";
import { ApiError, notFound } from "../http/api-error";
import { MAX_VOTING_KEY_SECONDS, votingKeyTypedData } from "./vote-typed-data";


const address = z.string().regex(/^0x[0-9a-fA-F]{40}$/, "The key is a 0x address.");

export const votingKeyRequestSchema = z.object({
  key: address,
  expiresAt: z.number().int("expiresAt is whole unix seconds.").positive(),
  signature: z.string().regex(/^0x[0-9a-fA-F]+$/, "The signature must be 0x-prefixed hex.").max(16_384),
});
export type VotingKeyRequest = z.infer<typeof votingKeyRequestSchema>;

/** Checks the validator's EIP-712 VotingKey signature: locally for an EOA, on-chain for a smart account. */
export type VotingKeyVerifier = (args: { address: Address; typedData: ReturnType<typeof votingKeyTypedData>; signature: Hex }) => Promise<boolean>;

export type VotingKeyView = { key: string; expiresAt: string; createdAt: string; revokedAt: string | null; status: "active" | "expired" | "revoked" };

export function viewOf(row: VotingKey, now = new Date()): VotingKeyView {
  return {
    key: getAddress(row.key),
    expiresAt: row.expiresAt.toISOString(),
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    status: row.revokedAt ? "revoked" : row.expiresAt <= now ? "expired" : "active",
  };
}

/**
 * Registers `key` to sign the validator's votes until `expiresAt`: at most 30 days ahead, signed
 * by the validator's wallet, and never a key already registered (by anyone) or the wallet itself.
 */
export async function registerVotingKey(
  db: Db,
  validator: Address,
  input: VotingKeyRequest,
  chainId: number,
  verify: VotingKeyVerifier,
  now = new Date(),
): Promise<VotingKeyView> {
  const nowSeconds = Math.floor(now.getTime() / 1000);
  if (input.expiresAt <= nowSeconds) throw new ApiError(400, "invalid_expiry", "The key must expire in the future.", "expiresAt");
  if (input.expiresAt > nowSeconds + MAX_VOTING_KEY_SECONDS) throw new ApiError(400, "invalid_expiry", "A voting key lives at most 30 days.", "expiresAt");
  const key = getAddress(input.key);
  if (isAddressEqual(key, validator)) throw new ApiError(400, "invalid_key", "The voting key must be another address than your wallet.", "key");
  const typedData = votingKeyTypedData({ validator, key, expiresAt: input.expiresAt }, chainId);
  if (!(await verify({ address: validator, typedData, signature: input.signature as Hex }).catch(() => false)))
    throw new ApiError(400, "invalid_signature", "The delegation is not signed by your wallet for this key and expiry.", "signature");
  const [row] = await db
    .insert(votingKeys)
    .values({ key: key.toLowerCase(), validator: validator.toLowerCase(), expiresAt: new Date(input.expiresAt * 1000), signature: input.signature.toLowerCase(), createdAt: now })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new ApiError(409, "key_taken", "This key is already registered.", "key");
  return viewOf(row, now);
}

/** The validator's keys, newest first (the last 50). */
export async function listVotingKeys(db: Db, validator: Address, now = new Date()): Promise<VotingKeyView[]> {
  const rows = await db.select().from(votingKeys).where(eq(votingKeys.validator, validator.toLowerCase())).orderBy(desc(votingKeys.createdAt)).limit(50);
  return rows.map((r) => viewOf(r, now));
}

/** Revokes one of the validator's own keys: votes it signs from now on are refused; votes it signed before stay. */
export async function revokeVotingKey(db: Db, validator: Address, key: string, now = new Date()): Promise<VotingKeyView> {
  const lower = key.toLowerCase();
  const [row] = await db
    .update(votingKeys)
    .set({ revokedAt: now })
    .where(and(eq(votingKeys.key, lower), eq(votingKeys.validator, validator.toLowerCase()), isNull(votingKeys.revokedAt)))
    .returning();
  if (row) return viewOf(row, now);
  const [existing] = await db.select().from(votingKeys).where(and(eq(votingKeys.key, lower), eq(votingKeys.validator, validator.toLowerCase())));
  if (!existing) throw notFound("You have no voting key with this address.");
  return viewOf(existing, now);
}
