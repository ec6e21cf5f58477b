"use client";

import { Card } from "../ui";
import { useSession } from "../wallet/use-session";
import { StakeManager } from "./stake-manager";

/** /validate/stake for the signed-in account. */
export function StakePage() {
  const { profile, loading } = useSession();
  if (loading) return null;
  if (!profile)
    return (
      <Card className="py-12 text-center">
        <h2 className="text-lg font-semibold">Sign in to manage your stake</h2>
        <p className="mt-2 text-sm text-stone-600">Connect your wallet and sign in (top right).</p>
      </Card>
    );
  return <StakeManager address={profile.address} />;
}
