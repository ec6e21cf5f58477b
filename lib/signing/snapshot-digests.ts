import { hashTypedData, hexToBytes, type Address, type Hex } from "viem";
import { VOTE_TYPES, VOTING_KEY_TYPES } from "../curation/vote-typed-data";
import { SUBMISSION_TYPES } from "../submissions/typed-data";
import { eip712Domain } from "./domain";

/**
 * The EIP-712 digests behind each signature a snapshot publishes, from the rows' own columns (a verifier has the
 * content hash, not the server's submit request). The same types and domain the browser signs with.
 */
const seconds = (iso: string) => BigInt(Math.floor(Date.parse(iso) / 1000));

export function submissionDigest(
  row: { contributor: string; content_hash: string; source_url: string | null; tags: readonly string[]; license: string; issued_at: string },
  chainId: number,
): Uint8Array {
  return hexToBytes(
    hashTypedData({
      domain: eip712Domain(chainId),
      types: SUBMISSION_TYPES,
      primaryType: "Submission",
      message: {
        contributor: row.contributor as Address,
        contentHash: row.content_hash as Hex,
        sourceUrl: row.source_url ?? "",
        tags: [...row.tags],
        license: row.license,
        issuedAt: seconds(row.issued_at),
      },
    }),
  );
}

export function voteDigest(
  vote: { validator: string; content_hash: string; verdict: string; quality: number; flags: readonly string[]; issued_at: string },
  chainId: number,
): Uint8Array {
  return hexToBytes(
    hashTypedData({
      domain: eip712Domain(chainId),
      types: VOTE_TYPES,
      primaryType: "Vote",
      message: {
        validator: vote.validator as Address,
        contentHash: vote.content_hash as Hex,
        verdict: vote.verdict,
        quality: vote.quality,
        flags: [...vote.flags],
        issuedAt: seconds(vote.issued_at),
      },
    }),
  );
}

export function votingKeyDigest(delegation: { validator: string; key: string; expires_at: string }, chainId: number): Uint8Array {
  return hexToBytes(
    hashTypedData({
      domain: eip712Domain(chainId),
      types: VOTING_KEY_TYPES,
      primaryType: "VotingKey",
      message: { validator: delegation.validator as Address, key: delegation.key as Address, expiresAt: seconds(delegation.expires_at) },
    }),
  );
}
