/** One benchmark's result: a titled table, printed by scripts/bench.ts. */
export type BenchTable = {
  title: string;
  rows: Record<string, string | number>[];
  notes?: string[];
};

export type BenchModule = { default: () => Promise<BenchTable[]> };

export function formatTable(table: BenchTable): string {
  const columns = [...new Set(table.rows.flatMap((row) => Object.keys(row)))];
  const cell = (value: string | number | undefined) =>
    value === undefined ? "" : typeof value === "number" ? formatNumber(value) : value;
  const widths = columns.map((c) => Math.max(c.length, ...table.rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => "| " + values.map((v, i) => v.padEnd(widths[i] ?? 0)).join(" | ") + " |";
  const out = [`\n## ${table.title}`, line(columns), "|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|"];
  for (const row of table.rows) out.push(line(columns.map((c) => cell(row[c]))));
  for (const note of table.notes ?? []) out.push(`  ${note}`);
  return out.join("\n");
}

function formatNumber(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString("en-US");
  return value.toLocaleString("en-US", { maximumFractionDigits: 3 });
}

/** Wall time of one call, in milliseconds. */
export async function timeMs<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

/** Nearest-rank p50 and p99 of `values` (0 when empty). */
export function percentiles(values: number[]): { p50: number; p99: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99) };
}
