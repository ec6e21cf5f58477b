import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { grantValidator } from "@/lib/curation/admin";
import type { QueueItem } from "@/lib/curation/queue";
import { FLAGGED_FIRST_MIN_REPUTATION } from "@/lib/curation/queue-order";
import { SIGNAL_NAMES, type Signals } from "@/lib/screening/signal-names";
import type { VoteFlag } from "@/lib/curation/flags";
import { useDatabase, type DbHandle } from "@/lib/db/client";
import { accounts, decisions, submissions, votes } from "@/lib/db/schema";
import { createTestDb } from "@/lib/db/test-db";
import { submissionRow } from "@/lib/testing/fixtures";
import { signedVote } from "@/lib/testing/votes";
import { errorOf, getRequest, jsonRequest, sessionCookie } from "@/lib/testing/requests";
import { GET as queue } from "../queue/route";
import { POST } from "./route";
import { relaxedRateLimits } from "@/lib/testing/rate-limits";

let handle: DbHandle;
let n = 0;
const contributor = privateKeyToAccount(generatePrivateKey());

beforeAll(async () => {
  Object.assign(process.env, relaxedRateLimits(), { LOG_LEVEL: "silent" });
  process.env.RPC_URL = "http://127.0.0.1:1";
  handle = await createTestDb();
  useDatabase(handle);
  await handle.db.insert(accounts).values({ address: contributor.address.toLowerCase() });
});
afterAll(() => handle.close());

type Validator = { account: PrivateKeyAccount; cookie: string };

async function validator(): Promise<Validator> {
  const account = privateKeyToAccount(generatePrivateKey());
  await grantValidator(handle.db, account.address);
  return { account, cookie: await sessionCookie(handle.db, account.address) };
}

async function item(overrides: Parameters<typeof submissionRow>[2] = {}) {
  n++;
  const [row] = await handle.db.insert(submissions).values(submissionRow(n, contributor.address, overrides)).returning({ id: submissions.id });
  if (!row) throw new Error("insert failed");
  return row.id;
}

type Ballot = { submissionId: string; verdict: "accept" | "reject"; quality: number; flags: VoteFlag[] };
const accept = (submissionId: string): Ballot => ({ submissionId, verdict: "accept", quality: 4, flags: [] });

/** POSTs the ballot signed by the validator's wallet; `raw` replaces fields of the signed body (to send what was not signed). */
async function vote(v: Validator, ballot: Ballot, raw: Record<string, unknown> = {}) {
  const body = await signedVote(handle.db, v.account, ballot.submissionId, ballot.verdict, ballot.quality, ballot.flags);
  return POST(jsonRequest("/api/votes", { ...body, ...raw }, v.cookie));
}

async function voteCount(submissionId: string) {
  const [row] = await handle.db.select({ n: count() }).from(votes).where(eq(votes.submissionId, submissionId));
  return row?.n ?? 0;
}

describe("POST /api/votes", () => {
  it("three accepting validators decide an item accepted with their mean quality", async () => {
    const id = await item();
    const [a, b, c] = [await validator(), await validator(), await validator()];
    expect((await vote(a, accept(id))).status).toBe(201);
    expect((await vote(b, { ...accept(id), quality: 5 })).status).toBe(201);
    const last = await vote(c, { ...accept(id), quality: 3 });
    expect(last.status).toBe(201);
    expect(((await last.json()) as { decision: { outcome: string; quality: number } }).decision).toMatchObject({ outcome: "accepted", quality: 4 });
    const [row] = await handle.db.select().from(submissions).where(eq(submissions.id, id));
    expect(row?.status).toBe("accepted");
    expect(row?.voteCount).toBe(3);
    const [decision] = await handle.db.select().from(decisions).where(eq(decisions.submissionId, id));
    expect(decision?.votes).toHaveLength(3);
  });

  it("refuses a vote on one's own item with 403", async () => {
    const own = await validator();
    const id = await item({ contributor: own.account.address.toLowerCase() });
    const res = await vote(own, accept(id));
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("own_item");
    expect(await voteCount(id)).toBe(0);
  });

  it("refuses a second vote with 409", async () => {
    const id = await item();
    const v = await validator();
    expect((await vote(v, accept(id))).status).toBe(201);
    const res = await vote(v, { ...accept(id), verdict: "reject" });
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe("already_voted");
    expect(await voteCount(id)).toBe(1);
  });

  it("refuses a non-validator with 403", async () => {
    const id = await item();
    const stranger = privateKeyToAccount(generatePrivateKey());
    const res = await vote({ account: stranger, cookie: await sessionCookie(handle.db, stranger.address) }, accept(id));
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("not_validator");
    expect(await voteCount(id)).toBe(0);
  });

  it("refuses a vote on a decided item with 409", async () => {
    const id = await item({ status: "accepted" });
    const res = await vote(await validator(), accept(id));
    expect(res.status).toBe(409);
    expect((await errorOf(res)).code).toBe("already_decided");
    expect(await voteCount(id)).toBe(0);
  });

  it("answers 404 for an unknown item", async () => {
    const res = await vote(await validator(), accept("00000000-0000-4000-8000-000000000000"));
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe("not_found");
  });

  it("refuses quality 0 or 6 and unknown flags with 400", async () => {
    const id = await item();
    const v = await validator();
    for (const raw of [{ quality: 0 }, { quality: 6 }, { flags: ["boring"] }]) {
      const res = await vote(v, accept(id), raw);
      expect(res.status).toBe(400);
      expect((await errorOf(res)).code).toBe("invalid_input");
    }
    expect(await voteCount(id)).toBe(0);
  });

  it("counts each of twenty simultaneous votes at most once and decides the item exactly once", async () => {
    const id = await item();
    const validators = await Promise.all(Array.from({ length: 20 }, () => validator()));
    const results = await Promise.all(validators.map((v) => vote(v, accept(id))));
    const statuses = results.map((r) => r.status);
    const created = statuses.filter((s) => s === 201).length;
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(created).toBe(3);
    expect(await voteCount(id)).toBe(created);
    const rows = await handle.db.select().from(decisions).where(eq(decisions.submissionId, id));
    expect(rows).toHaveLength(1);
    const [row] = await handle.db.select().from(submissions).where(eq(submissions.id, id));
    expect(row?.voteCount).toBe(created);
  });

  it("moves reputation toward 1 for agreeing validators and toward 0 for the dissenter", async () => {
    const id = await item();
    const [a, b, c] = [await validator(), await validator(), await validator()];
    await vote(a, accept(id));
    await vote(b, accept(id));
    await vote(c, { ...accept(id), verdict: "reject", flags: ["spam"] });
    const rep = async (address: string) =>
      (await handle.db.select().from(accounts).where(eq(accounts.address, address.toLowerCase())))[0]?.reputation ?? NaN;
    expect(await rep(a.account.address)).toBeGreaterThan(0.5);
    expect(await rep(c.account.address)).toBeLessThan(0.5);
  });
});

describe("GET /api/queue", () => {
  it("never serves the validator's own items or ones it voted on, and hides gold", async () => {
    const v = await validator();
    const own = await item({ contributor: v.account.address.toLowerCase() });
    const voted = await item();
    await vote(v, accept(voted));
    const gold = await item({ goldVerdict: "reject" });
    process.env.GOLD_RATE = "0.5"; // a gold item after every regular one
    const res = await queue(getRequest("/api/queue?limit=50", v.cookie), undefined);
    delete process.env.GOLD_RATE;
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: { id: string }[] & object[] };
    const ids = items.map((i) => i.id);
    expect(ids).not.toContain(own);
    expect(ids).not.toContain(voted);
    expect(ids).toContain(gold);
    expect(JSON.stringify(items)).not.toMatch(/gold|voteCount/i);
  });

  it("sets aside the items this browser skipped, so skipping a page's worth does not empty the queue", async () => {
    const v = await validator();
    const ids = async (query: string) => ((await (await queue(getRequest(`/api/queue?${query}`, v.cookie), undefined)).json()) as { items: { id: string }[] }).items.map((i) => i.id);
    const page = await ids("limit=3");
    expect(page).toHaveLength(3);
    const next = await ids(`limit=3&exclude=${page.join(",")}`);
    expect(next).toHaveLength(3);
    expect(next.some((id) => page.includes(id))).toBe(false);
  });

  it("refuses an exclude list that is not item ids, or too long, naming the field", async () => {
    const v = await validator();
    for (const exclude of ["not-an-id", Array.from({ length: 101 }, () => crypto.randomUUID()).join(",")]) {
      const res = await queue(getRequest(`/api/queue?exclude=${exclude}`, v.cookie), undefined);
      expect(res.status).toBe(400);
      expect(await errorOf(res)).toMatchObject({ code: "invalid_input", field: expect.stringMatching(/^exclude/) });
    }
  });

  it("serves an item the screening flagged first to a validator with a record of agreeing, last to a new one, with its reasons", async () => {
    const signals = Object.fromEntries(SIGNAL_NAMES.map((name) => [name, 0]));
    const flagged = await item({
      language: "en",
      languageScore: 0.91,
      screeningVerdict: "flag",
      screeningReasons: ["shouting", "promotional"],
      screeningSignals: { ...signals, caps_share: 0.93, promo_phrases: 2 } as Signals,
    });
    const trusted = await validator();
    await handle.db.update(accounts).set({ reputation: FLAGGED_FIRST_MIN_REPUTATION }).where(eq(accounts.address, trusted.account.address.toLowerCase()));
    const newcomer = await validator();
    const page = async (v: Validator) =>
      ((await (await queue(getRequest("/api/queue?limit=50", v.cookie), undefined)).json()) as { items: QueueItem[] }).items;
    process.env.GOLD_RATE = "0";
    const first = (await page(trusted))[0];
    const newcomerIds = (await page(newcomer)).map((i) => i.id);
    delete process.env.GOLD_RATE;
    expect(first?.id).toBe(flagged);
    expect(first?.screening).toMatchObject({ verdict: "flag", reasons: ["shouting", "promotional"], language: "en" });
    // Every pending item fits in one page here, so the flagged one is on it: after all the others.
    expect(newcomerIds.length).toBeGreaterThan(1);
    expect(newcomerIds.length).toBeLessThan(50);
    expect(newcomerIds.at(-1)).toBe(flagged);
  });

  it("refuses non-validators", async () => {
    const stranger = privateKeyToAccount(generatePrivateKey());
    const res = await queue(getRequest("/api/queue", await sessionCookie(handle.db, stranger.address)), undefined);
    expect(res.status).toBe(403);
  });
});
