import { z } from "zod";
import { preflight } from "@/lib/http/cors";
import { route, type RouteContext } from "@/lib/http/route";
import { findDataset } from "@/lib/snapshots/catalog";
import { snapshotStorage } from "@/lib/snapshots/current-storage";
import { parseDatasetRef } from "@/lib/snapshots/dataset-response";
import { snapshotFileResponse } from "@/lib/snapshots/file-response";

// A malformed ref is a 400 (parseDatasetRef); a name no file can have is simply not found.
const paramsSchema = z.object({ ref: z.string(), name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/) });
const spec = { auth: "public", limit: "reads", cors: true, params: paramsSchema } as const;

const serveFile = async ({ request, db, params }: RouteContext<"public", undefined, undefined, typeof paramsSchema>) =>
  snapshotFileResponse(snapshotStorage(), await findDataset(db, parseDatasetRef(params.ref)), params.ref, params.name, request);

export const GET = route(spec, serveFile);
export const HEAD = route(spec, serveFile);
export const OPTIONS = route(spec, preflight);
