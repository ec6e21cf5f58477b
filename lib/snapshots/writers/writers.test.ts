import { createHash } from "node:crypto";
import { tableFromIPC } from "apache-arrow";
import { parquetMetadata, parquetReadObjects } from "hyparquet";
import { ParquetFile, readParquet } from "parquet-wasm";
import { keccak256, toBytes } from "viem";
import { describe, expect, it } from "vitest";
import { SIGNAL_NAMES } from "@/lib/screening/signal-names";
import { LICENSE_IDS } from "@/lib/submissions/licenses";
import { parseCsv, testScreeningColumns } from "@/lib/testing/snapshot-fixtures";
import { SIGNAL_COLUMNS } from "../dataset-fields";
import { DATASET_COLUMNS, DECISION_COLUMNS, timestampText, VOTE_COLUMNS, type DatasetRow, type DecisionRow, type VoteRow } from "../rows";
import type { ByteSink } from "../storage";
import { CROISSANT_CONTEXT, croissantDocument, croissantLicense } from "./croissant";
import { csvText, writeDatasetCsv } from "./csv";
import { cardLicense, datasetCardMarkdown, DUCKDB_QUERIES, hubLicense, sizeCategory, type DatasetCardInput } from "./dataset-card";
import { writeDatasetJsonl } from "./jsonl";
import { manifestHash, manifestJson, parseManifest, type Manifest } from "./manifest";
import { PARQUET_CREATED_BY, writeDatasetParquet } from "./parquet";
import { writeDecisionsJsonl, writeVotesJsonl } from "./votes-jsonl";

const TEXTS = [
  "plain text",
  "line one\nline two\r\nline three",
  'quotes "inside", commas, and ""doubled""',
  "<script>alert('x')</script> & <b>bold</b>",
  "unicode: héllo wörld — 日本語 — emoji 🎉👩🏽‍💻 — combining é",
  "=HYPERLINK(\"http://evil.test\",\"click\")",
  "-2+3",
  "+cmd",
  "@SUM(A1:A2)",
  "\tstarts with a tab",
  "",
];

function rowAt(i: number): DatasetRow {
  const text = TEXTS[i % TEXTS.length]! + (i >= TEXTS.length ? ` #${i}` : "");
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    text,
    source_url: i % 3 === 0 ? null : `https://example.test/post/${i}?a=1,b="2"`,
    tags: i % 4 === 0 ? [] : i % 4 === 1 ? ["news"] : ["ai", "semi;colon", 'q"uote', "комма,"],
    license: i % 5 === 0 ? "mit" : "cc-by-4.0",
    quality: 1 + ((i * 7) % 40) / 10 + 1 / 3,
    contributor: `0x${(i % 7 + 1).toString(16).padStart(40, "0")}`,
    content_hash: keccak256(toBytes(text)),
    signature: `0x${"ab".repeat(65)}`,
    issued_at: new Date(Date.UTC(2025, 0, 1) + i * 61_000).toISOString(),
    submitted_at: new Date(Date.UTC(2025, 0, 1) + i * 61_001).toISOString(),
    accepted_at: new Date(Date.UTC(2025, 0, 2) + i * 60_000).toISOString(),
    ...testScreeningColumns(i),
  };
}

const rowsOf = (n: number) => Array.from({ length: n }, (_, i) => rowAt(i));

/** A row as the files spell its times (`…+00:00`); the fixtures make them with toISOString (`…Z`). */
const withOffsets = (row: DatasetRow): DatasetRow => ({
  ...row,
  issued_at: timestampText(row.issued_at, "typed"),
  submitted_at: timestampText(row.submitted_at, "typed"),
  accepted_at: timestampText(row.accepted_at, "typed"),
});

async function* iterate<T>(items: readonly T[]): AsyncIterable<T> {
  for (const item of items) yield item;
}

/** A sink that is slow to accept (every write yields to the event loop) and keeps what it got. */
function collectingSink(): ByteSink & { bytes(): Buffer; writes: number } {
  const chunks: Uint8Array[] = [];
  const sink = {
    writes: 0,
    async write(chunk: Uint8Array) {
      sink.writes++;
      await new Promise((resolve) => setImmediate(resolve));
      chunks.push(chunk.slice());
    },
    bytes: () => Buffer.concat(chunks),
  };
  return sink;
}

type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml };

/** Parses the block-style YAML subset the dataset card emits (maps, sequences, plain and double-quoted scalars). */
function parseYaml(text: string): Yaml {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  let i = 0;
  const indentOf = (l: string) => l.length - l.trimStart().length;
  const isItem = (l: string, indent: number) => indentOf(l) === indent && l.slice(indent).startsWith("- ");
  const scalar = (s: string): Yaml => {
    const t = s.trim();
    if (t.startsWith('"')) return JSON.parse(t) as string;
    if (/^-?\d+$/.test(t)) return Number(t);
    if (t === "true" || t === "false") return t === "true";
    if (/^[[{&*!|>'%@`#,]/.test(t) || /: |\s#/.test(t)) throw new Error(`unsafe plain scalar: ${t}`);
    return t;
  };
  const map = (indent: number): { [key: string]: Yaml } => {
    const out: { [key: string]: Yaml } = {};
    while (i < lines.length && indentOf(lines[i]!) === indent && !isItem(lines[i]!, indent)) {
      const m = /^([A-Za-z_][\w-]*):(?: (.*))?$/.exec(lines[i]!.slice(indent));
      if (!m) throw new Error(`bad line: ${lines[i]}`);
      const key = m[1]!;
      if (key in out) throw new Error(`duplicate key ${key}`);
      i++;
      if (m[2] !== undefined) out[key] = scalar(m[2]);
      else if (i < lines.length && isItem(lines[i]!, indent)) out[key] = seq(indent);
      else if (i < lines.length && indentOf(lines[i]!) > indent) {
        const inner = indentOf(lines[i]!);
        out[key] = isItem(lines[i]!, inner) ? seq(inner) : map(inner);
      } else out[key] = null;
    }
    return out;
  };
  const seq = (indent: number): Yaml[] => {
    const out: Yaml[] = [];
    while (i < lines.length && isItem(lines[i]!, indent)) {
      const content = lines[i]!.slice(indent + 2);
      if (/^[A-Za-z_][\w-]*:( |$)/.test(content)) {
        lines[i] = " ".repeat(indent + 2) + content;
        out.push(map(indent + 2));
      } else {
        out.push(scalar(content));
        i++;
      }
    }
    return out;
  };
  const result = map(0);
  if (i !== lines.length) throw new Error(`unparsed from: ${lines[i]}`);
  return result;
}

describe("data.jsonl", () => {
  it("writes one JSON object per line, keys in the documented order, and streams through a slow sink", async () => {
    const rows = rowsOf(40);
    const sink = collectingSink();
    const result = await writeDatasetJsonl(iterate(rows), sink);
    const text = sink.bytes().toString("utf8");
    expect(result.rows).toBe(40);
    expect(result.bytes).toBe(sink.bytes().length);
    expect(text.endsWith("\n")).toBe(true);
    const lines = text.slice(0, -1).split("\n");
    expect(lines).toHaveLength(40);
    lines.forEach((line, i) => {
      const parsed = JSON.parse(line) as DatasetRow;
      expect(Object.keys(parsed)).toEqual([...DATASET_COLUMNS]);
      expect(parsed).toEqual(withOffsets(rows[i]!));
    });
    expect(text).toContain("<script>");
  });

  it("writes floats with their fraction and timestamps with an explicit offset", async () => {
    const whole = { ...rowAt(2), quality: 4, language_score: 1, signal_word_count: 12, signal_link_count: 0 };
    const sink = collectingSink();
    await writeDatasetJsonl(iterate([whole, rowAt(4)]), sink);
    const [screened, legacy] = sink.bytes().toString("utf8").trimEnd().split("\n");
    expect(screened).toContain(`"quality":4.0,`);
    expect(screened).toContain(`"language_score":1.0,`);
    expect(screened).toContain(`"signal_word_count":12.0,`);
    expect(screened).toContain(`"signal_link_count":0.0,`);
    expect(screened).toContain(`"issued_at":"2025-01-01T00:02:02.000+00:00"`);
    expect(screened).not.toContain('Z"');
    expect(legacy).toContain(`"language":null,"language_score":null,`);
  });

  it("refuses a row that would not round-trip", async () => {
    const bad = { ...rowAt(1), quality: Number.NaN };
    await expect(writeDatasetJsonl(iterate([bad]), collectingSink())).rejects.toThrow(/quality/);
    const upper = { ...rowAt(1), contributor: rowAt(1).contributor.toUpperCase().replace("0X", "0x") + "A" };
    await expect(writeDatasetJsonl(iterate([upper]), collectingSink())).rejects.toThrow(/contributor/);
  });

  it("refuses screening columns that are missing, mistyped or disagree with the verdict", async () => {
    const screened = rowAt(1);
    const legacy = rowAt(4);
    expect([screened.screening_verdict, legacy.screening_verdict]).toEqual(["flag", null]);
    const bad: [Partial<DatasetRow>, DatasetRow, RegExp][] = [
      [{ signal_caps_share: Number.POSITIVE_INFINITY }, screened, /signal_caps_share/],
      [{ screening_verdict: "maybe" }, screened, /screening_verdict/],
      [{ screening_reasons: [] }, screened, /reasons/],
      [{ language: null }, screened, /language/],
      [{ language: "en" }, legacy, /without a screening_verdict/],
    ];
    for (const [change, row, error] of bad) await expect(writeDatasetJsonl(iterate([{ ...row, ...change }]), collectingSink())).rejects.toThrow(error);
    const missing: Partial<DatasetRow> = { ...screened };
    delete missing.signal_word_count;
    await expect(writeDatasetJsonl(iterate([missing as DatasetRow]), collectingSink())).rejects.toThrow(/signal_word_count/);
  });
});

describe("votes.jsonl", () => {
  it("writes votes with keys in order", async () => {
    const vote: VoteRow = {
      key_signature: `0x${"cd".repeat(65)}`,
      key_expires_at: "2025-01-02T00:00:00.000Z",
      key: `0x${"2".repeat(40)}`,
      signature: `0x${"ab".repeat(65)}`,
      weight: 0.5625,
      issued_at: "2025-01-01T00:00:00.000Z",
      flags: ["spam"],
      quality: 4,
      verdict: "accept",
      validator: `0x${"1".repeat(40)}`,
      content_hash: `0x${"3".repeat(64)}`,
      submission_id: "s1",
    };
    const sink = collectingSink();
    await writeVotesJsonl(iterate([vote]), sink);
    expect(Object.keys(JSON.parse(sink.bytes().toString()) as object)).toEqual([...VOTE_COLUMNS]);
    expect(sink.bytes().toString()).toBe(
      `{"submission_id":"s1","content_hash":"0x${"3".repeat(64)}","validator":"0x${"1".repeat(40)}","verdict":"accept","quality":4,"flags":["spam"],` +
        `"issued_at":"2025-01-01T00:00:00.000+00:00","weight":0.5625,"signature":"0x${"ab".repeat(65)}","key":"0x${"2".repeat(40)}",` +
        `"key_expires_at":"2025-01-02T00:00:00.000+00:00","key_signature":"0x${"cd".repeat(65)}"}\n`,
    );
    const walletSigned = { ...vote, weight: 1, key: vote.validator, key_expires_at: null, key_signature: null };
    const again = collectingSink();
    await writeVotesJsonl(iterate([walletSigned]), again);
    expect(again.bytes().toString()).toContain(`"weight":1.0,`);
    expect(again.bytes().toString()).toContain(`"key_expires_at":null,"key_signature":null}`);
  });
});

describe("decisions.jsonl", () => {
  it("writes decisions with keys and parameters in order", async () => {
    const decision: DecisionRow = {
      params: { reject_threshold: 1 / 3, accept_threshold: 2 / 3, max_votes: 7, quorum: 3 },
      decided_at: "2025-01-01T00:00:00.000Z",
      vote_count: 3,
      quality: null,
      accept_share: 0,
      reason: "Flagged by validators: spam",
      outcome: "rejected",
      content_hash: `0x${"3".repeat(64)}`,
      submission_id: "s1",
    };
    const sink = collectingSink();
    await writeDecisionsJsonl(iterate([decision]), sink);
    const parsed = JSON.parse(sink.bytes().toString()) as { params: object };
    expect(Object.keys(parsed)).toEqual([...DECISION_COLUMNS]);
    expect(Object.keys(parsed.params)).toEqual(["quorum", "max_votes", "accept_threshold", "reject_threshold"]);
    expect(sink.bytes().toString()).toContain(`"accept_share":0.0,"quality":null,"vote_count":3,"decided_at":"2025-01-01T00:00:00.000+00:00"`);
    const accepted = collectingSink();
    await writeDecisionsJsonl(iterate([{ ...decision, outcome: "accepted", reason: null, accept_share: 1, quality: 4 }]), accepted);
    expect(accepted.bytes().toString()).toContain(`"accept_share":1.0,"quality":4.0,`);
  });
});

describe("data.csv", () => {
  it("round-trips through an RFC 4180 parser, with the formula guard, tags and reasons as JSON and null as an empty field", async () => {
    const rows = rowsOf(30);
    const sink = collectingSink();
    const result = await writeDatasetCsv(iterate(rows), sink);
    expect(result.rows).toBe(30);
    const records = parseCsv(sink.bytes().toString("utf8"));
    expect(records[0]).toEqual([...DATASET_COLUMNS]);
    expect(records).toHaveLength(31);
    records.slice(1).forEach((record, i) => {
      const row = rows[i]!;
      const unguard = (s: string) => (s.startsWith("'") ? s.slice(1) : s);
      expect(record).toHaveLength(DATASET_COLUMNS.length);
      expect(unguard(record[1]!)).toBe(row.text);
      expect(record[2]).toBe(row.source_url ?? "");
      expect(JSON.parse(record[3]!)).toEqual(row.tags);
      expect(Number(record[5])).toBe(row.quality);
      expect(record[5]).toMatch(/[.e]/);
      const timed = withOffsets(row);
      expect([record[0], record[4], record[6], record[7], record[9], record[10], record[11]]).toEqual([
        row.id,
        row.license,
        row.contributor,
        row.content_hash,
        timed.issued_at,
        timed.submitted_at,
        timed.accepted_at,
      ]);
      const cell = (name: keyof DatasetRow) => record[DATASET_COLUMNS.indexOf(name)]!;
      expect([cell("language"), cell("screening_verdict")]).toEqual([row.language ?? "", row.screening_verdict ?? ""]);
      expect(JSON.parse(cell("screening_reasons"))).toEqual(row.screening_reasons);
      for (const name of ["language_score", ...SIGNAL_COLUMNS] as const) expect(cell(name) === "" ? null : Number(cell(name)), name).toBe(row[name]);
    });
    expect(rows.filter((r) => r.screening_verdict === null)).not.toHaveLength(0);
  });

  it("neutralises formulas and quotes only when needed", () => {
    expect(csvText("=1+1")).toBe("'=1+1");
    expect(csvText("-5")).toBe("'-5");
    expect(csvText("@x")).toBe("'@x");
    expect(csvText("+x,y")).toBe(`"'+x,y"`);
    expect(csvText("a\"b")).toBe(`"a""b"`);
    expect(csvText("a=b")).toBe("a=b");
    expect(csvText("'=quoted")).toBe("''=quoted");
    expect(csvText("")).toBe("");
  });
});

describe("data.parquet", () => {
  it("reads back with an independent reader (Arrow's Rust parquet via parquet-wasm): every column, every row", async () => {
    const rows = rowsOf(53);
    const sink = collectingSink();
    const result = await writeDatasetParquet(iterate(rows), sink, { rowGroupRows: 10 });
    const bytes = sink.bytes();
    expect(result).toMatchObject({ rows: 53, bytes: bytes.length });
    expect(sink.writes).toBeGreaterThanOrEqual(6); // streamed per row group, not once at the end

    const table = tableFromIPC(readParquet(bytes).intoIPCStream());
    expect(table.schema.fields.map((f) => `${f.name}:${String(f.type)}:${f.nullable}`)).toEqual([
      "id:Utf8:false",
      "text:Utf8:false",
      "source_url:Utf8:true",
      "tags:List<Utf8>:false",
      "license:Utf8:false",
      "quality:Float64:false",
      "contributor:Utf8:false",
      "content_hash:Utf8:false",
      "signature:Utf8:false",
      "issued_at:Timestamp<MILLISECOND, UTC>:false",
      "submitted_at:Timestamp<MILLISECOND, UTC>:false",
      "accepted_at:Timestamp<MILLISECOND, UTC>:false",
      "language:Utf8:true",
      "language_score:Float64:true",
      "screening_verdict:Utf8:true",
      "screening_reasons:List<Utf8>:false",
      ...SIGNAL_NAMES.map((name) => `signal_${name}:Float64:true`),
    ]);
    expect(table.numRows).toBe(53);
    const read = [...table].map((r) => {
      const o = r.toJSON() as Record<string, unknown>;
      return {
        ...o,
        tags: Array.from(o.tags as Iterable<string>),
        issued_at: new Date(Number(o.issued_at)).toISOString(),
        submitted_at: new Date(Number(o.submitted_at)).toISOString(),
        accepted_at: new Date(Number(o.accepted_at)).toISOString(),
        screening_reasons: Array.from(o.screening_reasons as Iterable<string>),
      };
    });
    expect(read).toEqual(rows);
    // Legacy rows read back as nulls, not zeros.
    expect(read[4]).toMatchObject({ language: null, language_score: null, screening_reasons: [], signal_word_count: null });

    const file = await ParquetFile.fromFile(new Blob([new Uint8Array(bytes)]));
    const meta = file.metadata();
    expect(meta.fileMetadata().createdBy()).toBe(PARQUET_CREATED_BY);
    expect(meta.numRowGroups()).toBe(6);
  });

  it("compresses long texts with Snappy that hyparquet and arrow-rs both read back, in bytes pinned across machines", async () => {
    const long = (i: number) => ({ ...rowAt(i), text: `${TEXTS[i % TEXTS.length]} `.repeat(40 + (i % 17)) + i });
    const rows = Array.from({ length: 300 }, (_, i) => long(i));
    const sink = collectingSink();
    await writeDatasetParquet(iterate(rows), sink, { rowGroupRows: 128 });
    const bytes = sink.bytes();
    const file = new Uint8Array(bytes).buffer;
    const metadata = parquetMetadata(file);
    expect(metadata.row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec))).toEqual(Array(3 * DATASET_COLUMNS.length).fill("SNAPPY"));
    const text = metadata.row_groups[0]!.columns[1]!.meta_data!;
    expect(Number(text.total_compressed_size)).toBeLessThan(Number(text.total_uncompressed_size) / 4);

    const hyparquet = await parquetReadObjects({ file, columns: ["id", "text"] });
    expect(hyparquet).toEqual(rows.map((r) => ({ id: r.id, text: r.text })));
    const arrow = tableFromIPC(readParquet(bytes).intoIPCStream());
    expect([...arrow].map((r) => r.toJSON().text)).toEqual(rows.map((r) => r.text));
    // The compressor is part of the bytes a snapshot publishes: a change of Snappy (or of its version) shows here, as
    // does a change of the columns (a screening signal added to SCREENING_SIGNALS is a new column).
    expect(createHash("sha256").update(bytes).digest("hex")).toBe("93f8ae60343febcf30866e5c669b970e6314107dc046b6af65cf3921fc6976af");
  });

  it("is byte-identical for the same rows, and empty input still makes a valid file", async () => {
    const a = collectingSink();
    const b = collectingSink();
    await writeDatasetParquet(iterate(rowsOf(25)), a, { rowGroupRows: 7 });
    await writeDatasetParquet(iterate(rowsOf(25)), b, { rowGroupRows: 7 });
    expect(a.bytes().equals(b.bytes())).toBe(true);
    // Zero rows: no row group. Checked with hyparquet only: arrow-rs (parquet-wasm 0.8) rejects the footer's empty
    // row_groups list because hyparquet-writer declares an empty thrift list's element type as BYTE.
    const empty = collectingSink();
    await writeDatasetParquet(iterate([]), empty);
    const file = new Uint8Array(empty.bytes()).buffer;
    expect(parquetMetadata(file).num_rows).toBe(0n);
    expect(parquetMetadata(file).schema.map((s) => s.name)).toContain("tags");
    expect(await parquetReadObjects({ file })).toEqual([]);
  });
});

const cardInput = (licenses: Map<string, number>, itemCount = 1234, languages = new Map<string, number>()): DatasetCardInput => ({
  epoch: 3,
  cutoff: "2025-02-03T04:05:06.000Z",
  itemCount,
  voteCount: 3702,
  licenses,
  languages,
  files: [
    { name: "data.jsonl", bytes: 10, sha256: "a".repeat(64) },
    { name: "data.parquet", bytes: 11, sha256: "b".repeat(64) },
  ],
  datasetRoot: `0x${"1".repeat(64)}`,
  rewardRoot: `0x${"2".repeat(64)}`,
  chainId: 31337,
  distributor: `0x${"3".repeat(40)}`,
  siteUrl: "http://localhost:3000",
});

function frontMatter(markdown: string): { [key: string]: Yaml } {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(markdown);
  if (!m) throw new Error("no front matter");
  return parseYaml(m[1]!) as { [key: string]: Yaml };
}

describe("README.md dataset card", () => {
  it("has YAML front matter of the Hub's keys only: licenses as Hub ids, task and size categories, typed configs with their features", () => {
    const md = datasetCardMarkdown(cardInput(new Map([["CC-BY-4.0", 1000], ["CC0-1.0", 200], ["ODC-By-1.0", 34]])));
    const yaml = frontMatter(md);
    expect(Object.keys(yaml)).toEqual(["pretty_name", "license", "task_categories", "size_categories", "tags", "configs", "dataset_info"]);
    expect(yaml.pretty_name).toBe("Commonplace dataset, epoch 3");
    expect(yaml.license).toEqual(["cc-by-4.0", "cc0-1.0", "odc-by"]);
    expect(yaml.task_categories).toEqual(["text-generation", "text-classification"]);
    expect(yaml.size_categories).toEqual(["1K<n<10K"]);
    expect(yaml.configs).toEqual([
      { config_name: "default", default: true, data_files: [{ split: "train", path: "data.parquet" }] },
      { config_name: "jsonl", data_files: [{ split: "train", path: "data.jsonl" }] },
    ]);
    const infos = yaml.dataset_info as { config_name: string; features: { name: string }[]; splits: unknown }[];
    expect(infos.map((i) => i.config_name)).toEqual(["default", "jsonl"]);
    for (const info of infos) {
      expect(info.features.map((f) => f.name)).toEqual([...DATASET_COLUMNS]);
      expect(info.features[3]).toEqual({ name: "tags", sequence: "string" });
      expect(info.features[5]).toEqual({ name: "quality", dtype: "float64" });
      expect(info.features[10]).toEqual({ name: "submitted_at", dtype: "timestamp[ms, tz=UTC]" });
      expect(info.splits).toEqual([{ name: "train", num_examples: 1234 }]);
    }
    for (const query of Object.values(DUCKDB_QUERIES)) expect(md).toContain("```sql\n" + query + "\n```");
    expect(md).toContain("Each file is served at `http://localhost:3000/api/datasets/3/files/<file>`");
    expect(md).toContain("## How to verify");
    expect(md).toContain("a".repeat(64));
    expect(md).toContain(`0x${"1".repeat(64)}`);
  });

  it("adds other, named and linked, for licenses the Hub has no id for, quoted and escaped", () => {
    const md = datasetCardMarkdown(cardInput(new Map([["MIT", 2], ["<b>My: license</b>", 1], ["CC-BY-4.0", 3]])));
    const yaml = frontMatter(md);
    expect(yaml.license).toEqual(["cc-by-4.0", "mit", "other"]);
    expect(yaml.license_name).toBe("b-my-license-b");
    expect(yaml.license_link).toBe("http://localhost:3000/datasets/3");
    expect(yaml.licenses).toBeUndefined();
    expect(md.slice(md.indexOf("\n---\n"))).not.toContain("<b>");
    expect(md).toContain("&lt;b&gt;My: license&lt;/b&gt;");
    expect(cardLicense(new Map([["Weird License 1.0", 1], ["Other 2", 1]]))).toEqual({ license: ["other"], licenseName: "mixed" });
    expect(cardLicense(new Map([["cc-by-sa-4.0", 1], ["Apache-2.0", 1]]))).toEqual({ license: ["apache-2.0", "cc-by-sa-4.0"] });
    expect(cardLicense(new Map())).toEqual({ license: ["unknown"] });
    // Every license the app offers has a Hub id and an SPDX URL: `other` is left for values stored before.
    for (const id of LICENSE_IDS) {
      expect(hubLicense(id), id).toBeDefined();
      expect(croissantLicense(id), id).toBe(`https://spdx.org/licenses/${id}.html`);
    }
  });

  it("declares the screened languages, types and describes every screening column, and explains the reason codes", () => {
    const md = datasetCardMarkdown(cardInput(new Map([["cc-by-4.0", 1234]]), 1234, new Map([["de", 200], ["en", 900], ["no", 30], ["und", 4], ["ceb", 1]])));
    const yaml = frontMatter(md);
    // ISO 639-1 only: "und" and the model's three-letter labels are named in the body.
    expect(yaml.language).toEqual(["de", "en", "no"]);
    const features = (yaml.dataset_info as { features: Record<string, string>[] }[])[0]!.features;
    const feature = (name: string) => features.find((f) => f.name === name);
    expect(feature("language")).toEqual({ name: "language", dtype: "string" });
    expect(feature("language_score")).toEqual({ name: "language_score", dtype: "float64" });
    expect(feature("screening_reasons")).toEqual({ name: "screening_reasons", sequence: "string" });
    for (const column of SIGNAL_COLUMNS) expect(feature(column)).toEqual({ name: column, dtype: "float64" });
    for (const column of SIGNAL_COLUMNS) expect(md).toMatch(new RegExp(`^\\| ${column} \\| float64 or null \\| Screening signal: .+ \\|$`, "m"));
    expect(md).toContain("| screening_verdict | string or null |");
    expect(md).toContain("## Screening");
    expect(md).toContain("1135 of 1234 items were screened.");
    expect(md).toContain("| en | 900 |\n| de | 200 |\n| no | 30 |\n| und | 4 |\n| ceb | 1 |");
    expect(md).toContain("| shouting | Mostly capital letters. |");
    expect(md).toContain("null in every screening column and an empty `screening_reasons`");

    const unscreened = datasetCardMarkdown(cardInput(new Map([["cc-by-4.0", 3]]), 3));
    expect(frontMatter(unscreened).language).toBeUndefined();
    expect(unscreened).toContain("0 of 3 items were screened.");
  });

  it("buckets sizes as the hub does", () => {
    expect([0, 999, 1000, 9999, 10_000, 999_999, 1_000_000, 12_000_000].map(sizeCategory)).toEqual([
      "n<1K",
      "n<1K",
      "1K<n<10K",
      "1K<n<10K",
      "10K<n<100K",
      "100K<n<1M",
      "1M<n<10M",
      "10M<n<100M",
    ]);
  });
});

describe("croissant.json", () => {
  it("is Croissant 1.0 JSON-LD: context, FileObjects with sha256 at absolute URLs, a record set over data.jsonl", () => {
    const doc = croissantDocument({
      epoch: 3,
      cutoff: "2025-02-03T04:05:06.000Z",
      itemCount: 2,
      licenses: ["cc-by-4.0"],
      siteUrl: "https://commonplace.example",
      languages: ["en", "ja", "und"],
      files: [
        { name: "data.jsonl", bytes: 10, sha256: "a".repeat(64) },
        { name: "data.parquet", bytes: 11, sha256: "b".repeat(64) },
      ],
      datasetRoot: `0x${"1".repeat(64)}`,
    }) as {
      "@context": Record<string, unknown>;
      "@type": string;
      conformsTo: string;
      distribution: { "@type": string; "@id": string; sha256: string; contentUrl: string; encodingFormat: string }[];
      inLanguage: string[];
      recordSet: {
        "@type": string;
        field: { "@type": string; name: string; dataType: string; repeated?: boolean; description: string; source: { fileObject: { "@id": string }; extract: { column: string } } }[];
      }[];
    };
    expect(doc["@type"]).toBe("sc:Dataset");
    expect(doc.conformsTo).toBe("http://mlcommons.org/croissant/1.0");
    expect(doc["@context"]).toMatchObject({ "@vocab": "https://schema.org/", cr: "http://mlcommons.org/croissant/", sc: "https://schema.org/" });
    expect(doc.distribution.map((d) => [d["@type"], d["@id"], d.contentUrl, d.encodingFormat, d.sha256])).toEqual([
      ["cr:FileObject", "data.jsonl", "https://commonplace.example/api/datasets/3/files/data.jsonl", "application/jsonlines", "a".repeat(64)],
      ["cr:FileObject", "data.parquet", "https://commonplace.example/api/datasets/3/files/data.parquet", "application/x-parquet", "b".repeat(64)],
    ]);
    expect(doc).toMatchObject({ url: "https://commonplace.example/datasets/3", license: "https://spdx.org/licenses/CC-BY-4.0.html" });
    const fields = doc.recordSet[0]!.field;
    expect(fields.map((f) => f.name)).toEqual([...DATASET_COLUMNS]);
    const ids = new Set(doc.distribution.map((d) => d["@id"]));
    for (const f of fields) {
      expect(f["@type"]).toBe("cr:Field");
      expect(ids.has(f.source.fileObject["@id"])).toBe(true);
      expect(f.source.extract.column).toBe(f.name);
    }
    const field = (name: string) => fields.find((f) => f.name === name);
    expect(field("language")).toMatchObject({ dataType: "sc:Text" });
    expect(field("language_score")).toMatchObject({ dataType: "sc:Float" });
    expect(field("screening_verdict")).toMatchObject({ dataType: "sc:Text" });
    expect(field("screening_reasons")).toMatchObject({ dataType: "sc:Text", repeated: true });
    for (const name of SIGNAL_NAMES) expect(field(`signal_${name}`)).toMatchObject({ dataType: "sc:Float", description: expect.stringContaining("Screening signal") as string });
    expect(field("language")?.repeated).toBeUndefined();
    expect(doc.inLanguage).toEqual(["en", "ja"]);
  });

  it("has mlcroissant's reference context for 1.0, key for key, and licenses as SPDX URLs", () => {
    // mlcroissant's make_context() for a 1.0 document (python/mlcroissant/mlcroissant/_src/core/rdf.py), in its order.
    expect(Object.keys(CROISSANT_CONTEXT)).toEqual([
      "@language", "@vocab", "citeAs", "column", "conformsTo", "cr", "rai", "data", "dataType", "dct", "equivalentProperty",
      "examples", "extract", "field", "fileProperty", "fileObject", "fileSet", "format", "includes", "isLiveDataset", "jsonPath",
      "key", "md5", "parentField", "path", "recordSet", "references", "regex", "repeated", "replace", "samplingRate", "sc",
      "separator", "source", "subField", "transform",
    ]);
    expect(CROISSANT_CONTEXT).toMatchObject({ samplingRate: "cr:samplingRate", equivalentProperty: "cr:equivalentProperty" });
    expect(croissantLicense("CC0-1.0")).toBe("https://spdx.org/licenses/CC0-1.0.html");
    expect(croissantLicense("odc-by-1.0")).toBe("https://spdx.org/licenses/ODC-By-1.0.html");
    expect(croissantLicense("My own")).toEqual({ "@type": "sc:CreativeWork", name: "My own" });
    const doc = croissantDocument({
      epoch: 1,
      cutoff: "2025-02-03T04:05:06.000Z",
      itemCount: 2,
      licenses: ["Apache-2.0", "MIT"],
      languages: [],
      files: [{ name: "data.jsonl", bytes: 10, sha256: "a".repeat(64) }],
      datasetRoot: `0x${"1".repeat(64)}`,
      siteUrl: "http://localhost:3000",
    });
    expect(doc.license).toEqual(["https://spdx.org/licenses/Apache-2.0.html", "https://spdx.org/licenses/MIT.html"]);
  });
});

describe("manifest.json", () => {
  const manifest: Manifest = {
    format: "commonplace-snapshot/1",
    epoch: 1,
    created_at: "2025-01-01T00:00:00.000Z",
    item_count: 2,
    vote_count: 6,
    dataset_root: `0x${"1".repeat(64)}`,
    reward_root: `0x${"2".repeat(64)}`,
    cid: "bafybeifq2rzpqnqrsdupncmkmhs3ckxxjhuvdcbvydkgvch3ms24k5lo7q",
    budget: "1000",
    total_cumulative: "1000",
    chain_id: 31337,
    contracts: null,
    files: [
      { name: "data.csv", bytes: 3, sha256: "c".repeat(64), media_type: "text/csv" },
      { name: "data.jsonl", bytes: 1, sha256: "a".repeat(64), media_type: "application/jsonl" },
    ],
  };

  it("is canonical: fixed key and file order, trailing newline, parseable, hash over its bytes", () => {
    const shuffled = Object.fromEntries(Object.entries(manifest).reverse()) as Manifest;
    const text = manifestJson(shuffled);
    expect(text).toBe(manifestJson(manifest));
    expect(text.endsWith("}\n")).toBe(true);
    expect(Object.keys(JSON.parse(text) as object)[0]).toBe("format");
    expect(parseManifest(text).files.map((f) => f.name)).toEqual(["data.jsonl", "data.csv"]);
    expect(manifestHash(text)).toMatch(/^0x[0-9a-f]{64}$/);
    expect(() => manifestJson({ ...manifest, files: [manifest.files[0]!, manifest.files[0]!] })).toThrow();
  });
});
