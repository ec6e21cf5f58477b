import { describe, expect, it } from "vitest";
import { datasetRow } from "../testing/snapshot-fixtures";
import { DATASET_FIELDS, fieldsOf, type FieldSpec } from "./dataset-fields";
import { DATASET_COLUMNS, datasetRowJson, encodingOf, timestampText, type DatasetRow } from "./rows";
import { compareCsv, compareParquet } from "./verify-formats";
import { csvText, datasetCsvRecord } from "./writers/csv";
import { writeDatasetParquet } from "./writers/parquet";

const bytes = async function* (text: string) {
  yield new TextEncoder().encode(text);
};

/** A row as an epoch exported before screening existed wrote it: the item columns only. */
function itemsOnly(row: DatasetRow): DatasetRow {
  const names = new Set<string>(fieldsOf("items-only").map((f) => f.name));
  return Object.fromEntries(Object.entries(row).filter(([k]) => names.has(k))) as DatasetRow;
}

describe("data.csv against data.jsonl, in both layouts", () => {
  const rows = [datasetRow(1, "First item text, a line about caching."), datasetRow(2, "Second, with a comma and a \"quote\".")];
  const jsonl = (list: DatasetRow[], layout: "screened" | "items-only") => list.map((r) => datasetRowJson(r, layout)).join("\n") + "\n";
  const csv = (list: DatasetRow[], layout: "screened" | "items-only") =>
    fieldsOf(layout).map((f) => f.name).join(",") + "\r\n" + list.map((r) => datasetCsvRecord(r, fieldsOf(layout))).join("");

  it("accepts a screened epoch's files and names the record that differs", async () => {
    expect(await compareCsv(bytes(csv(rows, "screened")), bytes(jsonl(rows, "screened")))).toBeNull();
    const other = [rows[0]!, { ...rows[1]!, signal_word_count: 99 }];
    expect(await compareCsv(bytes(csv(other, "screened")), bytes(jsonl(rows, "screened")))).toBe("data.csv record 2 (data.jsonl line 2) differs from data.jsonl");
  });

  it("still verifies an epoch exported before screening (item columns only), and refuses one file of each layout", async () => {
    const old = rows.map(itemsOnly);
    expect(jsonl(old, "items-only")).not.toContain("screening_verdict");
    expect(await compareCsv(bytes(csv(old, "items-only")), bytes(jsonl(old, "items-only")))).toBeNull();
    expect(await compareCsv(bytes(csv(rows, "screened")), bytes(jsonl(old, "items-only")))).toBe("data.csv the header differs from data.jsonl");
  });

  it("refuses a row that mixes the layouts", () => {
    expect(() => datasetRowJson({ ...itemsOnly(rows[0]!), language: "en" } as DatasetRow, "items-only")).toThrow(/screening columns in a file without them/);
    expect(() => datasetRowJson(itemsOnly(rows[0]!), "screened")).toThrow();
  });
});

describe("data.parquet and data.csv against data.jsonl, in both encodings", () => {
  const rows = [
    datasetRow(1, "Whole quality, =formula-looking", { quality: 4, tags: ["a,b", 'q"u'] }),
    datasetRow(2, "Fractional quality", { quality: 4.5, source_url: null }),
    datasetRow(4, "Stored before screening: every screening column null"),
  ];
  // What the writers made before floats and offsets were spelled out, pinned: JSON.stringify of the row in column
  // order, and CSV fields with String(number) and the timestamps as given (…Z).
  const legacyJsonl = rows.map((r) => JSON.stringify(Object.fromEntries(DATASET_COLUMNS.map((c) => [c, r[c]])))).join("\n") + "\n";
  const legacyCsv =
    DATASET_COLUMNS.join(",") +
    "\r\n" +
    rows
      .map((r) => {
        const field = (f: FieldSpec) => {
          const v = r[f.name as keyof DatasetRow];
          if (v === null) return "";
          if (f.kind === "float" || f.kind === "nullable-float") return String(v);
          return csvText(Array.isArray(v) ? JSON.stringify(v) : String(v));
        };
        return DATASET_FIELDS.map(field).join(",") + "\r\n";
      })
      .join("");
  const typedJsonl = rows.map((r) => datasetRowJson(r)).join("\n") + "\n";
  const typedCsv = DATASET_COLUMNS.join(",") + "\r\n" + rows.map((r) => datasetCsvRecord(r)).join("");
  const parquet = async () => {
    const chunks: Uint8Array[] = [];
    await writeDatasetParquet(
      (async function* () {
        yield* rows;
      })(),
      { write: async (chunk) => void chunks.push(chunk.slice()) },
    );
    return new Uint8Array(Buffer.concat(chunks)).buffer;
  };

  it("verifies an epoch written before (4, …Z) as well as one written now (4.0, …+00:00)", async () => {
    expect(legacyJsonl).toContain(`"quality":4,`);
    expect(legacyJsonl).toContain(`.000Z"`);
    expect(typedJsonl).toContain(`"quality":4.0,`);
    expect(typedJsonl).toContain(`.000+00:00"`);
    expect(typedJsonl).not.toContain(`Z"`);
    expect(typedCsv).toContain(",4.0,");
    expect(legacyCsv).toContain(",4,");
    expect(rows.map((r) => encodingOf(r))).toEqual(["legacy", "legacy", "legacy"]);
    expect(encodingOf(JSON.parse(typedJsonl.split("\n")[0]!) as DatasetRow)).toBe("typed");

    const file = await parquet();
    expect(await compareParquet(file, bytes(legacyJsonl))).toBeNull();
    expect(await compareParquet(file, bytes(typedJsonl))).toBeNull();
    expect(await compareCsv(bytes(legacyCsv), bytes(legacyJsonl))).toBeNull();
    expect(await compareCsv(bytes(typedCsv), bytes(typedJsonl))).toBeNull();
  });

  it("refuses files whose encodings disagree, and a row that mixes them", async () => {
    const file = await parquet();
    expect(await compareCsv(bytes(typedCsv), bytes(legacyJsonl))).toBe("data.csv record 1 (data.jsonl line 1) differs from data.jsonl");
    expect(await compareCsv(bytes(legacyCsv), bytes(typedJsonl))).toBe("data.csv record 1 (data.jsonl line 1) differs from data.jsonl");
    // An offset where the first row (and so the file) spells times with Z, or a fraction the old writer never wrote.
    const [first, second, third] = legacyJsonl.trimEnd().split("\n");
    const offsetInLegacy = [first, second!.replaceAll(`Z"`, `+00:00"`), third].join("\n") + "\n";
    expect(await compareParquet(file, bytes(offsetInLegacy))).toBe("data.parquet row 2 differs from data.jsonl line 2");
    const fractionInLegacy = [first!.replace(`"quality":4,`, `"quality":4.0,`), second, third].join("\n") + "\n";
    expect(await compareParquet(file, bytes(fractionInLegacy))).toBe("data.parquet row 1 differs from data.jsonl line 1");
    expect(() => datasetRowJson({ ...rows[0]!, issued_at: timestampText(rows[0]!.issued_at, "typed") })).toThrow(/spelled two ways/);
  });
});
