"use client";

import { useMutation } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import type { Address, Hex } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { useSignTypedData } from "wagmi";
import { voteTypedData, votingKeyTypedData, type VoteFields } from "@/lib/curation/vote-typed-data";
import { errorMessage, sendJson } from "../api-client";
import { useAppSettings } from "../wallet/app-settings";
import { forgetVotingKey, loadVotingKey, newVotingKey, saveVotingKey, type StoredVotingKey } from "./voting-key";

/**
 * Fast voting: the wallet signs one VotingKey delegation for a key made in this browser, and that
 * key signs every vote without a prompt (the pattern of Snapshot's aliases and Farcaster's
 * signers). Without a key, each vote is signed by the wallet itself.
 */
export function useFastVoting(validator: Address) {
  const { settings } = useAppSettings();
  const chainId = settings.chainId;
  const [key, setKey] = useState<StoredVotingKey | null>(() => (typeof window === "undefined" ? null : loadVotingKey(chainId, validator)));
  const { mutateAsync: signWithWallet } = useSignTypedData();

  const enable = useMutation({
    mutationFn: async () => {
      const fresh = newVotingKey();
      const signature = await signWithWallet(votingKeyTypedData({ validator, key: fresh.address, expiresAt: fresh.expiresAt }, chainId));
      const res = await sendJson("/api/voting-keys", { key: fresh.address, expiresAt: fresh.expiresAt, signature });
      if (!res.ok) throw new Error(await errorMessage(res));
      saveVotingKey(chainId, validator, fresh);
      return fresh;
    },
    onSuccess: setKey,
  });

  /** Forgets this browser's key (the server refused it: revoked elsewhere, or expired). */
  const drop = useCallback(() => {
    forgetVotingKey(chainId, validator);
    setKey(null);
  }, [chainId, validator]);

  // Deriving the account computes its public key: once per key, not once per vote.
  const keyAccount = useMemo(() => (key ? privateKeyToAccount(key.privateKey) : null), [key]);

  /** Signs a vote: silently with the key when there is a live one, else in the wallet. */
  const signVote = useCallback(
    async (fields: Omit<VoteFields, "validator">): Promise<Hex> => {
      const typed = voteTypedData({ ...fields, validator }, chainId);
      const live = key && keyAccount && key.expiresAt * 1000 > Date.now() ? keyAccount : null;
      return live ? live.signTypedData(typed) : signWithWallet(typed);
    },
    [key, keyAccount, validator, chainId, signWithWallet],
  );

  return { key, enable, drop, signVote };
}
