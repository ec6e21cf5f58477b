import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { listDatasets } from "@/lib/snapshots/catalog";

export const GET = route({ auth: "public", limit: "reads" }, async ({ db }) =>
  NextResponse.json({ datasets: await listDatasets(db) }, { headers: { "cache-control": "public, max-age=15" } }),
);
