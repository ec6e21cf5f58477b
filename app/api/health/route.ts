import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { appHealth } from "@/lib/ops/health";

/** 200 when the database answers and every migration is applied, else 503: for load balancers and npm run doctor. */
export const GET = route({ auth: "public", limit: "reads" }, async ({ db }) => {
  const health = await appHealth(db);
  return NextResponse.json(health, { status: health.ok ? 200 : 503, headers: { "cache-control": "no-store" } });
});
