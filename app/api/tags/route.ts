import { NextResponse } from "next/server";
import { getDb } from "@/lib/db/client";
import { route } from "@/lib/http/route";
import { topTags } from "@/lib/submissions/queries";

export const GET = route(async () => {
  const tags = await topTags(await getDb(), 24);
  return NextResponse.json({ tags }, { headers: { "cache-control": "public, max-age=30" } });
});
