import "server-only";
import { verifyMessage, verifyTypedData } from "viem";
import type { MessageVerifier } from "../auth/siwe";
import type { TypedDataVerifier } from "../curation/vote-authentication";
import type { VotingKeyVerifier } from "../curation/voting-keys";
import { getPublicClient } from "./public-client";

/**
 * Signatures by externally owned accounts are checked locally; anything else is asked of the
 * chain, which also accepts smart-account wallets (ERC-1271, and ERC-6492 for accounts not
 * deployed yet). A chain that cannot be reached counts as "not valid".
 */
export const verifyMessageAnyAccount: MessageVerifier = async (args) =>
  (await verifyMessage(args).catch(() => false)) || (await getPublicClient().verifyMessage(args).catch(() => false));

export const verifyVotingKeyAnyAccount: VotingKeyVerifier = async ({ address, typedData, signature }) =>
  (await verifyTypedData({ ...typedData, address, signature }).catch(() => false)) ||
  (await getPublicClient().verifyTypedData({ ...typedData, address, signature }).catch(() => false));

/** For votes: the EOA case was already decided by recovering the signer; only smart accounts get here. */
export const verifyDigestOnChain: TypedDataVerifier = ({ address, digest, signature }) => getPublicClient().verifyHash({ address, hash: digest, signature });
