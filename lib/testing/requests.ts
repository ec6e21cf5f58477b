import { NextRequest } from "next/server";
import type { Address } from "viem";
import { createSession } from "../auth/session";
import type { Db } from "../db/client";

export const TEST_ORIGIN = "http://localhost:3000";

/** A session cookie for `address`, as /api/auth/verify would set it. */
export async function sessionCookie(db: Db, address: Address, chainId = 31337): Promise<string> {
  const { token } = await createSession(db, address, chainId);
  return `cp_session=${token}`;
}

/** A write as our own pages send it: same-origin JSON. */
export function jsonRequest(path: string, body: unknown, cookie?: string, method = "POST", headers: Record<string, string> = {}): NextRequest {
  return new NextRequest(`${TEST_ORIGIN}${path}`, {
    method,
    headers: { "content-type": "application/json", origin: TEST_ORIGIN, ...(cookie ? { cookie } : {}), ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

export function getRequest(path: string, cookie?: string, headers: Record<string, string> = {}): NextRequest {
  return new NextRequest(`${TEST_ORIGIN}${path}`, { headers: { ...(cookie ? { cookie } : {}), ...headers } });
}

export async function errorOf(res: Response): Promise<{ code: string; message: string; field?: string }> {
  const body = (await res.json()) as { error: { code: string; message: string; field?: string } };
  return body.error;
}
