import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { count, eq } from "drizzle-orm";
import { generatePrivateKey, privateKeyToAccount, type PrivateKeyAccount } from "viem/accounts";
import { useDatabase, type DbHandle } from "@/lib/db/client";
import { submissions } from "@/lib/db/schema";
import { submissionTypedData, type SubmissionFields } from "@/lib/submissions/typed-data";
import { errorOf, getRequest, jsonRequest, sessionCookie } from "@/lib/testing/requests";
import { submissionsApiDb } from "@/lib/testing/submissions-api";
import { GET, POST } from "./route";
import { holdClockAtMinuteStart } from "@/lib/testing/rate-window-clock";

let handle: DbHandle;
const alice = privateKeyToAccount(generatePrivateKey());
const mallory = privateKeyToAccount(generatePrivateKey());
let cookie = "";
let counter = 0;

beforeAll(async () => {
  ({ handle, cookie } = await submissionsApiDb(alice));
  useDatabase(handle);
});
afterAll(() => handle.close());

type Draft = Omit<SubmissionFields, "contributor">;

function draft(overrides: Partial<Draft> = {}): Draft {
  counter++;
  return {
    content: `Observation ${counter}: ${"useful knowledge about distributed systems and data curation ".repeat(3)}`,
    sourceUrl: "https://example.org/post",
    tags: ["distributed-systems", "data"],
    license: "CC-BY-4.0",
    issuedAt: Math.floor(Date.now() / 1000),
    ...overrides,
  };
}

async function signed(fields: Draft, signer: PrivateKeyAccount = alice, signedFields: Draft = fields) {
  const signature = await signer.signTypedData(submissionTypedData({ ...signedFields, contributor: signer.address }, 31337));
  return { ...fields, signature };
}

const post = (body: unknown, withCookie: string | undefined = cookie) => POST(jsonRequest("/api/submissions", body, withCookie), undefined);

async function rows() {
  const [row] = await handle.db.select({ n: count() }).from(submissions);
  return row?.n ?? 0;
}

async function expectRefused(body: unknown, status: number, code: string, field?: string, withCookie?: string) {
  const before = await rows();
  const res = await post(body, withCookie ?? cookie);
  expect(res.status).toBe(status);
  const error = await errorOf(res);
  expect(error.code).toBe(code);
  if (field) expect(error.field).toBe(field);
  expect(error.message.length).toBeGreaterThan(0);
  expect(await rows()).toBe(before);
  return { res, error };
}

describe("POST /api/submissions", () => {
  it("stores a signed submission as pending and answers 201", async () => {
    const body = await signed(draft());
    const res = await post(body);
    expect(res.status).toBe(201);
    const created = (await res.json()) as { id: string; status: string; contentHash: string };
    expect(created.status).toBe("pending");
    const [row] = await handle.db.select().from(submissions).where(eq(submissions.id, created.id));
    expect(row?.contributor).toBe(alice.address.toLowerCase());
    expect(row?.tags).toEqual(["distributed-systems", "data"]);
    expect(row?.content).toBe(body.content);
  });

  it("refuses an exact duplicate (case and spacing ignored) with 409 naming the existing item", async () => {
    const first = draft();
    const res = await post(await signed(first));
    const { id } = (await res.json()) as { id: string };
    const again = await expectRefused(await signed({ ...draft(), content: `  ${first.content.toUpperCase()}  ` }), 409, "duplicate", "content");
    expect(again.error.message).toContain(id);
  });

  it("stores one of several identical submissions sent at once and refuses the rest with 409", async () => {
    const text = `Simultaneous identical text sent by five contributors at the same moment ${Date.now()}`;
    const senders = [alice, ...Array.from({ length: 4 }, () => privateKeyToAccount(generatePrivateKey()))];
    const cookies = await Promise.all(senders.map((s) => (s === alice ? cookie : sessionCookie(handle.db, s.address))));
    const bodies = await Promise.all(senders.map((s) => signed(draft({ content: text }), s)));
    const statuses = (await Promise.all(bodies.map((body, i) => post(body, cookies[i])))).map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(4);
    const [row] = await handle.db.select({ n: count() }).from(submissions).where(eq(submissions.content, text));
    expect(row?.n).toBe(1);
  });

  it("stores a near duplicate flagged with the item it resembles", async () => {
    const original = draft({
      content:
        "Consistent hashing places nodes and keys on a ring so that adding a node moves only the keys between it and its neighbour. " +
        "Virtual nodes smooth the load, and replication walks the ring clockwise to the next distinct physical machines.",
    });
    const first = (await (await post(await signed(original))).json()) as { id: string };
    const edited = draft({ content: original.content.replace("smooth the load", "even out the load") });
    const res = await post(await signed(edited));
    expect(res.status).toBe(201);
    expect(((await res.json()) as { nearDuplicateOf: string }).nearDuplicateOf).toBe(first.id);
  });

  it("flags possible personal data", async () => {
    const res = await post(await signed(draft({ content: `Contact the author at someone@example.com or +44 20 7946 0958. ${counter}` })));
    expect(res.status).toBe(201);
    expect(((await res.json()) as { piiFlags: string[] }).piiFlags).toEqual(["email", "phone"]);
  });

  it("refuses empty and oversized content", async () => {
    await expectRefused(await signed(draft({ content: "   " })), 400, "invalid_input", "content");
    await expectRefused(await signed(draft({ content: "x".repeat(10_001) })), 400, "invalid_input", "content");
  });

  it("refuses javascript: and ftp: source URLs", async () => {
    await expectRefused(await signed(draft({ sourceUrl: "javascript:alert(1)" })), 400, "invalid_input", "sourceUrl");
    await expectRefused(await signed(draft({ sourceUrl: "ftp://example.org/file" })), 400, "invalid_input", "sourceUrl");
  });

  it("refuses 11 tags and an invalid tag", async () => {
    const eleven = Array.from({ length: 11 }, (_, i) => `tag-${i}`);
    await expectRefused(await signed(draft({ tags: eleven })), 400, "invalid_input", "tags");
    await expectRefused(await signed(draft({ tags: ["Not Valid!"] })), 400, "invalid_input", "tags.0");
  });

  it("refuses control characters and unpaired surrogates in content and source URL with 400 naming the field", async () => {
    for (const content of ["NUL \u0000 inside", "bell \u0007", "escape \u001b[31m red", "C1 \u0085 next line", "lone \ud800 surrogate"]) {
      const { error } = await expectRefused(await signed(draft({ content })), 400, "invalid_input", "content");
      expect(error.message).toMatch(/control character|surrogate/);
    }
    for (const sourceUrl of ["https://example.org/\u0000", "https://example.org/a\nb", "https://exa\tmple.org/"])
      await expectRefused(await signed(draft({ sourceUrl })), 400, "invalid_input", "sourceUrl");
    // Tabs and line breaks are ordinary text.
    expect((await post(await signed(draft({ content: `Line one of a note about tabs\n\tIndented line two, which keeps its tab ${counter}` })))).status).toBe(201);
  });

  it("refuses a signature by another address", async () => {
    await expectRefused(await signed(draft(), mallory), 400, "invalid_signature", "signature");
  });

  it("refuses a signature over other content", async () => {
    const fields = draft();
    await expectRefused(await signed(fields, alice, { ...fields, content: "something else entirely" }), 400, "invalid_signature", "signature");
  });

  it("refuses an issuedAt older than 10 minutes", async () => {
    await expectRefused(await signed(draft({ issuedAt: Math.floor(Date.now() / 1000) - 11 * 60 })), 400, "signature_expired", "issuedAt");
  });

  it("refuses a request without a session", async () => {
    const before = await rows();
    const res = await post(await signed(draft()), "");
    expect(res.status).toBe(401);
    expect((await errorOf(res)).code).toBe("unauthorized");
    expect(await rows()).toBe(before);
  });

  it("refuses a body that is not JSON and one that is too large", async () => {
    await expectRefused("content=hello", 400, "invalid_json");
    await expectRefused({ content: "x".repeat(70_000) }, 413, "payload_too_large");
  });

  it("refuses a burst over the rate limit with 429 and Retry-After", async () => {
    process.env.RATE_LIMIT_SUBMISSIONS = "3/60";
    const bob = privateKeyToAccount(generatePrivateKey());
    const bobCookie = await sessionCookie(handle.db, bob.address);
    const results = [];
    // A client of its own (behind a trusted proxy), so earlier tests' requests do not count against it.
    process.env.TRUST_PROXY = "1";
    const fromOwnClient = { "x-forwarded-for": "198.51.100.7" };
    const releaseClock = holdClockAtMinuteStart();
    for (let i = 0; i < 5; i++) results.push(await POST(jsonRequest("/api/submissions", await signed(draft(), bob), bobCookie, "POST", fromOwnClient)));
    releaseClock();
    process.env.RATE_LIMIT_SUBMISSIONS = "100000/60";
    delete process.env.TRUST_PROXY;
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 429, 429]);
    const limited = results[3];
    expect(Number(limited?.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await errorOf(limited as Response)).code).toBe("rate_limited");
    const [row] = await handle.db.select({ n: count() }).from(submissions).where(eq(submissions.contributor, bob.address.toLowerCase()));
    expect(row?.n).toBe(3);
  });
});

describe("GET /api/submissions?mine=1", () => {
  it("lists only the caller's items, newest first, filtered and paginated", async () => {
    const carol = privateKeyToAccount(generatePrivateKey());
    const carolCookie = await sessionCookie(handle.db, carol.address);
    for (let i = 0; i < 5; i++) await post(await signed(draft({ tags: i % 2 ? ["odd"] : ["even"] }), carol), carolCookie);
    const list = async (query: string) => {
      const res = await GET(getRequest(`/api/submissions?mine=1&${query}`, carolCookie), undefined);
      expect(res.status).toBe(200);
      return (await res.json()) as { items: { id: string; tags: string[]; status: string }[]; nextCursor: string | null };
    };
    const first = await list("limit=2");
    expect(first.items).toHaveLength(2);
    const second = await list(`limit=2&cursor=${first.nextCursor}`);
    const third = await list(`limit=2&cursor=${second.nextCursor}`);
    expect(third.items).toHaveLength(1);
    expect(third.nextCursor).toBeNull();
    const ids = [...first.items, ...second.items, ...third.items].map((i) => i.id);
    expect(new Set(ids).size).toBe(5);
    expect((await list("tag=odd")).items.every((i) => i.tags.includes("odd"))).toBe(true);
    expect((await list("tag=odd")).items).toHaveLength(2);
    expect((await list("status=accepted")).items).toHaveLength(0);
    expect((await list("status=pending")).items).toHaveLength(5);
  });

  it("refuses bad queries and anonymous callers", async () => {
    expect((await GET(getRequest("/api/submissions?mine=1&status=weird", cookie), undefined)).status).toBe(400);
    expect((await GET(getRequest("/api/submissions?mine=1&cursor=garbage", cookie), undefined)).status).toBe(400);
    expect((await GET(getRequest("/api/submissions?mine=1"), undefined)).status).toBe(401);
  });
});
