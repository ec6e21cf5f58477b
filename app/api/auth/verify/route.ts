import { NextResponse } from "next/server";
import { expectedDomain } from "@/lib/auth/request-session";
import { createSession, SESSION_COOKIE } from "@/lib/auth/session";
import { signInSchema, verifySignIn } from "@/lib/auth/siwe";
import { chainSettings } from "@/lib/chain/config";
import { getDb } from "@/lib/db/client";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { log } from "@/lib/log";

export const POST = route(async (request) => {
  const input = await readJson(request, signInSchema, 16 * 1024);
  const db = await getDb();
  const { address, chainId } = await verifySignIn(db, input, { domain: expectedDomain(request), chainId: chainSettings().chainId });
  const session = await createSession(db, address, chainId);
  log.info("signed_in", { address });
  const response = NextResponse.json({ address });
  response.cookies.set(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: "lax",
    secure: request.nextUrl.protocol === "https:",
    path: "/",
    expires: session.expiresAt,
  });
  return response;
});
