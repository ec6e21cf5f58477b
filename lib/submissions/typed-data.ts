import { keccak256, toBytes, type Address, type Hex } from "viem";
import { eip712Domain } from "../signing/domain";

/**
 * The EIP-712 message a contributor signs (domain: lib/signing/domain.ts). The content travels as
 * its keccak256 so wallets show a short, checkable hash; issuedAt (unix seconds) bounds replays to
 * the server's 10-minute window.
 */
export const SUBMISSION_TYPES = {
  Submission: [
    { name: "contributor", type: "address" },
    { name: "contentHash", type: "bytes32" },
    { name: "sourceUrl", type: "string" },
    { name: "tags", type: "string[]" },
    { name: "license", type: "string" },
    { name: "issuedAt", type: "uint64" },
  ],
} as const;

export function contentHash(content: string): Hex {
  return keccak256(toBytes(content));
}

export type SubmissionFields = {
  contributor: Address;
  content: string;
  sourceUrl?: string | null;
  tags: readonly string[];
  license: string;
  issuedAt: number;
};

export function submissionTypedData(fields: SubmissionFields, chainId: number) {
  return {
    domain: eip712Domain(chainId),
    types: SUBMISSION_TYPES,
    primaryType: "Submission" as const,
    message: {
      contributor: fields.contributor,
      contentHash: contentHash(fields.content),
      sourceUrl: fields.sourceUrl ?? "",
      tags: [...fields.tags],
      license: fields.license,
      issuedAt: BigInt(fields.issuedAt),
    },
  };
}
