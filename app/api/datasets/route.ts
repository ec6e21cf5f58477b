import { NextResponse } from "next/server";
import { preflight } from "@/lib/http/cors";
import { route } from "@/lib/http/route";
import { listDatasets } from "@/lib/snapshots/catalog";

const spec = { auth: "public", limit: "reads", cors: true } as const;

export const GET = route(spec, async ({ db }) =>
  NextResponse.json({ datasets: await listDatasets(db) }, { headers: { "cache-control": "public, max-age=15" } }),
);
export const OPTIONS = route(spec, preflight);
