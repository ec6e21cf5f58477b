import "server-only";
import { ParsedMessage } from "@spruceid/siwe-parser";
import { getAddress, verifyMessage, type Address, type Hex } from "viem";
import { z } from "zod";
import type { Db } from "../db/client";
import { ApiError } from "../http/api-error";
import { consumeNonce } from "./nonce";

export const signInSchema = z.object({
  message: z
    .string()
    .min(1, "The SIWE message is missing.")
    .max(4096, "The SIWE message is too long.")
    .refine((m) => !/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/.test(m), "The SIWE message holds control characters."),
  // Smart-account signatures (ERC-6492) can run to kilobytes; the body cap bounds them.
  signature: z.string().regex(/^0x[0-9a-fA-F]+$/, "The signature must be 0x-prefixed hex."),
});
export type SignInRequest = z.infer<typeof signInSchema>;

/** What the server expects of every sign-in message: one of its configured origins, its own chain. */
export type SiweExpectations = { origins: readonly string[]; chainId: number };

export type MessageVerifier = (args: { address: Address; message: string; signature: Hex }) => Promise<boolean>;

/** An externally owned account's signature, checked without the chain. */
export const verifyEoaSignature: MessageVerifier = (args) => verifyMessage(args).catch(() => false);

const refuse = (code: string, message: string) => new ApiError(401, code, message, "message");

/** The whole message must match the EIP-4361 grammar (a lenient parse would skip a field it cannot read, such as a malformed expiry). */
function parseStrict(message: string): ParsedMessage {
  try {
    return new ParsedMessage(message);
  } catch {
    throw new ApiError(400, "invalid_message", "The message is not a well-formed EIP-4361 sign-in message.", "message");
  }
}

/** The configured origin the message names: its domain is that origin's host and its URI lives on that origin. */
function matchingOrigin(fields: ParsedMessage, origins: readonly string[]): string | null {
  let uriOrigin: string;
  try {
    uriOrigin = new URL(fields.uri).origin;
  } catch {
    return null;
  }
  const origin = origins.find((o) => new URL(o).host === fields.domain && o === uriOrigin);
  if (!origin) return null;
  return !fields.scheme || `${fields.scheme}:` === new URL(origin).protocol ? origin : null;
}

/**
 * Checks an EIP-4361 message and its signature. Cheap checks run first and the nonce (bound to
 * the browser that asked for it) is consumed last, atomically, so a refused attempt changes
 * nothing and a replay can never pass. Returns the origin signed for, which decides cookie flags.
 */
export async function verifySignIn(
  db: Db,
  input: SignInRequest,
  expected: SiweExpectations,
  binding: string | undefined,
  now = new Date(),
  verifySignature: MessageVerifier = verifyEoaSignature,
): Promise<{ address: Address; chainId: number; origin: string }> {
  const fields = parseStrict(input.message);
  const origin = matchingOrigin(fields, expected.origins);
  if (!origin) throw refuse("wrong_domain", `The message is for ${fields.domain}, which is not this site.`);
  if (fields.chainId !== expected.chainId) throw refuse("wrong_chain", `Sign in on chain ${expected.chainId}, not ${fields.chainId}.`);
  if (fields.expirationTime && new Date(fields.expirationTime) <= now) throw refuse("message_expired", "The sign-in message has expired.");
  if (fields.notBefore && new Date(fields.notBefore) > now) throw refuse("message_not_yet_valid", "The sign-in message is not valid yet.");

  const address = getAddress(fields.address);
  const valid = await verifySignature({ address, message: input.message, signature: input.signature as Hex });
  if (!valid) throw refuse("bad_signature", "The signature does not match the message's address.");

  if (!(await consumeNonce(db, fields.nonce, binding, now)))
    throw refuse("invalid_nonce", "This sign-in request is unknown, expired, already used or was started in another browser. Try again.");
  return { address, chainId: fields.chainId, origin };
}
