import { NextResponse } from "next/server";
import { route } from "@/lib/http/route";
import { topTags } from "@/lib/submissions/queries";

export const GET = route({ auth: "public", limit: "reads" }, async ({ db }) =>
  NextResponse.json({ tags: await topTags(db, 24) }, { headers: { "cache-control": "public, max-age=30" } }),
);
