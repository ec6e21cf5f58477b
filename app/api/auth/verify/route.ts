import { NextResponse } from "next/server";
import { expectedDomain } from "@/lib/auth/request-session";
import { createSession, SESSION_COOKIE } from "@/lib/auth/session";
import { signInSchema, verifyEoaSignature, verifySignIn, type MessageVerifier } from "@/lib/auth/siwe";
import { chainSettings } from "@/lib/chain/config";
import { getPublicClient } from "@/lib/chain/public-client";
import { getDb } from "@/lib/db/client";
import { readJson } from "@/lib/http/read-json";
import { route } from "@/lib/http/route";
import { log } from "@/lib/log";

/**
 * EOA signatures are checked locally; anything else is asked of the chain, which also accepts
 * smart-account wallets (ERC-1271, and ERC-6492 for accounts not deployed yet).
 */
const verifyAnySignature: MessageVerifier = async (args) =>
  (await verifyEoaSignature(args)) || (await getPublicClient().verifyMessage(args).catch(() => false));

export const POST = route(async (request) => {
  const input = await readJson(request, signInSchema, 16 * 1024);
  const db = await getDb();
  const { address, chainId } = await verifySignIn(db, input, { domain: expectedDomain(request), chainId: chainSettings().chainId }, new Date(), verifyAnySignature);
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
