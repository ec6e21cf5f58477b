import { getAddress, verifyMessage, type Address, type Hex } from "viem";
import { parseSiweMessage } from "viem/siwe";
import { z } from "zod";
import type { Db } from "../db/client";
import { ApiError } from "../http/api-error";
import { consumeNonce } from "./nonce";

export const signInSchema = z.object({
  message: z.string().min(1, "The SIWE message is missing.").max(4096, "The SIWE message is too long."),
  signature: z.string().regex(/^0x[0-9a-fA-F]+$/, "The signature must be 0x-prefixed hex."),
});
export type SignInRequest = z.infer<typeof signInSchema>;

/** What the server expects of every sign-in message: its own host, its own chain. */
export type SiweExpectations = { domain: string; chainId: number };

export type MessageVerifier = (args: { address: Address; message: string; signature: Hex }) => Promise<boolean>;

/** An externally owned account's signature, checked without the chain. */
export const verifyEoaSignature: MessageVerifier = (args) => verifyMessage(args).catch(() => false);

const refuse = (code: string, message: string) => new ApiError(401, code, message, "message");

/**
 * Checks an EIP-4361 message and its signature. Cheap checks run first and the nonce is consumed
 * last, atomically, so a refused attempt creates nothing and a replay can never pass.
 */
export async function verifySignIn(
  db: Db,
  input: SignInRequest,
  expected: SiweExpectations,
  now = new Date(),
  verifySignature: MessageVerifier = verifyEoaSignature,
): Promise<{ address: Address; chainId: number }> {
  const fields = parseSiweMessage(input.message);
  if (!fields.address || !fields.domain || !fields.nonce || !fields.uri || !fields.chainId || fields.version !== "1")
    throw new ApiError(400, "invalid_message", "The message is not a complete EIP-4361 sign-in message.", "message");
  if (fields.domain !== expected.domain) throw refuse("wrong_domain", `The message is for ${fields.domain}, not ${expected.domain}.`);
  if (!sameHost(fields.uri, expected.domain)) throw refuse("wrong_domain", "The message URI does not belong to this site.");
  if (fields.chainId !== expected.chainId) throw refuse("wrong_chain", `Sign in on chain ${expected.chainId}, not ${fields.chainId}.`);
  if (fields.expirationTime && fields.expirationTime <= now) throw refuse("message_expired", "The sign-in message has expired.");
  if (fields.notBefore && fields.notBefore > now) throw refuse("message_not_yet_valid", "The sign-in message is not valid yet.");

  const address = getAddress(fields.address);
  const valid = await verifySignature({ address, message: input.message, signature: input.signature as Hex });
  if (!valid) throw refuse("bad_signature", "The signature does not match the message's address.");

  if (!(await consumeNonce(db, fields.nonce, now)))
    throw refuse("invalid_nonce", "This sign-in request is unknown, expired or already used. Try again.");
  return { address, chainId: fields.chainId };
}

function sameHost(uri: string, domain: string): boolean {
  try {
    return new URL(uri).host === domain;
  } catch {
    return false;
  }
}
