import { z } from "zod";
import { route } from "@/lib/http/route";
import { findDataset } from "@/lib/snapshots/catalog";
import { snapshotStorage } from "@/lib/snapshots/current-storage";
import { snapshotFileResponse } from "@/lib/snapshots/file-response";

const paramsSchema = z.object({ ref: z.string().regex(/^(latest|[1-9]\d{0,8})$/), name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/) });

export const GET = route({ auth: "public", limit: "reads", params: paramsSchema }, async ({ request, db, params }) =>
  snapshotFileResponse(snapshotStorage(), await findDataset(db, params.ref), params.name, request),
);
