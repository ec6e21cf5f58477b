import { NextResponse } from "next/server";
import { issueNonce } from "@/lib/auth/nonce";
import { getDb } from "@/lib/db/client";
import { route } from "@/lib/http/route";

export const GET = route(async () => {
  const nonce = await issueNonce(await getDb());
  return NextResponse.json({ nonce }, { headers: { "cache-control": "no-store" } });
});
