import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { count, eq } from "drizzle-orm";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { useDatabase, type DbHandle } from "@/lib/db/client";
import { submissions } from "@/lib/db/schema";
import type { Screening } from "@/lib/screening/screen";
import { SIGNAL_NAMES } from "@/lib/screening/signal-names";
import { submissionTypedData } from "@/lib/submissions/typed-data";
import { getRequest, jsonRequest } from "@/lib/testing/requests";
import { submissionsApiDb } from "@/lib/testing/submissions-api";
import { GET, POST } from "./route";

let handle: DbHandle;
const alice = privateKeyToAccount(generatePrivateKey());
let cookie = "";

beforeAll(async () => {
  ({ handle, cookie } = await submissionsApiDb(alice));
  useDatabase(handle);
});
afterAll(() => handle.close());
afterEach(() => vi.unstubAllEnvs());

async function post(content: string) {
  const fields = { content, sourceUrl: null, tags: ["screening"], license: "CC-BY-4.0", issuedAt: Math.floor(Date.now() / 1000) };
  const signature = await alice.signTypedData(submissionTypedData({ ...fields, contributor: alice.address }, 31337));
  return POST(jsonRequest("/api/submissions", { ...fields, signature }, cookie), undefined);
}

async function stored() {
  const [row] = await handle.db.select({ n: count() }).from(submissions);
  return row?.n ?? 0;
}

async function expectScreenedOut(content: string, rule: string, message: RegExp) {
  const before = await stored();
  const res = await post(content);
  expect(res.status).toBe(422);
  const { error } = (await res.json()) as { error: { code: string; rule: string; message: string; field: string } };
  expect(error).toMatchObject({ code: "screening_failed", rule, field: "content" });
  expect(error.message).toMatch(message);
  expect(await stored()).toBe(before);
}

const GOOD =
  "A hash table stores values in an array indexed by the hash of their key. When two keys land in the same slot, " +
  "the table either chains them in a list or probes for the next free slot, and it grows once it is about two thirds full.";

describe("AI screening at submit time", () => {
  it("answers a good item with its language, a pass verdict and every signal, and stores the same", async () => {
    const res = await post(`${GOOD} (${Date.now()})`);
    expect(res.status).toBe(201);
    const { id, screening } = (await res.json()) as { id: string; screening: Screening };
    expect(screening).toMatchObject({ language: "en", verdict: "pass", reasons: [] });
    expect(screening.languageScore).toBeGreaterThan(0.8);
    expect(Object.keys(screening.signals)).toEqual(SIGNAL_NAMES);
    expect(screening.signals.word_count).toBeGreaterThan(40);
    const [row] = await handle.db.select().from(submissions).where(eq(submissions.id, id));
    expect(row).toMatchObject({ language: "en", screeningVerdict: "pass", screeningReasons: [], screeningSignals: screening.signals });
    expect(row?.languageScore).toBeCloseTo(screening.languageScore, 4);
  });

  it("stores a flagged item, with the reasons validators will see", async () => {
    const res = await post(`BUY NOW!!! LIMITED TIME OFFER, SEND 0.1 ETH AND GET 1 ETH BACK, DM ME ON TELEGRAM TODAY ${Date.now()}`);
    expect(res.status).toBe(201);
    const { screening } = (await res.json()) as { screening: Screening };
    expect(screening.verdict).toBe("flag");
    expect(screening.reasons).toEqual(expect.arrayContaining(["shouting", "promotional"]));
    const mine = await GET(getRequest("/api/submissions?mine=1&limit=1", cookie), undefined);
    const { items } = (await mine.json()) as { items: { screening: Screening }[] };
    expect(items[0]?.screening).toEqual(screening);
  });

  it("refuses fewer than 10 words with 422 too_few_words and stores nothing", async () => {
    await expectScreenedOut("Great post, thanks for sharing this!", "too_few_words", /has 6 words; items need at least 10/);
  });

  it("refuses a text with no letters with 422 no_letters and stores nothing", async () => {
    await expectScreenedOut("12345 67890 +++ 2024-01-01 ### 42 3.14159 $$$ 1000 99 7 !!!", "no_letters", /no letters/);
  });

  it("counts words as a reader does: a Chinese paragraph without spaces passes", async () => {
    const res = await post(`哈希表把每个键的哈希值当作数组下标来存放数据。两个键落在同一个位置时，哈希表会把它们串成链表，或者继续寻找下一个空位。${Date.now()}`);
    expect(res.status).toBe(201);
    const { screening } = (await res.json()) as { screening: Screening };
    expect(screening.language).toBe("zh");
    expect(screening.signals.word_count).toBeGreaterThanOrEqual(10);
  });

  it("refuses a language outside ALLOWED_LANGUAGES with 422 language_not_allowed, and takes the allowed ones", async () => {
    vi.stubEnv("ALLOWED_LANGUAGES", "en,de");
    await expectScreenedOut(
      "Une table de hachage range chaque valeur dans un tableau, à la position donnée par le hachage de sa clé. Quand deux clés tombent au même endroit, on les enchaîne.",
      "language_not_allowed",
      /looks like French; this network takes English or German/,
    );
    expect((await post(`${GOOD} Allowed. ${Date.now()}`)).status).toBe(201);
  });

  it("takes its word minimum from SCREENING_MIN_WORDS", async () => {
    vi.stubEnv("SCREENING_MIN_WORDS", "3");
    expect((await post(`Short but allowed here ${Date.now()}`)).status).toBe(201);
  });
});
