import { z } from "zod";
import { preflight } from "@/lib/http/cors";
import { route } from "@/lib/http/route";
import { datasetResponse } from "@/lib/snapshots/dataset-response";

// The ref is checked by datasetResponse: a malformed one is a 400, an unknown epoch a 404.
const spec = { auth: "public", limit: "reads", cors: true, params: z.object({ ref: z.string() }) } as const;

export const GET = route(spec, async ({ db, params }) => datasetResponse(db, params.ref));
export const OPTIONS = route(spec, preflight);
