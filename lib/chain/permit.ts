import type { Address } from "viem";

/**
 * EIP-2612 Permit typed data for the CommonplaceToken: its domain is the token's own
 * ({name: "Commonplace", version: "1", chainId, verifyingContract: token}, OpenZeppelin ERC20Permit).
 * One definition for the browser's stake-with-permit, scripts and tests.
 */
export function permitTypedData(p: { token: Address; chainId: number; owner: Address; spender: Address; value: bigint; nonce: bigint; deadline: bigint }) {
  return {
    domain: { name: "Commonplace", version: "1", chainId: p.chainId, verifyingContract: p.token },
    types: {
      Permit: [
        { name: "owner", type: "address" },
        { name: "spender", type: "address" },
        { name: "value", type: "uint256" },
        { name: "nonce", type: "uint256" },
        { name: "deadline", type: "uint256" },
      ],
    },
    primaryType: "Permit" as const,
    message: { owner: p.owner, spender: p.spender, value: p.value, nonce: p.nonce, deadline: p.deadline },
  };
}
