import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/components/empty-state";

export const metadata: Metadata = { title: "Validate" };

export default function ValidatePage() {
  return (
    <>
      <PageHeader title="Validate">Review submitted items, vote on their quality and earn a share of each epoch.</PageHeader>
      <EmptyState icon="scale" title="The review queue is not open yet">
        Validators stake the reward token to review items. The queue opens with the validator release.
      </EmptyState>
    </>
  );
}
