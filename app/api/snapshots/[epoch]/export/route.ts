import { NextResponse } from "next/server";
import { z } from "zod";
import { notFound } from "@/lib/http/api-error";
import { route } from "@/lib/http/route";
import { exportJobView } from "@/lib/snapshots/export-jobs";

const paramsSchema = z.object({ epoch: z.string().regex(/^[1-9]\d{0,8}$/).transform(Number) });

/** The export of an epoch: queued, running (file, rows, files done), done, or failed with why. */
export const GET = route({ auth: "curator", limit: "reads", params: paramsSchema }, async ({ db, params }) => {
  const job = await exportJobView(db, params.epoch);
  if (!job) throw notFound(`No export for epoch ${params.epoch}.`);
  return NextResponse.json({ job }, { headers: { "cache-control": "no-store" } });
});
