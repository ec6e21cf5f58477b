import { NextResponse } from "next/server";
import { getProfile } from "@/lib/accounts/profile";
import { requireSession } from "@/lib/auth/request-session";
import { currentStakeCheck } from "@/lib/chain/current";
import { getDb } from "@/lib/db/client";
import { route } from "@/lib/http/route";

export const GET = route(async (request) => {
  const db = await getDb();
  const session = await requireSession(db, request);
  return NextResponse.json(await getProfile(db, session.address, currentStakeCheck()), { headers: { "cache-control": "no-store" } });
});
