import { NextResponse, type NextRequest } from "next/server";
import { chainSettings } from "@/lib/chain/config";
import { secureCookies } from "@/lib/config/app-origins";
import { API_POLICY, HSTS, pagePolicy } from "@/lib/http/security-headers";

/**
 * Per-request security headers. Pages get a Content-Security-Policy with a fresh nonce, which
 * Next reads from the request's copy of the header and puts on every script it renders (so every
 * page renders per request); API answers get a policy that allows nothing; HSTS when the app is
 * configured for https. The headers that never change come from next.config.ts.
 */
export function proxy(request: NextRequest) {
  const https = secureCookies();
  const isApi = request.nextUrl.pathname.startsWith("/api/");
  const nonce = Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
  const policy = isApi ? API_POLICY : pagePolicy({ nonce, rpcUrl: chainSettings().publicRpcUrl, https, dev: process.env.NODE_ENV === "development" });
  const headers = new Headers(request.headers);
  if (!isApi) headers.set("content-security-policy", policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", policy);
  if (https) response.headers.set("strict-transport-security", HSTS);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image).*)"],
};
