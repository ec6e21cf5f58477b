import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull } from "drizzle-orm";
import { getAddress, type Address } from "viem";
import type { Db } from "../db/client";
import { accounts, sessions, type Role } from "../db/schema";

export const SESSION_COOKIE = "cp_session";
export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

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

/** A live session with its account's roles and reputation, read in one query; the address checksummed for viem. */
export type SignedIn = { tokenHash: string; address: Address; chainId: number; expiresAt: Date; roles: Role[]; reputation: number };

/** Tokens are 32 random bytes in base64url; anything else cannot be a session and costs no query. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export async function findSession(db: Db, token: string | undefined, now = new Date()): Promise<SignedIn | null> {
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  const [row] = await db
    .select({
      tokenHash: sessions.tokenHash,
      address: sessions.address,
      chainId: sessions.chainId,
      expiresAt: sessions.expiresAt,
      roles: accounts.roles,
      reputation: accounts.reputation,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.address, sessions.address))
    .where(and(eq(sessions.tokenHash, hashToken(token)), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
  return row ? { ...row, address: getAddress(row.address) } : null;
}

export async function revokeSession(db: Db, tokenHash: string, now = new Date()): Promise<void> {
  await db.update(sessions).set({ revokedAt: now }).where(eq(sessions.tokenHash, tokenHash));
}
