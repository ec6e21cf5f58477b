import { NextResponse } from "next/server";
import { requireSession } from "@/lib/auth/request-session";
import { revokeSession, SESSION_COOKIE } from "@/lib/auth/session";
import { getDb } from "@/lib/db/client";
import { route } from "@/lib/http/route";

export const POST = route(async (request) => {
  const db = await getDb();
  await requireSession(db, request);
  await revokeSession(db, request.cookies.get(SESSION_COOKIE)?.value ?? "");
  const response = NextResponse.json({ ok: true });
  response.cookies.delete(SESSION_COOKIE);
  return response;
});
