import { getDb } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { findDataset } from "@/lib/snapshots/catalog";
import { snapshotStorage } from "@/lib/snapshots/current-storage";
import { snapshotFileResponse } from "@/lib/snapshots/file-response";

export const GET = route(async (request, { params }: { params: Promise<{ ref: string; name: string }> }) => {
  const { ref, name } = await params;
  const snapshot = await findDataset(await getDb(), ref);
  return snapshotFileResponse(snapshotStorage(), snapshot, name, request);
});
