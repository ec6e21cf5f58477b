"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { VotingKeyView } from "@/lib/curation/voting-keys";
import { errorMessage, sendJson } from "../api-client";
import { shortHex } from "../format";
import { Badge, Card, buttonClass } from "../ui";
import { useAppSettings } from "../wallet/app-settings";
import { useSession } from "../wallet/use-session";
import { forgetVotingKey, loadVotingKey } from "./voting-key";

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short" });
const TONE = { active: "accepted", expired: "neutral", revoked: "rejected" } as const;

/** The signed-in validator's voting keys, newest first, with a revoke button on the live ones. */
export function VotingKeysList() {
  const { profile, loading } = useSession();
  const { settings } = useAppSettings();
  const queryClient = useQueryClient();
  const keys = useQuery({
    queryKey: ["voting-keys", profile?.address],
    enabled: !!profile,
    queryFn: async () => {
      const res = await fetch("/api/voting-keys", { cache: "no-store" });
      if (!res.ok) throw new Error(await errorMessage(res));
      return ((await res.json()) as { keys: VotingKeyView[] }).keys;
    },
  });
  const revoke = useMutation({
    mutationFn: async (key: string) => {
      const res = await sendJson(`/api/voting-keys/${key}`, {}, "DELETE");
      if (!res.ok) throw new Error(await errorMessage(res));
      return key;
    },
    onSuccess: (key) => {
      if (profile && loadVotingKey(settings.chainId, profile.address)?.address.toLowerCase() === key.toLowerCase()) forgetVotingKey(settings.chainId, profile.address);
      void queryClient.invalidateQueries({ queryKey: ["voting-keys"] });
    },
  });

  if (loading) return null;
  if (!profile)
    return (
      <Card className="py-12 text-center">
        <h2 className="text-lg font-semibold">Sign in to see your keys</h2>
        <p className="mt-2 text-sm text-stone-600">Connect your wallet and sign in (top right).</p>
      </Card>
    );
  const here = loadVotingKey(settings.chainId, profile.address)?.address.toLowerCase();
  return (
    <Card className="overflow-x-auto p-0 sm:p-0">
      {keys.isPending && <p className="p-6 text-sm text-stone-500" aria-busy="true">Loading your keys…</p>}
      {keys.isError && (
        <p role="alert" className="p-6 text-sm text-red-700">
          {keys.error.message}
        </p>
      )}
      {keys.data?.length === 0 && (
        <p className="p-6 text-sm text-stone-600">
          No voting keys yet. Turn on fast voting on the review queue: your wallet signs once and a key in this browser signs each vote.
        </p>
      )}
      {keys.data && keys.data.length > 0 && (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Your voting keys</caption>
          <thead className="border-b border-stone-200 bg-stone-50 text-xs text-stone-500 uppercase">
            <tr>
              <th className="px-4 py-3 font-medium">Key</th>
              <th className="px-4 py-3 font-medium">Status</th>
              <th className="hidden px-4 py-3 font-medium sm:table-cell">Created</th>
              <th className="px-4 py-3 font-medium">Expires</th>
              <th className="px-4 py-3 text-right font-medium">
                <span className="sr-only">Action</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {keys.data.map((k) => (
              <tr key={k.key} data-testid={`voting-key-${k.key}`}>
                <td className="px-4 py-3">
                  <span className="font-mono text-xs" title={k.key}>
                    {shortHex(k.key)}
                  </span>
                  {k.key.toLowerCase() === here && <span className="ml-2 text-xs text-stone-500">this browser</span>}
                </td>
                <td className="px-4 py-3">
                  <Badge tone={TONE[k.status]}>{k.status}</Badge>
                </td>
                <td className="hidden px-4 py-3 text-stone-600 sm:table-cell">{dateFormat.format(new Date(k.createdAt))}</td>
                <td className="px-4 py-3 text-stone-600">{dateFormat.format(new Date(k.expiresAt))}</td>
                <td className="px-4 py-3 text-right">
                  {k.status === "active" && (
                    <button
                      type="button"
                      onClick={() => revoke.mutate(k.key)}
                      disabled={revoke.isPending}
                      className={buttonClass.secondary}
                      aria-label={`Revoke key ${k.key}`}
                    >
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {revoke.error && (
        <p role="alert" className="px-4 pb-4 text-sm text-red-700">
          {revoke.error.message}
        </p>
      )}
    </Card>
  );
}
