"use client";

import { useReadContract } from "wagmi";
import { validatorStakingAbi } from "@/lib/chain/abi";
import { formatTokenAmount } from "../format";
import { Card } from "../ui";
import { useAppSettings } from "../wallet/app-settings";
import { useSession } from "../wallet/use-session";
import { ReviewQueue } from "./review-queue";

/** Validators get the queue; everyone else learns how to become one. */
export function ValidateGate() {
  const { profile, loading } = useSession();
  const { deployment, settings } = useAppSettings();
  const { data: minStake } = useReadContract({
    address: deployment?.staking,
    abi: validatorStakingAbi,
    functionName: "minStake",
    query: { enabled: !!deployment },
  });
  if (loading) return null;
  if (!profile)
    return (
      <Card className="py-12 text-center">
        <h2 className="text-lg font-semibold">Sign in to review</h2>
        <p className="mt-2 text-sm text-stone-600">Connect your wallet and sign in (top right). Validators see the review queue here.</p>
      </Card>
    );
  if (profile.roles.validator) return <ReviewQueue address={profile.address} />;
  return (
    <Card>
      <h2 className="text-lg font-semibold">Become a validator</h2>
      <ol className="mt-4 list-decimal space-y-2 pl-5 text-sm text-stone-700">
        <li>
          Hold at least {minStake !== undefined ? `${formatTokenAmount(minStake)} CMPL` : "the minimum stake"} — earn it by
          contributing accepted items.
        </li>
        <li>Stake it in the staking contract{deployment ? ` (${deployment.staking})` : ""}. Unstaking takes a waiting period.</li>
        <li>Come back here: your stake is checked on-chain and the queue opens.</li>
      </ol>
      {settings.local && <p className="mt-4 rounded-xl bg-stone-50 p-3 text-sm text-stone-600">On the local chain a curator can also grant you the validator role from the Curator page.</p>}
    </Card>
  );
}
