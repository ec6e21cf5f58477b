import { EmptyState } from "@/components/empty-state";

export default function DatasetNotFound() {
  return (
    <EmptyState icon="layers" title="No dataset for this epoch" action={{ href: "/datasets", label: "See all datasets" }}>
      This epoch has not been snapshotted yet, or the address is mistyped. Every published and exported snapshot is listed in the catalog.
    </EmptyState>
  );
}
