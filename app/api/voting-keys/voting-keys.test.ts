import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import type { Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { grantValidator } from "@/lib/curation/admin";
import { FAST_VOTING_SECONDS, signedVoteRequest, votingKeyTypedData } from "@/lib/curation/vote-typed-data";
import { registerVotingKey } from "@/lib/curation/voting-keys";
import { useDatabase, type DbHandle } from "@/lib/db/client";
import { accounts, submissions, votes, votingKeys } from "@/lib/db/schema";
import { createTestDb } from "@/lib/db/test-db";
import { submissionRow } from "@/lib/testing/fixtures";
import { relaxedRateLimits } from "@/lib/testing/rate-limits";
import { errorOf, getRequest, jsonRequest, sessionCookie } from "@/lib/testing/requests";
import { POST as voteRoute } from "../votes/route";
import { DELETE as revokeRoute } from "./[key]/route";
import { GET as listRoute, POST as registerRoute } from "./route";

const CHAIN = 31337;
const author = "0x" + "a2".repeat(20);
let handle: DbHandle;
let n = 0;

beforeAll(async () => {
  Object.assign(process.env, relaxedRateLimits(), { LOG_LEVEL: "silent", RPC_URL: "http://127.0.0.1:1" });
  handle = await createTestDb();
  useDatabase(handle);
  await handle.db.insert(accounts).values({ address: author });
});
afterAll(() => handle.close());

type Validator = { wallet: PrivateKeyAccount; cookie: string };
async function validator(): Promise<Validator> {
  const wallet = privateKeyToAccount(generatePrivateKey());
  await grantValidator(handle.db, wallet.address);
  return { wallet, cookie: await sessionCookie(handle.db, wallet.address) };
}

const inSeconds = (s: number) => Math.floor(Date.now() / 1000) + s;

/** The body of POST /api/voting-keys: `key` delegated by `signer` (default: the validator's own wallet). */
async function delegation(v: Validator, key: PrivateKeyAccount, expiresAt = inSeconds(FAST_VOTING_SECONDS), signer: PrivateKeyAccount = v.wallet) {
  const signature = await signer.signTypedData(votingKeyTypedData({ validator: v.wallet.address, key: key.address, expiresAt }, CHAIN));
  return { key: key.address, expiresAt, signature };
}
const register = (v: Validator, body: unknown) => registerRoute(jsonRequest("/api/voting-keys", body, v.cookie));

async function item() {
  n++;
  const [row] = await handle.db.insert(submissions).values(submissionRow(5000 + n, author)).returning();
  if (!row) throw new Error("insert failed");
  return { submissionId: row.id, contentHash: row.contentHash as Hex };
}

/** A vote by validator `v` signed by `signer` (its wallet or a key); `fields` overrides what is sent after signing. */
async function voteWith(v: Validator, signer: PrivateKeyAccount, fields: Record<string, unknown> = {}, issuedAt?: number) {
  const target = await item();
  const body = await signedVoteRequest(signer, { ...target, verdict: "accept", quality: 4, flags: [] }, CHAIN, { validator: v.wallet.address, issuedAt });
  const res = await voteRoute(jsonRequest("/api/votes", { ...body, ...fields }, v.cookie));
  const [stored] = await handle.db.select({ n: count() }).from(votes).where(eq(votes.submissionId, target.submissionId));
  return { res, stored: stored?.n ?? 0 };
}

async function expectVoteRefused(attempt: Promise<{ res: Response; stored: number }>, status: number, code: string) {
  const { res, stored } = await attempt;
  expect(res.status, code).toBe(status);
  const error = await errorOf(res);
  expect(error.code).toBe(code);
  expect(error.message.length).toBeGreaterThan(10);
  expect(stored, "no vote stored").toBe(0);
}

describe("voting keys", () => {
  it("registers a key the wallet delegated, lists it, and revokes it", async () => {
    const v = await validator();
    const key = privateKeyToAccount(generatePrivateKey());
    const res = await register(v, await delegation(v, key));
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ key: key.address, status: "active" });
    const listed = (await (await listRoute(getRequest("/api/voting-keys", v.cookie))).json()) as { keys: { key: string; status: string }[] };
    expect(listed.keys).toEqual([expect.objectContaining({ key: key.address, status: "active" })]);
    const revoked = await revokeRoute(jsonRequest(`/api/voting-keys/${key.address}`, {}, v.cookie, "DELETE"), { params: Promise.resolve({ key: key.address }) });
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({ key: key.address, status: "revoked" });
  });

  it("refuses a bad delegation with a clear 4xx and stores nothing", async () => {
    const v = await validator();
    const key = privateKeyToAccount(generatePrivateKey());
    const [before] = await handle.db.select({ n: count() }).from(votingKeys);
    const cases: [unknown, number, string][] = [
      [await delegation(v, key, inSeconds(31 * 24 * 3600)), 400, "invalid_expiry"],
      [await delegation(v, key, inSeconds(-60)), 400, "invalid_expiry"],
      [await delegation(v, key, undefined, privateKeyToAccount(generatePrivateKey())), 400, "invalid_signature"],
      [{ ...(await delegation(v, key)), expiresAt: inSeconds(3600) }, 400, "invalid_signature"],
      [await delegation(v, v.wallet), 400, "invalid_key"],
      [{ key: "0x1234", expiresAt: inSeconds(60), signature: "0x00" }, 400, "invalid_input"],
    ];
    for (const [body, status, code] of cases) {
      const res = await register(v, body);
      expect(res.status, code).toBe(status);
      expect((await errorOf(res)).code).toBe(code);
    }
    const [after] = await handle.db.select({ n: count() }).from(votingKeys);
    expect(after?.n).toBe(before?.n);
  });

  it("refuses a key someone already registered, and non-validators", async () => {
    const [a, b] = [await validator(), await validator()];
    const key = privateKeyToAccount(generatePrivateKey());
    expect((await register(a, await delegation(a, key))).status).toBe(201);
    const taken = await register(b, await delegation(b, key));
    expect(taken.status).toBe(409);
    expect((await errorOf(taken)).code).toBe("key_taken");
    const stranger = privateKeyToAccount(generatePrivateKey());
    const outsider = { wallet: stranger, cookie: await sessionCookie(handle.db, stranger.address) };
    const refused = await register(outsider, await delegation(outsider, privateKeyToAccount(generatePrivateKey())));
    expect(refused.status).toBe(403);
  });
});

describe("votes signed by a voting key", () => {
  it("counts a vote signed by the validator's live key, and one signed by its wallet, with their signature chain", async () => {
    const v = await validator();
    const key = privateKeyToAccount(generatePrivateKey());
    const body = await delegation(v, key);
    await register(v, body);
    const byKey = await voteWith(v, key);
    expect(byKey.res.status).toBe(201);
    const [row] = await handle.db.select().from(votes).where(eq(votes.validator, v.wallet.address.toLowerCase()));
    expect(row).toMatchObject({ signer: key.address.toLowerCase(), keySignature: body.signature.toLowerCase() });
    expect(row?.keyExpiresAt?.getTime()).toBe(body.expiresAt * 1000);
    expect((await voteWith(v, v.wallet)).res.status).toBe(201);
  });

  it("refuses an unknown key, another validator's key, a revoked key and an expired key, storing no vote", async () => {
    const [v, other] = [await validator(), await validator()];
    await expectVoteRefused(voteWith(v, privateKeyToAccount(generatePrivateKey())), 400, "unknown_signer");

    const theirs = privateKeyToAccount(generatePrivateKey());
    await register(other, await delegation(other, theirs));
    await expectVoteRefused(voteWith(v, theirs), 403, "voting_key_not_yours");

    const revoked = privateKeyToAccount(generatePrivateKey());
    await register(v, await delegation(v, revoked));
    await revokeRoute(jsonRequest(`/api/voting-keys/${revoked.address}`, {}, v.cookie, "DELETE"), { params: Promise.resolve({ key: revoked.address }) });
    await expectVoteRefused(voteWith(v, revoked), 403, "voting_key_revoked");

    // Registered an hour ago for one minute: expired now.
    const expired = privateKeyToAccount(generatePrivateKey());
    const hourAgo = new Date(Date.now() - 3600_000);
    const expiresAt = Math.floor(hourAgo.getTime() / 1000) + 60;
    const signature = await v.wallet.signTypedData(votingKeyTypedData({ validator: v.wallet.address, key: expired.address, expiresAt }, CHAIN));
    await registerVotingKey(handle.db, v.wallet.address, { key: expired.address, expiresAt, signature }, CHAIN, async () => true, hourAgo);
    await expectVoteRefused(voteWith(v, expired), 403, "voting_key_expired");
  });

  it("refuses a signature over other fields, and an issuedAt too old or in the future", async () => {
    const v = await validator();
    const key = privateKeyToAccount(generatePrivateKey());
    await register(v, await delegation(v, key));
    await expectVoteRefused(voteWith(v, key, { verdict: "reject" }), 400, "unknown_signer");
    await expectVoteRefused(voteWith(v, key, { quality: 5 }), 400, "unknown_signer");
    await expectVoteRefused(voteWith(v, key, { flags: ["spam"] }), 400, "unknown_signer");
    await expectVoteRefused(voteWith(v, key, {}, inSeconds(-11 * 60)), 400, "signature_expired");
    await expectVoteRefused(voteWith(v, key, {}, inSeconds(3600)), 400, "signature_from_future");
  });
});
