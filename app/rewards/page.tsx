import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/components/empty-state";

export const metadata: Metadata = { title: "Rewards" };

export default function RewardsPage() {
  return (
    <>
      <PageHeader title="Rewards">Your earnings per epoch and what you can claim now.</PageHeader>
      <EmptyState icon="coin" title="No reward epochs yet">
        Rewards are paid once a snapshot is published on-chain. Your claimable amount and its history will appear here.
      </EmptyState>
    </>
  );
}
