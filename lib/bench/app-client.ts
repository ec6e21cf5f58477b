import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { createSession } from "../auth/session";
import { LOCAL_CHAIN_ID } from "../chain/config";
import type { Db } from "../db/client";
import { submissionTypedData } from "../submissions/typed-data";

/** A fresh key whose session is created directly in the database: no SIWE round trip per client. */
export type SignedInClient = { account: PrivateKeyAccount; cookie: string };

export async function signedInClients(db: Db, count: number): Promise<SignedInClient[]> {
  return Promise.all(
    Array.from({ length: count }, async () => {
      const account = privateKeyToAccount(generatePrivateKey());
      const { token } = await createSession(db, account.address, LOCAL_CHAIN_ID);
      return { account, cookie: `cp_session=${token}` };
    }),
  );
}

/** The JSON body of POST /api/submissions, EIP-712-signed by `account` as the submit form does. */
export async function signedSubmission(account: PrivateKeyAccount, content: string, tags: string[], issuedAt: number): Promise<string> {
  const fields = { content, sourceUrl: "https://example.org/bench", tags, license: "CC-BY-4.0", issuedAt };
  const signature = await account.signTypedData(submissionTypedData({ ...fields, contributor: account.address }, LOCAL_CHAIN_ID));
  return JSON.stringify({ ...fields, signature });
}

/** A write as the browser app sends it: same-origin JSON (the app refuses cross-site writes). */
export function postJson(base: string, path: string, cookie: string, body: string, signal?: AbortSignal): Promise<Response> {
  return fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base, cookie },
    body,
    signal,
  });
}
