import { Badge } from "@/components/ui";
import type { DatasetSummary } from "@/lib/snapshots/catalog";

export function DatasetStatusBadge({ status }: { status: DatasetSummary["status"] }) {
  return status === "published" ? <Badge tone="accepted">Published</Badge> : <Badge tone="pending">Awaiting publication</Badge>;
}
