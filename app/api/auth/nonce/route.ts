import { NextResponse } from "next/server";
import { bindingToken, issueNonce, NONCE_BINDING_COOKIE, NONCE_TTL_MS } from "@/lib/auth/nonce";
import { secureCookies } from "@/lib/config/app-origins";
import { route } from "@/lib/http/route";

export const GET = route({ auth: "public", limit: "nonce" }, async ({ request, db }) => {
  const binding = bindingToken(request.cookies.get(NONCE_BINDING_COOKIE)?.value);
  const nonce = await issueNonce(db, binding);
  const response = NextResponse.json({ nonce }, { headers: { "cache-control": "no-store" } });
  response.cookies.set(NONCE_BINDING_COOKIE, binding, {
    httpOnly: true,
    sameSite: "strict",
    secure: secureCookies(),
    path: "/api/auth",
    maxAge: NONCE_TTL_MS / 1000,
  });
  return response;
});
