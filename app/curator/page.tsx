import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/components/empty-state";

export const metadata: Metadata = { title: "Curator" };

export default function CuratorPage() {
  return (
    <>
      <PageHeader title="Curator">Queue health, validators and the snapshot of each epoch.</PageHeader>
      <EmptyState icon="compass" title="Nothing to curate yet">
        Once items are submitted and reviewed, this page shows the queue&apos;s health and lets a curator freeze and publish
        each epoch from their own wallet.
      </EmptyState>
    </>
  );
}
