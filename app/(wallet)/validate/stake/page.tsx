import type { Metadata } from "next";
import Link from "next/link";
import { PageHeader } from "@/components/empty-state";
import { StakePage } from "@/components/staking/stake-page";

export const metadata: Metadata = { title: "Your stake" };

export default function ValidatorStakePage() {
  return (
    <>
      <PageHeader title="Your stake">Your collateral as a validator: top it up, request to unstake, and withdraw once it unlocks.</PageHeader>
      <StakePage />
      <p className="mt-6 text-sm">
        <Link href="/validate" className="font-medium text-brand-700 hover:underline">
          ← Back to the review queue
        </Link>
      </p>
    </>
  );
}
