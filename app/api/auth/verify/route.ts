import { NextResponse } from "next/server";
import { NONCE_BINDING_COOKIE } from "@/lib/auth/nonce";
import { createSession, SESSION_COOKIE } from "@/lib/auth/session";
import { signInSchema, verifyEoaSignature, verifySignIn, type MessageVerifier } from "@/lib/auth/siwe";
import { chainSettings } from "@/lib/chain/config";
import { getPublicClient } from "@/lib/chain/public-client";
import { appOrigins } from "@/lib/config/app-origins";
import { route } from "@/lib/http/route";
import { log } from "@/lib/log";

/**
 * EOA signatures are checked locally; anything else is asked of the chain, which also accepts
 * smart-account wallets (ERC-1271, and ERC-6492 for accounts not deployed yet).
 */
const verifyAnySignature: MessageVerifier = async (args) =>
  (await verifyEoaSignature(args)) || (await getPublicClient().verifyMessage(args).catch(() => false));

export const POST = route({ auth: "public", limit: "sign-in", body: signInSchema }, async ({ request, db, body }) => {
  const expected = { origins: appOrigins(), chainId: chainSettings().chainId };
  const binding = request.cookies.get(NONCE_BINDING_COOKIE)?.value;
  const { address, chainId, origin } = await verifySignIn(db, body, expected, binding, new Date(), verifyAnySignature);
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
