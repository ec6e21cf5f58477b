import type { Metadata } from "next";
import { EmptyState, PageHeader } from "@/components/empty-state";

export const metadata: Metadata = { title: "Datasets" };

export default function DatasetsPage() {
  return (
    <>
      <PageHeader title="Datasets">Versioned snapshots of every accepted item, with checksums and on-chain roots.</PageHeader>
      <EmptyState icon="layers" title="No snapshots yet">
        Each epoch a curator freezes the accepted items into a snapshot. The first one will be listed here with JSONL,
        Parquet and CSV downloads.
      </EmptyState>
    </>
  );
}
