import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { listDatasets } from "@/lib/snapshots/catalog";

export const GET = route(async () => {
  const datasets = await listDatasets(await getDb());
  return NextResponse.json({ datasets }, { headers: { "cache-control": "public, max-age=15" } });
});
