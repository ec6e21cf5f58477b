import { createReadStream } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tableFromIPC } from "apache-arrow";
import { asyncBufferFromFile } from "hyparquet";
import { readParquet } from "parquet-wasm";
import { parseEther } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grantValidator } from "../curation/admin";
import type { DbHandle } from "../db/client";
import { accounts, submissions } from "../db/schema";
import { createTestDb } from "../db/test-db";
import { screenOrRefuse, type Screening } from "../screening/screen";
import { SIGNAL_NAMES } from "../screening/signal-names";
import { screeningColumns } from "../screening/stored";
import { FLAG_REASONS } from "../screening/verdict";
import { contentHash } from "../submissions/typed-data";
import { voteAs } from "../testing/cast-votes";
import { submissionRow } from "../testing/fixtures";
import { parseCsv } from "../testing/snapshot-fixtures";
import { screeningStats } from "./screening-stats";
import { DATASET_COLUMNS, signalColumn } from "./dataset-fields";
import { createSnapshot } from "./export-jobs";
import { LocalSnapshotStorage } from "./local-storage";
import { floatText, type DatasetRow } from "./rows";
import { compareCsv, compareParquet } from "./verify-formats";

/** Items submitted through screening and one stored before it existed, frozen into an epoch from the database. */
const TEXTS = {
  english: "Write-ahead logging makes a database durable: every change is appended to a sequential log and flushed before the data pages are touched.",
  spam: "CLICK HERE NOW TO CLAIM YOUR FREE PRIZE!!! Visit https://win.example/a https://win.example/b https://win.example/c https://win.example/d today, limited offer, act now!!!",
  german: "Die Datenbank schreibt jede Änderung zuerst in ein Protokoll, damit sie nach einem Absturz nichts verliert und den Zustand wiederherstellen kann.",
  legacy: "Stored before screening existed, so it carries no language and no signals at all.",
};

let handle: DbHandle;
let dir: string;
const screenings = new Map<string, Screening>();
const contributor = privateKeyToAccount(generatePrivateKey()).address;
const validators = [0, 1, 2].map(() => privateKeyToAccount(generatePrivateKey()));

beforeAll(async () => {
  handle = await createTestDb();
  dir = await mkdtemp(join(tmpdir(), "screening-export-"));
  await handle.db.insert(accounts).values({ address: contributor.toLowerCase() });
  for (const v of validators) await grantValidator(handle.db, v.address);
  let n = 0;
  for (const [name, text] of Object.entries(TEXTS)) {
    const screening = name === "legacy" ? null : await screenOrRefuse(text, { minWords: 10, allowedLanguages: [] });
    if (screening) screenings.set(text, screening);
    const [row] = await handle.db
      .insert(submissions)
      .values(submissionRow(++n, contributor, { content: text, contentHash: contentHash(text), ...(screening ? screeningColumns(screening) : {}) }))
      .returning({ id: submissions.id });
    for (const v of validators) await voteAs(handle.db, v, row?.id ?? "", "accept", 4);
  }
  await createSnapshot(handle.db, { storage: new LocalSnapshotStorage(dir), chainId: 31337, contracts: null, budget: parseEther("1000") });
});
afterAll(async () => {
  await handle.close();
  await rm(dir, { recursive: true, force: true });
});

const file = (name: string) => join(dir, "1", name);

async function jsonlRows(): Promise<DatasetRow[]> {
  return (await readFile(file("data.jsonl"), "utf8"))
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as DatasetRow);
}

describe("screening in the exported files", () => {
  it("carries each screened item's language, verdict, reasons and signals in data.jsonl, and nulls for an unscreened one", async () => {
    const rows = await jsonlRows();
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      const screening = screenings.get(row.text);
      if (!screening) {
        expect(row).toMatchObject({ language: null, language_score: null, screening_verdict: null, screening_reasons: [] });
        for (const name of SIGNAL_NAMES) expect(row[signalColumn(name)], name).toBeNull();
        continue;
      }
      expect([row.language, row.language_score, row.screening_verdict, row.screening_reasons]).toEqual([
        screening.language,
        screening.languageScore,
        screening.verdict,
        screening.reasons,
      ]);
      for (const name of SIGNAL_NAMES) expect(row[signalColumn(name)], name).toBe(screening.signals[name]);
    }
    const byText = new Map(rows.map((r) => [r.text, r]));
    expect(byText.get(TEXTS.german)?.language).toBe("de");
    expect(byText.get(TEXTS.spam)?.screening_verdict).toBe("flag");
    expect(byText.get(TEXTS.spam)?.screening_reasons).toContain("links");
  });

  it("holds the same values in data.csv and in data.parquet, read by Arrow with typed columns", async () => {
    const rows = await jsonlRows();
    const [header, ...records] = parseCsv(await readFile(file("data.csv"), "utf8"));
    expect(header).toEqual([...DATASET_COLUMNS]);
    const table = tableFromIPC(readParquet(await readFile(file("data.parquet"))).intoIPCStream());
    const types = new Map(table.schema.fields.map((f) => [f.name, `${String(f.type)}${f.nullable ? "?" : ""}`]));
    expect([types.get("language"), types.get("language_score"), types.get("screening_verdict"), types.get("screening_reasons")]).toEqual([
      "Utf8?",
      "Float64?",
      "Utf8?",
      "List<Utf8>",
    ]);
    for (const name of SIGNAL_NAMES) expect(types.get(signalColumn(name)), name).toBe("Float64?");

    const parquet = [...table].map((r) => r.toJSON() as Record<string, unknown>);
    rows.forEach((row, i) => {
      const csv = records[i]!;
      const cell = (name: keyof DatasetRow) => csv[DATASET_COLUMNS.indexOf(name)];
      for (const name of ["language_score", ...SIGNAL_NAMES.map(signalColumn)] as const) {
        expect(cell(name), `csv ${name}`).toBe(row[name] === null ? "" : floatText(row[name]));
        expect(parquet[i]![name], `parquet ${name}`).toBe(row[name]);
      }
      expect([cell("language"), cell("screening_verdict"), JSON.parse(cell("screening_reasons") ?? "")]).toEqual([
        row.language ?? "",
        row.screening_verdict ?? "",
        row.screening_reasons,
      ]);
      expect([parquet[i]!.language, parquet[i]!.screening_verdict, Array.from(parquet[i]!.screening_reasons as Iterable<string>)]).toEqual([
        row.language,
        row.screening_verdict,
        row.screening_reasons,
      ]);
    });
    // And the verifier's own comparison (hyparquet, the CSV writer's mapping) agrees.
    const jsonl = () => createReadStream(file("data.jsonl"));
    expect(await compareParquet(await asyncBufferFromFile(file("data.parquet")), jsonl())).toBeNull();
    expect(await compareCsv(createReadStream(file("data.csv")), jsonl())).toBeNull();
  });

  it("describes the columns and the languages in the dataset card and Croissant", async () => {
    const card = await readFile(file("README.md"), "utf8");
    expect(card).toMatch(/\nlanguage:\n- de\n- en\nlicense:\n/);
    expect(card).toContain("3 of 4 items were screened.");
    expect(card).toContain(`| links | ${FLAG_REASONS.links} |`);
    const croissant = JSON.parse(await readFile(file("croissant.json"), "utf8")) as { inLanguage: string[]; recordSet: { field: { name: string; dataType: string }[] }[] };
    expect(croissant.inLanguage).toEqual(["de", "en"]);
    expect(croissant.recordSet[0]!.field.find((f) => f.name === "signal_word_count")?.dataType).toBe("sc:Float");
  });
});

describe("the epoch page's screening aggregates", () => {
  it("count the languages, the flags and their reasons, and bucket the signals of the screened items", async () => {
    const stats = await screeningStats(handle.db, 1);
    expect(stats).toMatchObject({ items: 4, screened: 3, flagged: 1 });
    expect(stats.languages).toEqual([
      { code: "en", label: "English", count: 2, share: 2 / 3 },
      { code: "de", label: "German", count: 1, share: 1 / 3 },
    ]);
    const spam = screenings.get(TEXTS.spam)!;
    expect(stats.reasons.map((r) => r.reason).sort()).toEqual([...spam.reasons].sort());
    expect(stats.reasons.find((r) => r.reason === "links")).toEqual({ reason: "links", label: FLAG_REASONS.links, count: 1 });
    const words = stats.histograms.find((h) => h.name === "word_count")!;
    expect(words.buckets.map((b) => b.label)).toEqual(["< 20", "20–49", "50–99", "100–199", "200–499", "500+"]);
    expect(words.buckets.map((b) => b.count)).toEqual([0, 3, 0, 0, 0, 0]);
    for (const h of stats.histograms) expect(h.buckets.reduce((n, b) => n + b.count, 0) + h.missing, h.name).toBe(3);
  });

  it("say nothing was screened for an empty epoch", async () => {
    const stats = await screeningStats(handle.db, 99);
    expect(stats).toMatchObject({ items: 0, screened: 0, flagged: 0, languages: [], reasons: [] });
    expect(stats.histograms.every((h) => h.missing === 0 && h.buckets.every((b) => b.count === 0))).toBe(true);
  });
});
