"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useConnection, useSignMessage } from "wagmi";
import { createSiweMessage } from "viem/siwe";
import type { Profile } from "@/lib/accounts/profile";
import { errorMessage, sendJson } from "../api-client";
import { useAppSettings } from "./app-settings";

export const SESSION_QUERY_KEY = ["me"] as const;

async function fetchProfile(): Promise<Profile | null> {
  const res = await fetch("/api/me", { cache: "no-store" });
  if (res.status === 401) return null;
  if (!res.ok) throw new Error("Could not load your session.");
  return (await res.json()) as Profile;
}

/** The signed-in profile (null when signed out), shared by every component through react-query. */
export function useSession() {
  const { address } = useConnection();
  const query = useQuery({ queryKey: SESSION_QUERY_KEY, queryFn: fetchProfile });
  const profile = query.data ?? null;
  // A session for another address than the connected wallet is treated as signed out in the UI.
  const matches = !!profile && !!address && profile.address.toLowerCase() === address.toLowerCase();
  return { profile: matches ? profile : null, loading: query.isPending };
}

export function useSignIn() {
  const { address } = useConnection();
  const { settings } = useAppSettings();
  const { mutateAsync: signMessage } = useSignMessage();
  const queryClient = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: async () => {
      if (!address) throw new Error("Connect a wallet first.");
      const nonceRes = await fetch("/api/auth/nonce", { cache: "no-store" });
      if (!nonceRes.ok) throw new Error(await errorMessage(nonceRes));
      const { nonce } = (await nonceRes.json()) as { nonce: string };
      const message = createSiweMessage({
        address,
        chainId: settings.chainId,
        domain: window.location.host,
        uri: window.location.origin,
        nonce,
        version: "1",
        statement: "Sign in to Commonplace.",
        issuedAt: new Date(),
        expirationTime: new Date(Date.now() + 10 * 60 * 1000),
      });
      const signature = await signMessage({ message });
      const res = await sendJson("/api/auth/verify", { message, signature });
      if (!res.ok) throw new Error(await errorMessage(res));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY }),
    // Server-rendered pages (the curator's) depend on the session cookie: render them again.
    onSuccess: () => router.refresh(),
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  const router = useRouter();
  return useMutation({
    mutationFn: async () => {
      await sendJson("/api/auth/logout");
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: SESSION_QUERY_KEY }),
    onSuccess: () => router.refresh(),
  });
}
