import { NextResponse } from "next/server";
import { profileOf } from "@/lib/accounts/profile";
import { currentStakeCheck } from "@/lib/chain/current";
import { route } from "@/lib/http/route";

export const GET = route({ auth: "session", limit: "session" }, async ({ session }) =>
  NextResponse.json(await profileOf(session, currentStakeCheck()), { headers: { "cache-control": "no-store" } }),
);
