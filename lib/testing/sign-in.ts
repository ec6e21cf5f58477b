import { NextRequest } from "next/server";
import type { Address } from "viem";
import type { LocalAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";
import { GET as nonceRoute } from "@/app/api/auth/nonce/route";
import { POST as verifyRoute } from "@/app/api/auth/verify/route";
import { TEST_ORIGIN } from "./requests";

/** A nonce as a browser gets it: the nonce and the binding cookie ("cp_siwe=…") set beside it. */
export async function fetchNonce(cookie?: string): Promise<{ nonce: string; cookie: string; setCookie: string }> {
  const res = await nonceRoute(new NextRequest(`${TEST_ORIGIN}/api/auth/nonce`, { headers: cookie ? { cookie } : {} }));
  if (res.status !== 200) throw new Error(`nonce: ${res.status}`);
  const setCookie = res.headers.get("set-cookie") ?? "";
  const { nonce } = (await res.json()) as { nonce: string };
  return { nonce, cookie: /cp_siwe=[^;]+/.exec(setCookie)?.[0] ?? "", setCookie };
}

export type MessageFields = Partial<Parameters<typeof createSiweMessage>[0]>;

export function siweMessage(address: Address, nonce: string, overrides: MessageFields = {}): string {
  return createSiweMessage({
    address,
    chainId: 31337,
    domain: "localhost:3000",
    uri: TEST_ORIGIN,
    nonce,
    version: "1",
    statement: "Sign in to Commonplace.",
    issuedAt: new Date(),
    ...overrides,
  });
}

/** POST /api/auth/verify as our sign-in page sends it; `headers` override any of them. */
export function postSignIn(body: unknown, headers: Record<string, string> = {}) {
  return verifyRoute(
    new NextRequest(`${TEST_ORIGIN}/api/auth/verify`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: TEST_ORIGIN, ...headers },
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
}

/** The whole sign-in of `signer` for `address` (default: its own) in one browser; returns the verify answer. */
export async function signIn(signer: LocalAccount, address: Address = signer.address, overrides: MessageFields = {}) {
  const { nonce, cookie } = await fetchNonce();
  const message = siweMessage(address, nonce, overrides);
  return postSignIn({ message, signature: await signer.signMessage({ message }) }, { cookie });
}
