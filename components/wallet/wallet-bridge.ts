"use client";

import { useSyncExternalStore } from "react";
import type { Address, Hex } from "viem";
import type { Profile } from "@/lib/accounts/profile";
import type { submissionTypedData } from "@/lib/submissions/typed-data";

/**
 * What a page outside the wallet stack sees of it: the submit page renders and hydrates without
 * wagmi and viem, and the header's wallet island (wallet-island.tsx), once loaded, publishes the
 * connection, the session and a signer here. Until then the page shows the signed-out state.
 */
export type WalletBridge = {
  address: Address | undefined;
  profile: Profile | null;
  /** The session is still being read: neither signed in nor out yet. */
  loading: boolean;
  signSubmission: ((typedData: ReturnType<typeof submissionTypedData>) => Promise<Hex>) | null;
};

const SIGNED_OUT: WalletBridge = { address: undefined, profile: null, loading: false, signSubmission: null };

let current = SIGNED_OUT;
const listeners = new Set<() => void>();

export function publishWallet(next: WalletBridge | null): void {
  current = next ?? SIGNED_OUT;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useWalletBridge(): WalletBridge {
  return useSyncExternalStore(subscribe, () => current, () => SIGNED_OUT);
}
