"use client";

import { Card } from "../ui";
import { useAppSettings } from "../wallet/app-settings";
import { useSession } from "../wallet/use-session";
import { EarnTokens } from "../staking/earn-tokens";
import { SlashNotice } from "../staking/slash-notice";
import { StakeForm } from "../staking/stake-form";
import { useStaking } from "../staking/use-staking";
import { ReviewQueue } from "./review-queue";
import type { Address } from "viem";

/** Validators get the queue; everyone else stakes from here (or learns where CMPL comes from). A recent slash is said first. */
export function ValidateGate() {
  const { profile, loading } = useSession();
  if (loading) return null;
  if (!profile)
    return (
      <Card className="py-12 text-center">
        <h2 className="text-lg font-semibold">Sign in to review</h2>
        <p className="mt-2 text-sm text-stone-600">Connect your wallet and sign in (top right). Validators see the review queue here.</p>
      </Card>
    );
  const slash = profile.slashes[0];
  return (
    <div className="space-y-6">
      {slash && <SlashNotice slash={slash} stillValidator={profile.roles.validator} />}
      {profile.roles.validator ? <ReviewQueue address={profile.address} /> : <BecomeValidator address={profile.address} />}
    </div>
  );
}

function BecomeValidator({ address }: { address: Address }) {
  const staking = useStaking(address);
  const { deployment, settings } = useAppSettings();
  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_20rem]">
      <Card className="space-y-5">
        <div>
          <h2 className="text-lg font-semibold">Become a validator</h2>
          <p className="mt-1 text-sm text-stone-600">
            Validators stake CMPL as collateral: it is what a validator who keeps voting against known answers loses. Stake the minimum and the review
            queue opens here as soon as the transaction is confirmed.
          </p>
        </div>
        {deployment ? <StakeForm staking={staking} submitLabel="Stake and start reviewing" /> : <p className="text-sm text-stone-600">No staking contract on this network yet.</p>}
        {settings.local && <p className="rounded-xl bg-stone-50 p-3 text-sm text-stone-600">On the local chain a curator can also grant you the validator role from the Curator page.</p>}
      </Card>
      <Card>
        <EarnTokens address={address} />
      </Card>
    </div>
  );
}
