import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { getAddress, type Address } from "viem";
import type { Db } from "../db/client";
import { accounts, sessions, type Session } from "../db/schema";

export const SESSION_COOKIE = "cp_session";
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Creates the account on first sign-in and a session row; returns the secret cookie token (only its hash is stored). */
export async function createSession(db: Db, address: Address, chainId: number, now = new Date()) {
  const token = randomBytes(32).toString("base64url");
  const lower = address.toLowerCase();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db.transaction(async (tx) => {
    await tx.insert(accounts).values({ address: lower }).onConflictDoNothing();
    await tx.insert(sessions).values({ tokenHash: hashToken(token), address: lower, chainId, createdAt: now, expiresAt });
  });
  return { token, expiresAt };
}

/** A live session; its address checksummed, as every caller hands it to viem and lib functions. */
export type SignedIn = Omit<Session, "address"> & { address: Address };

export async function findSession(db: Db, token: string | undefined, now = new Date()): Promise<SignedIn | null> {
  if (!token) return null;
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
  return row ? { ...row, address: getAddress(row.address) } : null;
}

export async function revokeSession(db: Db, token: string, now = new Date()): Promise<void> {
  await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.tokenHash, hashToken(token)));
}
