import type { NextRequest } from "next/server";
import type { Db } from "../db/client";
import { unauthorized } from "../http/api-error";
import { findSession, SESSION_COOKIE } from "./session";

/** The signed-in session of a request, or a 401. */
export async function requireSession(db: Db, request: NextRequest) {
  const session = await findSession(db, request.cookies.get(SESSION_COOKIE)?.value);
  if (!session) throw unauthorized();
  return session;
}

/** The domain SIWE messages must name: APP_URL's host when configured (production), else the request's own host. */
export function expectedDomain(request: NextRequest): string {
  const configured = process.env.APP_URL;
  return configured ? new URL(configured).host : (request.headers.get("host") ?? request.nextUrl.host);
}
