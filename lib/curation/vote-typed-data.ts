import type { Address, Hex } from "viem";
import { eip712Domain } from "../signing/domain";
import type { VoteFlag } from "./flags";

/**
 * What a validator (or a voting key it delegated to) signs for each vote: the item by its content
 * hash, so the signature checks against published files without the server; issuedAt (unix
 * seconds) bounds replays to the server's 10-minute window.
 */
export const VOTE_TYPES = {
  Vote: [
    { name: "validator", type: "address" },
    { name: "contentHash", type: "bytes32" },
    { name: "verdict", type: "string" },
    { name: "quality", type: "uint8" },
    { name: "flags", type: "string[]" },
    { name: "issuedAt", type: "uint64" },
  ],
} as const;

/**
 * A validator's wallet signs this once to let `key` sign its votes until `expiresAt` (unix
 * seconds): the browser keeps the key and signs each vote silently. The delegation travels with
 * every vote it signs, so anyone can check the chain of signatures later.
 */
export const VOTING_KEY_TYPES = {
  VotingKey: [
    { name: "validator", type: "address" },
    { name: "key", type: "address" },
    { name: "expiresAt", type: "uint64" },
  ],
} as const;

/** A voting key lives at most this long; the browser asks for 24 hours. */
export const MAX_VOTING_KEY_SECONDS = 30 * 24 * 60 * 60;
export const FAST_VOTING_SECONDS = 24 * 60 * 60;

export type VoteFields = { validator: Address; contentHash: Hex; verdict: "accept" | "reject"; quality: number; flags: readonly string[]; issuedAt: number };
export type VotingKeyFields = { validator: Address; key: Address; expiresAt: number };

export function voteTypedData(fields: VoteFields, chainId: number) {
  return {
    domain: eip712Domain(chainId),
    types: VOTE_TYPES,
    primaryType: "Vote" as const,
    message: {
      validator: fields.validator,
      contentHash: fields.contentHash,
      verdict: fields.verdict,
      quality: fields.quality,
      flags: [...fields.flags],
      issuedAt: BigInt(fields.issuedAt),
    },
  };
}

export function votingKeyTypedData(fields: VotingKeyFields, chainId: number) {
  return {
    domain: eip712Domain(chainId),
    types: VOTING_KEY_TYPES,
    primaryType: "VotingKey" as const,
    message: { validator: fields.validator, key: fields.key, expiresAt: BigInt(fields.expiresAt) },
  };
}

/** Anything that signs EIP-712 data locally: a viem account (a voting key, a script's or a test's key). */
export type TypedDataSigner = { address: Address; signTypedData: (typedData: ReturnType<typeof voteTypedData>) => Promise<Hex> };

/**
 * A POST /api/votes body signed by `signer` for `validator` (the signer itself, or the validator
 * whose voting key it is): what the browser's fast voting does, for scripts, the demo and tests.
 */
export async function signedVoteRequest(
  signer: TypedDataSigner,
  vote: { submissionId: string; contentHash: Hex; verdict: "accept" | "reject"; quality: number; flags: readonly VoteFlag[] },
  chainId: number,
  options: { validator?: Address; issuedAt?: number } = {},
) {
  const issuedAt = options.issuedAt ?? Math.floor(Date.now() / 1000);
  const fields = { validator: options.validator ?? signer.address, contentHash: vote.contentHash, verdict: vote.verdict, quality: vote.quality, flags: vote.flags, issuedAt };
  const signature = await signer.signTypedData(voteTypedData(fields, chainId));
  return { submissionId: vote.submissionId, verdict: vote.verdict, quality: vote.quality, flags: [...vote.flags], issuedAt, signature };
}
