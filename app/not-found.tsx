import { EmptyState } from "@/components/empty-state";

export default function NotFound() {
  return (
    <EmptyState icon="compass" title="Page not found" action={{ href: "/", label: "Back to Commonplace" }}>
      There is nothing at this address.
    </EmptyState>
  );
}
