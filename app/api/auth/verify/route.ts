import { NextResponse } from "next/server";
import { NONCE_BINDING_COOKIE } from "@/lib/auth/nonce";
import { createSession, SESSION_COOKIE } from "@/lib/auth/session";
import { signInSchema, verifySignIn } from "@/lib/auth/siwe";
import { chainSettings } from "@/lib/chain/config";
import { verifyMessageAnyAccount } from "@/lib/chain/signature-verifiers";
import { appOrigins } from "@/lib/config/app-origins";
import { route } from "@/lib/http/route";
import { log } from "@/lib/log";

export const POST = route({ auth: "public", limit: "sign-in", body: signInSchema }, async ({ request, db, body }) => {
  const expected = { origins: appOrigins(), chainId: chainSettings().chainId };
  const binding = request.cookies.get(NONCE_BINDING_COOKIE)?.value;
  const { address, chainId, origin } = await verifySignIn(db, body, expected, binding, new Date(), verifyMessageAnyAccount);
  const session = await createSession(db, address, chainId);
  log.info("signed_in", { address });
  const response = NextResponse.json({ address });
  response.cookies.set(SESSION_COOKIE, session.token, {
    httpOnly: true,
    sameSite: "lax",
    secure: origin.startsWith("https:"),
    path: "/",
    expires: session.expiresAt,
  });
  response.cookies.delete({ name: NONCE_BINDING_COOKIE, path: "/api/auth" });
  return response;
});
