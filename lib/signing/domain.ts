/**
 * The EIP-712 domain of every Commonplace signature (submissions, votes, voting keys): it binds a
 * signature to this application on one chain. Never change it or a type without a new version:
 * every published signature would stop verifying.
 */
export const DOMAIN_NAME = "Commonplace";
export const DOMAIN_VERSION = "1";

export const eip712Domain = (chainId: number) => ({ name: DOMAIN_NAME, version: DOMAIN_VERSION, chainId });
