import { createHash, randomUUID } from "node:crypto";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { NextRequest } from "next/server";
import { parseEther } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as fileRoute } from "@/app/api/datasets/[ref]/files/[name]/route";
import { grantValidator } from "../curation/admin";
import { useDatabase, type DbHandle } from "../db/client";
import { accounts, submissions } from "../db/schema";
import { createTestDb } from "../db/test-db";
import { screenOrRefuse } from "../screening/screen";
import { screeningColumns } from "../screening/stored";
import { contentHash } from "../submissions/typed-data";
import { voteAs } from "../testing/cast-votes";
import { submissionRow } from "../testing/fixtures";
import { relaxedRateLimits } from "../testing/rate-limits";
import { snapshotStorage } from "./current-storage";
import { DATASET_FIELDS } from "./dataset-fields";
import { createSnapshot } from "./export-jobs";
import type { DatasetRow } from "./rows";
import { compareCsv, compareParquet } from "./verify-formats";
import { DUCKDB_QUERIES } from "./writers/dataset-card";
import type { Manifest } from "./writers/manifest";

/**
 * An epoch exported from the database the way the app does it, its files fetched through the files route as an AI
 * team would, then read by tools nobody here wrote: DuckDB for the data files, and Croissant's rules for croissant.json.
 */
const SITE = "https://commonplace.example";
const ITEMS = [
  // [text, tags, votes' quality scores, screened, source URL]
  ["=SUM(A1) looks like a formula, has \"quotes\", commas,\r\nand a second line: spreadsheets must not run it.", ["spread,sheet", 'q"uote'], [4, 4, 4], true, null],
  ["Write-ahead logging makes a database durable: every change is appended to a log and flushed before the pages.", ["databases", "wal"], [5, 5, 5], true, "https://example.test/wal"],
  ["Die Datenbank schreibt jede Änderung zuerst in ein Protokoll, damit sie nach einem Absturz nichts verliert.", ["datenbanken"], [3, 4, 5], true, "https://example.test/de"],
  ["Stored before screening existed, so it carries no language and no signals: nulls in every screening column.", [], [4, 4, 4], false, null],
] as const;

let handle: DbHandle;
let dir: string;
let served: string;
let manifest: Manifest;
let duck: DuckDBInstance;
let db: DuckDBConnection;
const bodies = new Map<string, Buffer>();

/** GET a URL of the app through the files route handler, as the server would answer it. */
async function get(url: string): Promise<Response> {
  const match = /^\/api\/datasets\/([^/]+)\/files\/([^/]+)$/.exec(new URL(url).pathname);
  if (!match) throw new Error(`not a file URL of the app: ${url}`);
  return fileRoute(new NextRequest(url), { params: Promise.resolve({ ref: match[1]!, name: match[2]! }) });
}

beforeAll(async () => {
  Object.assign(process.env, relaxedRateLimits(), { LOG_LEVEL: "silent" });
  dir = await mkdtemp(join(tmpdir(), "interop-"));
  // The route reads the process's store: on S3 (CI) a prefix of this file's own, as testSnapshotStorage gives.
  if (process.env.SNAPSHOT_STORE) process.env.SNAPSHOT_STORE = `${process.env.SNAPSHOT_STORE.replace(/\/+$/, "")}/${randomUUID()}`;
  else process.env.SNAPSHOT_DIR = join(dir, "snapshots");
  handle = await createTestDb();
  useDatabase(handle);
  const contributor = privateKeyToAccount(generatePrivateKey()).address;
  const validators = [0, 1, 2].map(() => privateKeyToAccount(generatePrivateKey()));
  await handle.db.insert(accounts).values({ address: contributor.toLowerCase() });
  for (const v of validators) await grantValidator(handle.db, v.address);
  let n = 0;
  for (const [text, tags, scores, screened, sourceUrl] of ITEMS) {
    const screening = screened ? await screenOrRefuse(text, { minWords: 10, allowedLanguages: [] }) : null;
    const [row] = await handle.db
      .insert(submissions)
      .values(submissionRow(++n, contributor, { content: text, contentHash: contentHash(text), tags: [...tags], sourceUrl, ...(screening ? screeningColumns(screening) : {}) }))
      .returning({ id: submissions.id });
    for (const [i, v] of validators.entries()) await voteAs(handle.db, v, row?.id ?? "", "accept", scores[i]);
  }
  const snapshot = await createSnapshot(handle.db, { storage: snapshotStorage(), chainId: 31337, contracts: null, budget: parseEther("1000"), siteUrl: SITE });
  manifest = snapshot.manifest!;

  served = join(dir, "served");
  await mkdir(served);
  for (const name of ["data.parquet", "data.jsonl", "data.csv", "croissant.json", "README.md"]) {
    const res = await get(`${SITE}/api/datasets/${snapshot.epoch}/files/${name}`);
    expect(res.status, name).toBe(200);
    const body = Buffer.from(await res.arrayBuffer());
    bodies.set(name, body);
    await writeFile(join(served, name), body);
  }
  duck = await DuckDBInstance.create(":memory:");
  db = await duck.connect();
  // The card's queries name the files relative to where they were downloaded.
  await db.run(`SET file_search_path = '${served}'`);
});
afterAll(async () => {
  db?.closeSync();
  duck?.closeSync();
  await handle.close();
  await rm(dir, { recursive: true, force: true });
});

const jsonlRows = () =>
  bodies
    .get("data.jsonl")!
    .toString("utf8")
    .trimEnd()
    .split("\n")
    .map((line) => JSON.parse(line) as DatasetRow);

describe("the files as served, read by DuckDB with the options the dataset card documents", () => {
  const expectedTypes = DATASET_FIELDS.map(
    (f) => ({ string: "VARCHAR", url: "VARCHAR", "nullable-string": "VARCHAR", "string-list": "VARCHAR[]", float: "DOUBLE", "nullable-float": "DOUBLE", timestamp: "TIMESTAMP WITH TIME ZONE" })[f.kind],
  );

  it("finds the same rows with the same types in data.parquet, data.jsonl and data.csv", async () => {
    const card = bodies.get("README.md")!.toString("utf8");
    const results = new Map<string, unknown[]>();
    for (const [format, query] of Object.entries(DUCKDB_QUERIES)) {
      expect(card, `the card documents the ${format} query`).toContain("```sql\n" + query + "\n```");
      const reader = await db.runAndReadAll(query);
      expect(reader.columnNames(), format).toEqual(DATASET_FIELDS.map((f) => f.name));
      expect(reader.columnTypes().map(String), format).toEqual(expectedTypes);
      results.set(format, await reader.getRowObjectsJson());
    }
    expect(results.get("parquet")).toHaveLength(ITEMS.length);
    expect(results.get("jsonl")).toEqual(results.get("parquet"));
    expect(results.get("csv")).toEqual(results.get("parquet"));
  });

  it("holds data.jsonl's exact values: lists, doubles, instants, and the text behind the spreadsheet guard", async () => {
    const rows = jsonlRows();
    for (const [format, query] of Object.entries(DUCKDB_QUERIES)) {
      const reader = await db.runAndReadAll(
        `SELECT id, text, tags, quality, epoch_ms(issued_at) AS issued, epoch_ms(submitted_at) AS submitted, epoch_ms(accepted_at) AS accepted, ` +
          `language, screening_reasons FROM (${query.replace(/;$/, "")})`,
      );
      const read = (await reader.getRowObjectsJson()).map((r) => ({ ...r, issued: Number(r.issued), submitted: Number(r.submitted), accepted: Number(r.accepted) }));
      expect(read, format).toEqual(
        rows.map((r) => ({
          id: r.id,
          text: r.text,
          tags: r.tags,
          quality: r.quality,
          issued: Date.parse(r.issued_at),
          submitted: Date.parse(r.submitted_at),
          accepted: Date.parse(r.accepted_at),
          language: r.language,
          screening_reasons: r.screening_reasons,
        })),
      );
    }
    expect(rows.map((r) => r.quality)).toEqual([4, 5, 4, 4]);
    expect(rows[0]!.tags).toEqual(["spread,sheet", 'q"uote']);
    expect(rows[3]).toMatchObject({ language: null, screening_verdict: null, screening_reasons: [], source_url: null });
  });

  it("spells quality as a double and times with an offset, so readers that type by value get DOUBLE (and, in CSV, a zone)", async () => {
    const jsonl = bodies.get("data.jsonl")!.toString("utf8");
    // Every quality of this epoch is whole: JSON.stringify would have written 4, which DuckDB types BIGINT.
    expect(jsonl).toContain(`"quality":4.0,`);
    expect(jsonl).toMatch(/"submitted_at":"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00"/);
    const auto = await db.runAndReadAll("DESCRIBE SELECT tags, quality, submitted_at FROM read_json_auto('data.jsonl')");
    const types = (await auto.getRowObjectsJson()).map((r) => [r.column_name, r.column_type]);
    // read_json_auto drops no instant, but types any ISO time, whatever its offset, TIMESTAMP (UTC): hence the card's columns.
    expect(types).toEqual([
      ["tags", "VARCHAR[]"],
      ["quality", "DOUBLE"],
      ["submitted_at", "TIMESTAMP"],
    ]);
    const csv = await db.runAndReadAll("DESCRIBE SELECT quality, submitted_at FROM read_csv('data.csv')");
    expect((await csv.getRowObjectsJson()).map((r) => [r.column_name, r.column_type])).toEqual([
      ["quality", "DOUBLE"],
      ["submitted_at", "TIMESTAMP WITH TIME ZONE"],
    ]);
  });

  it("verifies: the verifier finds data.parquet and data.csv equal to data.jsonl as served", async () => {
    const jsonl = async function* () {
      yield new Uint8Array(bodies.get("data.jsonl")!);
    };
    expect(await compareParquet(new Uint8Array(bodies.get("data.parquet")!).buffer, jsonl())).toBeNull();
    expect(
      await compareCsv(
        (async function* () {
          yield new Uint8Array(bodies.get("data.csv")!);
        })(),
        jsonl(),
      ),
    ).toBeNull();
  });
});

type FileObject = { "@type": string; "@id": string; name: string; contentUrl: string; contentSize: string; encodingFormat: string; sha256: string };
type Field = { "@type": string; "@id": string; name: string; dataType: string; source: { fileObject: { "@id": string }; extract: { column: string } } };
type Croissant = {
  "@context": Record<string, unknown>;
  "@type": string;
  conformsTo: string;
  name: string;
  description: string;
  license: unknown;
  url: string;
  creator: unknown;
  datePublished: string;
  distribution: FileObject[];
  recordSet: { "@type": string; "@id": string; name: string; field: Field[] }[];
};

describe("croissant.json as served: every field Croissant 1.0 requires, and every contentUrl answers with its bytes", () => {
  const croissant = () => JSON.parse(bodies.get("croissant.json")!.toString("utf8")) as Croissant;

  it("has the dataset-level properties, absolute URLs and licenses as URLs", () => {
    const doc = croissant();
    expect(doc["@type"]).toBe("sc:Dataset");
    expect(doc.conformsTo).toBe("http://mlcommons.org/croissant/1.0");
    expect(doc["@context"]).toMatchObject({ "@vocab": "https://schema.org/", cr: "http://mlcommons.org/croissant/", samplingRate: "cr:samplingRate", equivalentProperty: "cr:equivalentProperty" });
    for (const key of ["name", "description", "datePublished"] as const) expect(typeof doc[key] === "string" && doc[key] !== "", key).toBe(true);
    expect(doc.creator).toBeTruthy();
    expect(doc.url).toBe(`${SITE}/datasets/1`);
    expect(doc.license).toBe("https://spdx.org/licenses/CC0-1.0.html");
  });

  it("describes each distributed file as a FileObject whose contentUrl the app serves, 200 with the declared sha256", async () => {
    const doc = croissant();
    expect(doc.distribution.map((d) => d.name)).toEqual(["data.jsonl", "data.parquet", "data.csv", "decisions.jsonl", "votes.jsonl"]);
    for (const file of doc.distribution) {
      expect(file["@type"]).toBe("cr:FileObject");
      expect(file["@id"]).toBe(file.name);
      expect(file.contentUrl).toBe(`${SITE}/api/datasets/1/files/${file.name}`);
      expect(file.encodingFormat).toMatch(/^[a-z]+\/[a-z.+-]+$/);
      expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
      const res = await get(file.contentUrl);
      expect(res.status, file.contentUrl).toBe(200);
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(createHash("sha256").update(bytes).digest("hex"), file.name).toBe(file.sha256);
      expect(file.contentSize).toBe(`${bytes.length} B`);
      expect(manifest.files.find((f) => f.name === file.name)?.sha256).toBe(file.sha256);
    }
  });

  it("has a record set whose every field has a dataType and a source column of a distributed file", () => {
    const doc = croissant();
    const ids = new Set(doc.distribution.map((d) => d["@id"]));
    const columns = new Set(Object.keys(jsonlRows()[0]!));
    expect(doc.recordSet.length).toBeGreaterThan(0);
    for (const set of doc.recordSet) {
      expect(set["@type"]).toBe("cr:RecordSet");
      expect(set.name).toBeTruthy();
      expect(set.field.map((f) => f.name)).toEqual(DATASET_FIELDS.map((f) => f.name));
      for (const field of set.field) {
        expect(field["@type"]).toBe("cr:Field");
        expect(field["@id"]).toBe(`${set["@id"]}/${field.name}`);
        expect(field.dataType).toMatch(/^sc:(Text|URL|Float|DateTime)$/);
        expect(ids.has(field.source.fileObject["@id"])).toBe(true);
        expect(columns.has(field.source.extract.column), field.name).toBe(true);
      }
    }
  });
});
