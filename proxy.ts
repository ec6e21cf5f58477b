import { NextResponse, type NextRequest } from "next/server";
import { chainSettings } from "@/lib/chain/config";
import { secureCookies } from "@/lib/config/app-origins";
import { HSTS, pagePolicy } from "@/lib/http/security-headers";

/**
 * Per-request security headers for pages: a Content-Security-Policy with a fresh nonce, which
 * Next reads from the request's copy of the header and puts on every script it renders (so every
 * page renders per request), and HSTS when the app is configured for https. API routes are not
 * matched: Next buffers a request's whole body for a proxy, which a refused upload must never
 * cost; the route guard and next.config.ts give API answers their headers.
 */
export function proxy(request: NextRequest) {
  const https = secureCookies();
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = pagePolicy({ nonce, rpcUrl: chainSettings().publicRpcUrl, https, dev: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  if (https) response.headers.set("strict-transport-security", HSTS);
  return response;
}

export const config = {
  matcher: ["/((?!api/|_next/static|_next/image).*)"],
};
