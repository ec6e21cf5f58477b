import type { Metadata } from "next";
import { PageHeader } from "@/components/empty-state";
import { RewardsDashboard } from "@/components/rewards/rewards-dashboard";

export const metadata: Metadata = { title: "Rewards" };

export default function RewardsPage() {
  return (
    <>
      <PageHeader title="Rewards">
        Your earnings per epoch and what you can claim now. Each published snapshot pays contributors for accepted items and validators for
        agreeing votes; the distributor contract pays what you have not claimed yet.
      </PageHeader>
      <RewardsDashboard />
    </>
  );
}
