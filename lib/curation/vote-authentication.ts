import { eq } from "drizzle-orm";
import { bytesToHex, type Address, type Hex } from "viem";
import type { Db } from "../db/client";
import { votingKeys } from "../db/schema";
import { ApiError } from "../http/api-error";
import { recoverAddressFast } from "../signing/fast-recover";
import { voteDigest } from "../signing/snapshot-digests";
import type { VoteFields } from "./vote-typed-data";

export const VOTE_SIGNATURE_MAX_AGE_SECONDS = 10 * 60;
/** A browser clock a little ahead is not an attack; a vote dated further ahead is refused. */
export const VOTE_CLOCK_SKEW_SECONDS = 60;

/** Who signed a vote: the validator's own wallet, or one of its live voting keys with the delegation. */
export type VoteSigner = { signer: string; keyExpiresAt: Date | null; keySignature: string | null };

/** Checks a smart-account validator's signature on-chain (ERC-1271); EOAs never get here. */
export type TypedDataVerifier = (args: { address: Address; digest: Hex; signature: Hex }) => Promise<boolean>;

/**
 * A vote is valid when it is fresh and its EIP-712 signature recovers to the validator, or to a
 * voting key the validator registered that is neither revoked nor expired. Refusals name what is
 * wrong: expired or future-dated, an unknown signer (a signature over other fields recovers to a
 * stranger), someone else's key, a revoked or an expired key.
 */
export async function authenticateVote(
  db: Db,
  fields: VoteFields & { signature: Hex },
  chainId: number,
  now = new Date(),
  verifySmartAccount?: TypedDataVerifier,
): Promise<VoteSigner> {
  const age = Math.floor(now.getTime() / 1000) - fields.issuedAt;
  if (age > VOTE_SIGNATURE_MAX_AGE_SECONDS) throw new ApiError(400, "signature_expired", "The vote was signed more than 10 minutes ago. Sign it again.", "issuedAt");
  if (age < -VOTE_CLOCK_SKEW_SECONDS) throw new ApiError(400, "signature_from_future", "issuedAt is in the future. Check your clock.", "issuedAt");

  const digest = voteDigest(
    { validator: fields.validator, content_hash: fields.contentHash, verdict: fields.verdict, quality: fields.quality, flags: fields.flags, issued_at: fields.issuedAt },
    chainId,
  );
  const signer = recoverAddressFast(digest, fields.signature);
  if (signer && signer === fields.validator.toLowerCase()) return { signer, keyExpiresAt: null, keySignature: null };

  const [key] = signer ? await db.select().from(votingKeys).where(eq(votingKeys.key, signer)) : [];
  if (!key) {
    if (verifySmartAccount && (await verifySmartAccount({ address: fields.validator, digest: bytesToHex(digest), signature: fields.signature }).catch(() => false)))
      return { signer: fields.validator.toLowerCase(), keyExpiresAt: null, keySignature: null };
    throw new ApiError(
      400,
      "unknown_signer",
      "This vote is not signed by your wallet or by one of your voting keys for these fields. Enable fast voting again or sign with your wallet.",
      "signature",
    );
  }
  if (key.validator !== fields.validator.toLowerCase()) throw new ApiError(403, "voting_key_not_yours", "This voting key belongs to another validator.", "signature");
  if (key.revokedAt) throw new ApiError(403, "voting_key_revoked", "This voting key was revoked. Enable fast voting again to get a new one.", "signature");
  if (key.expiresAt <= now) throw new ApiError(403, "voting_key_expired", "This voting key has expired. Enable fast voting again to get a new one.", "signature");
  return { signer: key.key, keyExpiresAt: key.expiresAt, keySignature: key.signature };
}
