import { describe, expect, it } from "vitest";
import { datasetRow } from "../testing/snapshot-fixtures";
import { fieldsOf } from "./dataset-fields";
import { datasetRowJson, type DatasetRow } from "./rows";
import { compareCsv } from "./verify-formats";
import { datasetCsvRecord } from "./writers/csv";

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
