import "server-only";
import { randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { authNonces } from "../db/schema";
import { hashToken } from "./session";

export const NONCE_TTL_MS = 10 * 60 * 1000;

/**
 * The browser that asked for a nonce holds this httpOnly cookie, and only a sign-in sent with it
 * can redeem that nonce: a nonce fetched elsewhere (or guessed) is worthless here.
 */
export const NONCE_BINDING_COOKIE = "cp_siwe";
const BINDING_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** The browser's binding token, kept when it already has a well-formed one so several tabs can sign in at once. */
export const bindingToken = (existing: string | undefined): string =>
  existing && BINDING_PATTERN.test(existing) ? existing : randomBytes(32).toString("base64url");

/** 128 bits from the OS's CSPRNG, as 32 hex digits (EIP-4361 nonces are alphanumeric). */
export async function issueNonce(db: Db, binding: string, now = new Date()): Promise<string> {
  const nonce = randomBytes(16).toString("hex");
  await db.delete(authNonces).where(lt(authNonces.expiresAt, new Date(now.getTime() - NONCE_TTL_MS)));
  await db.insert(authNonces).values({ nonce, bindingHash: hashToken(binding), createdAt: now, expiresAt: new Date(now.getTime() + NONCE_TTL_MS) });
  return nonce;
}

/**
 * Marks the nonce used in one conditional update — unknown, expired, used, or issued to another
 * browser all fail alike — so two concurrent sign-ins cannot both consume it.
 */
export async function consumeNonce(db: Db, nonce: string, binding: string | undefined, now = new Date()): Promise<boolean> {
  if (!binding || !BINDING_PATTERN.test(binding)) return false;
  const rows = await db
    .update(authNonces)
    .set({ usedAt: now })
    .where(and(eq(authNonces.nonce, nonce), eq(authNonces.bindingHash, hashToken(binding)), isNull(authNonces.usedAt), gt(authNonces.expiresAt, now)))
    .returning({ nonce: authNonces.nonce });
  return rows.length === 1;
}
