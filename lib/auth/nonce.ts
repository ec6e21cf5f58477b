import { and, eq, gt, isNull, lt } from "drizzle-orm";
import { generateSiweNonce } from "viem/siwe";
import type { Db } from "../db/client";
import { authNonces } from "../db/schema";

export const NONCE_TTL_MS = 10 * 60 * 1000;

export async function issueNonce(db: Db, now = new Date()): Promise<string> {
  const nonce = generateSiweNonce();
  await db.delete(authNonces).where(lt(authNonces.expiresAt, new Date(now.getTime() - NONCE_TTL_MS)));
  await db.insert(authNonces).values({ nonce, createdAt: now, expiresAt: new Date(now.getTime() + NONCE_TTL_MS) });
  return nonce;
}

/** Marks the nonce used in one conditional update, so two concurrent sign-ins cannot both consume it. */
export async function consumeNonce(db: Db, nonce: string, now = new Date()): Promise<boolean> {
  const rows = await db
    .update(authNonces)
    .set({ usedAt: now })
    .where(and(eq(authNonces.nonce, nonce), isNull(authNonces.usedAt), gt(authNonces.expiresAt, now)))
    .returning({ nonce: authNonces.nonce });
  return rows.length === 1;
}
