import { NextResponse } from "next/server";
import { revokeSession, SESSION_COOKIE } from "@/lib/auth/session";
import { route } from "@/lib/http/route";

export const POST = route({ auth: "session", limit: "session" }, async ({ db, session }) => {
  await revokeSession(db, session.tokenHash);
  const response = NextResponse.json({ ok: true });
  response.cookies.delete(SESSION_COOKIE);
  return response;
});
