import { keccak256, toBytes, type Address, type Hex } from "viem";

/**
 * The EIP-712 message a contributor signs. The domain binds it to Commonplace on one chain; the
 * content travels as its keccak256 so wallets show a short, checkable hash; issuedAt (unix
 * seconds) bounds replays to the server's 10-minute window. Never change a field without a new
 * domain version: old signatures would stop verifying.
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

export const SUBMISSION_DOMAIN_NAME = "Commonplace";
export const SUBMISSION_DOMAIN_VERSION = "1";

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
    domain: { name: SUBMISSION_DOMAIN_NAME, version: SUBMISSION_DOMAIN_VERSION, chainId },
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
