"use client";

import type { Address, Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { FAST_VOTING_SECONDS } from "@/lib/curation/vote-typed-data";

/**
 * The fast-voting key of one validator on one chain, kept in this browser: the wallet signed a
 * VotingKey delegation for it once, and it signs each vote silently until it expires.
 */
export type StoredVotingKey = { privateKey: Hex; address: Address; expiresAt: number };

const storageKey = (chainId: number, validator: string) => `commonplace.voting-key.${chainId}.${validator.toLowerCase()}`;
/** A key this close to its expiry is not used: a vote signed now must still be valid when it arrives. */
const MARGIN_SECONDS = 120;

export function loadVotingKey(chainId: number, validator: string, now = Date.now()): StoredVotingKey | null {
  try {
    const saved = JSON.parse(window.localStorage.getItem(storageKey(chainId, validator)) ?? "null") as StoredVotingKey | null;
    if (!saved || !/^0x[0-9a-f]{64}$/.test(saved.privateKey) || saved.expiresAt * 1000 <= now + MARGIN_SECONDS * 1000) return null;
    return { ...saved, address: privateKeyToAccount(saved.privateKey).address };
  } catch {
    return null;
  }
}

export function forgetVotingKey(chainId: number, validator: string): void {
  window.localStorage.removeItem(storageKey(chainId, validator));
}

/** A fresh key, valid for 24 hours from now (not stored until the server has accepted its delegation). */
export function newVotingKey(now = Date.now()): StoredVotingKey {
  const privateKey = generatePrivateKey();
  return { privateKey, address: privateKeyToAccount(privateKey).address, expiresAt: Math.floor(now / 1000) + FAST_VOTING_SECONDS };
}

export function saveVotingKey(chainId: number, validator: string, key: StoredVotingKey): void {
  window.localStorage.setItem(storageKey(chainId, validator), JSON.stringify({ privateKey: key.privateKey, expiresAt: key.expiresAt }));
}
