import { FLAG_REASONS } from "../../screening/verdict";
import { DATASET_FIELDS, type FieldKind } from "../dataset-fields";
import { fileUrl } from "../files";
import { DigestingSink, type ByteSink, type WriteResult } from "../storage";

/** What the card says about the data files, all computed before the card is written. */
export type CardFile = { name: string; bytes: number; sha256: string };

export type DatasetCardInput = {
  epoch: number;
  /** ISO 8601 UTC cut-off of the snapshot. */
  cutoff: string;
  itemCount: number;
  voteCount: number;
  /** Rows per license value, as found in the data. */
  licenses: ReadonlyMap<string, number>;
  /** Screened rows per language code, as found in the data (items stored before screening have none). */
  languages: ReadonlyMap<string, number>;
  /** data.jsonl, data.parquet, data.csv, votes.jsonl with their sizes and sha256. */
  files: readonly CardFile[];
  datasetRoot: string;
  rewardRoot: string;
  chainId: number;
  /** The distributor contract the epoch is published to, if deployed. */
  distributor: string | null;
  /** The app's public origin, e.g. https://commonplace.example (no trailing slash), for the links. */
  siteUrl: string;
  title?: string;
};

/**
 * License ids of the Hugging Face Hub (its repositories-licenses list) that a data license may map to. A value that is
 * none of these is declared as `other`.
 */
const HF_LICENSES = new Set([
  "apache-2.0", "mit", "bsd-2-clause", "bsd-3-clause", "isc", "cc0-1.0", "cc-by-2.0", "cc-by-2.5", "cc-by-3.0", "cc-by-4.0",
  "cc-by-sa-3.0", "cc-by-sa-4.0", "cc-by-nc-2.0", "cc-by-nc-3.0", "cc-by-nc-4.0", "cc-by-nd-4.0", "cc-by-nc-nd-3.0",
  "cc-by-nc-nd-4.0", "cc-by-nc-sa-2.0", "cc-by-nc-sa-3.0", "cc-by-nc-sa-4.0", "odc-by", "odbl", "pddl", "gpl-2.0", "gpl-3.0",
  "lgpl-2.1", "lgpl-3.0", "agpl-3.0", "mpl-2.0", "unlicense", "wtfpl", "gfdl", "etalab-2.0", "cdla-permissive-1.0",
  "cdla-permissive-2.0", "cdla-sharing-1.0",
]);

/** SPDX ids the Hub names by their family, without the version. */
const HF_FAMILIES: Record<string, string> = { "odc-by-1.0": "odc-by", "odbl-1.0": "odbl", "pddl-1.0": "pddl" };

/** A license value's Hub id (our values are SPDX ids, as lib/submissions/licenses.ts offers them), or undefined. */
export function hubLicense(value: string): string | undefined {
  const id = value.toLowerCase();
  const hub = HF_FAMILIES[id] ?? id;
  return HF_LICENSES.has(hub) ? hub : undefined;
}

/** HF `size_categories` bucket for a row count. */
export function sizeCategory(n: number): string {
  const buckets: [number, string][] = [
    [1e3, "n<1K"], [1e4, "1K<n<10K"], [1e5, "10K<n<100K"], [1e6, "100K<n<1M"], [1e7, "1M<n<10M"],
    [1e8, "10M<n<100M"], [1e9, "100M<n<1B"], [1e10, "1B<n<10B"], [1e11, "10B<n<100B"], [1e12, "100B<n<1T"],
  ];
  for (const [limit, label] of buckets) if (n < limit) return label;
  return "n>1T";
}

/**
 * The card's license metadata: `license` is the list of Hub ids of the rows' licenses, sorted, with `other` for values
 * the Hub has no id for; only then a `license_name` (the value's slug, or "mixed" for several) names them.
 */
export function cardLicense(licenses: ReadonlyMap<string, number>): { license: string[]; licenseName?: string } {
  const names = [...licenses.keys()].sort();
  const unknown = names.filter((l) => hubLicense(l) === undefined);
  const ids = new Set(names.map((l) => hubLicense(l) ?? "other"));
  const license = names.length === 0 ? ["unknown"] : [...ids].sort();
  if (unknown.length === 0) return { license };
  return { license, licenseName: unknown.length === 1 ? slug(unknown[0]!) : "mixed" };
}

/** ISO 639-1 codes, which the Hub's `language` takes; the model's other labels are listed in the card's body only. */
const ISO_639_1 = /^[a-z]{2}$/;

export const TASK_CATEGORIES = ["text-generation", "text-classification"] as const;

/**
 * The configs the card declares, each with the features of DATASET_FIELDS: data.parquet (the default) and
 * data.jsonl, the formats whose values are the dataset's own. data.csv is left out: its tags are JSON text and a text
 * cell may carry the spreadsheet guard, so `datasets` would load values that are not the dataset's.
 */
const CONFIGS = [
  { name: "default", path: "data.parquet" },
  { name: "jsonl", path: "data.jsonl" },
] as const;

/**
 * README.md: a Hugging Face dataset card. The YAML header holds only keys of the Hub's dataset card metadata: the
 * licenses as Hub ids, the languages, task and size categories, and one config per typed format with its features;
 * the body explains the fields, how to read each file (DuckDB), the curation and how to verify the files against the
 * chain.
 *
 * Strings that come from users (license values) are quoted in YAML and escaped in Markdown: the card shows them as
 * text, never as markup or links.
 */
export function datasetCardMarkdown(input: DatasetCardInput): string {
  const { license, licenseName } = cardLicense(input.licenses);
  const licenses = [...input.licenses.keys()].sort();
  const title = input.title ?? `Commonplace dataset, epoch ${input.epoch}`;
  const languages = cardLanguages(input.languages);
  const datasetPage = `${input.siteUrl}/datasets/${input.epoch}`;
  const yaml: string[] = [
    "---",
    `pretty_name: ${yamlScalar(title)}`,
    ...(languages.codes.length > 0 ? ["language:", ...languages.codes.map((l) => `- ${yamlScalar(l)}`)] : []),
    "license:",
    ...license.map((l) => `- ${yamlScalar(l)}`),
    // The Hub reads these two only with `other`: a name for what it has no id for, and where each row's license is shown.
    ...(licenseName ? [`license_name: ${yamlScalar(licenseName)}`, `license_link: ${yamlScalar(datasetPage)}`] : []),
    "task_categories:",
    ...TASK_CATEGORIES.map((t) => `- ${t}`),
    "size_categories:",
    `- ${yamlScalar(sizeCategory(input.itemCount))}`,
    "tags:",
    "- commonplace",
    "- human-curated",
    "- web-text",
    "configs:",
    ...CONFIGS.flatMap((c, i) => [`- config_name: ${c.name}`, ...(i === 0 ? ["  default: true"] : []), "  data_files:", "  - split: train", `    path: ${c.path}`]),
    "dataset_info:",
    ...CONFIGS.flatMap((c) => [
      `- config_name: ${c.name}`,
      "  features:",
      ...FEATURES.flatMap(([name, kind, type]) => [`  - name: ${name}`, `    ${kind}: ${yamlScalar(type)}`]),
      "  splits:",
      "  - name: train",
      `    num_examples: ${input.itemCount}`,
    ]),
    "---",
  ];

  const fileRows = input.files.map((f) => `| ${f.name} | ${f.bytes} | \`${f.sha256}\` |`);
  const licenseRows = licenses.map((l) => `| ${mdText(l)} | ${input.licenses.get(l) ?? 0} |`);
  const year = input.cutoff.slice(0, 4);
  const body = [
    `# ${mdText(title)}`,
    "",
    `${input.itemCount} human-curated text items submitted to Commonplace and accepted by its validators up to ` +
      `${input.cutoff} (epoch ${input.epoch}), with the ${input.voteCount} validator votes that decided them. ` +
      `Browse and download: ${datasetPage}`,
    "",
    "## Files",
    "",
    "| file | bytes | sha256 |",
    "| --- | --- | --- |",
    ...fileRows,
    "",
    `Each file is served at \`${input.siteUrl}${fileUrl(input.epoch, "<file>")}\`, with its sha256 as ETag.`,
    "",
    "`data.parquet` (default config), `data.jsonl` (config `jsonl`) and `data.csv` hold the same rows in the same order. " +
      "`data.jsonl` is the reference: the dataset root is computed over it. Its floats always carry a fraction (`4.0`) and " +
      "its timestamps an offset (`2025-06-01T12:00:00.000+00:00`). `data.csv` is for spreadsheets: " +
      "`tags` and `screening_reasons` are JSON arrays (`[\"news\",\"ai\"]`, `[]`), null is an empty field, numbers and times " +
      "are spelled as in `data.jsonl`, and a text cell starting with `=`, `+`, `-`, `@`, tab, CR or `'` has a `'` prepended " +
      "so spreadsheets do not run it as a formula (drop one leading `'` to get the exact value back; `text` is the only " +
      "column whose values can start so). The evidence: `decisions.jsonl` has every " +
      "accepted item and every item rejected this epoch with its outcome and the consensus parameters in force; " +
      "`votes.jsonl` every vote on them with its EIP-712 signature, the weight it counted with and, for a vote signed " +
      "by a validator's voting key, the wallet's signed delegation; `rewards.json` the allocation, its inputs and rule, " +
      "and a proof per account. `snapshot.car` holds all of these as one IPFS directory whose CID is in `manifest.json`.",
    "",
    "## Fields",
    "",
    "| field | type | description |",
    "| --- | --- | --- |",
    ...FIELD_DOCS.map(([name, type, doc]) => `| ${name} | ${type} | ${doc} |`),
    "",
    ...duckdbSection(),
    ...screeningSection(input.itemCount, languages),
    "## Licenses",
    "",
    "Each item keeps the license its contributor chose.",
    "",
    "| license | rows |",
    "| --- | --- |",
    ...licenseRows,
    "",
    "## Curation process",
    "",
    "Contributors find content, tag it and sign an EIP-712 `Submission` over its keccak256 hash with their wallet. " +
      "Exact and near duplicates are refused. Staked validators review each item (never their own) and vote " +
      "accept or reject with a 1–5 quality score. An item is decided after a quorum of votes: accepted when the " +
      "reputation-weighted accept share is at least 2/3. `quality` is the weighted mean of the accepting votes' " +
      "scores. This snapshot freezes every item accepted up to the cut-off; rewards for the epoch go to " +
      "contributors by the quality of their accepted items and to validators by their votes that agreed with the decision.",
    "",
    "## How to verify",
    "",
    "`npx commonplace-verify <this folder or its URL> --rpc <RPC_URL>` does all of the following and names the first " +
      "offending line of any failure: every file against the manifest, every contributor's and validator's signature " +
      "(and each voting key's delegation), every decision replayed from its votes and weights, every reward amount " +
      "recomputed from the data, the votes, the budget and the previous epoch, the roots, the CID, and the chain record. " +
      "What the server still decides alone: reputations (the weights, from the whole vote history, gold answers included) " +
      "and which items reach which validator's queue. By hand:",
    "",
    "1. Check each file against `manifest.json` (bytes and sha256), e.g. `sha256sum data.jsonl`.",
    "2. `manifest.json` itself is committed on-chain: its sha256 is the `manifestHash` of the distributor's " +
      "`Published` event for this epoch.",
    `3. Recompute the dataset root: an OpenZeppelin StandardMerkleTree over \`["bytes32","address"]\` leaves ` +
      "`[content_hash, contributor]`, one per line of `data.jsonl`. It must equal " +
      `\`${input.datasetRoot}\`; the reward root, over \`["address","uint256"]\` leaves of \`rewards.json\`, ` +
      `must equal \`${input.rewardRoot}\`.`,
    `4. Compare both roots with \`epochs(${input.epoch})\` of the distributor ` +
      (input.distributor ? `\`${input.distributor}\` ` : "") +
      `on chain ${input.chainId}; the publication transaction is listed on the dataset page (${datasetPage}).`,
    "",
    "## Citation",
    "",
    "```bibtex",
    `@misc{commonplace_epoch_${input.epoch},`,
    `  title = {${bibText(title)}},`,
    "  author = {{Commonplace contributors and validators}},",
    `  year = {${year}},`,
    `  note = {Epoch ${input.epoch}, cut-off ${input.cutoff}, dataset root ${input.datasetRoot}},`,
    `  howpublished = {\\url{${bibText(datasetPage)}}},`,
    "}",
    "```",
    "",
  ];
  return yaml.join("\n") + "\n\n" + body.join("\n");
}

export async function writeDatasetCard(input: DatasetCardInput, sink: ByteSink): Promise<WriteResult> {
  const out = new DigestingSink(sink);
  await out.text(datasetCardMarkdown(input));
  return { ...(await out.finish()), rows: 0 };
}

/** The languages of the screened rows: ISO 639-1 codes for the hub's `language` (sorted) and rows per label, most first. */
function cardLanguages(counts: ReadonlyMap<string, number>): { codes: string[]; rows: [string, number][]; screened: number } {
  const rows = [...counts].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
  return { codes: [...counts.keys()].filter((l) => ISO_639_1.test(l)).sort(), rows, screened: rows.reduce((n, [, c]) => n + c, 0) };
}

const DUCKDB_TYPES: Record<FieldKind, string> = {
  string: "VARCHAR",
  url: "VARCHAR",
  "nullable-string": "VARCHAR",
  "string-list": "VARCHAR[]",
  float: "DOUBLE",
  "nullable-float": "DOUBLE",
  timestamp: "TIMESTAMPTZ",
};

/** A DuckDB struct literal naming every column's type, a few columns to a line. */
function duckdbColumns(types: readonly [string, string][]): string {
  const lines: string[] = [];
  let line = "";
  for (const [name, type] of types) {
    const entry = `'${name}': '${type}'`;
    if (line !== "" && line.length + entry.length > 96) {
      lines.push(line + ",");
      line = "";
    }
    line += (line === "" ? "" : ", ") + entry;
  }
  return ["{", ...[...lines, line].map((l) => "    " + l), "  }"].join("\n");
}

const LISTS = DATASET_FIELDS.filter((f) => f.kind === "string-list").map((f) => f.name);

/**
 * The DuckDB queries the card documents, one per data file, reading the same rows with the same types (VARCHAR,
 * VARCHAR[], DOUBLE, TIMESTAMP WITH TIME ZONE). JSON and CSV name every column's type: read_json_auto types an ISO
 * timestamp as TIMESTAMP without a zone whatever its offset, and both readers guess VARCHAR or JSON for a column that is
 * null in every row. In CSV the lists are JSON text, and `text` may carry the spreadsheet guard.
 */
export const DUCKDB_QUERIES = {
  parquet: "SELECT * FROM read_parquet('data.parquet');",
  jsonl:
    "SELECT * FROM read_json('data.jsonl', format = 'newline_delimited', columns = " +
    duckdbColumns(DATASET_FIELDS.map((f) => [f.name, DUCKDB_TYPES[f.kind]])) +
    ");",
  csv: [
    "SELECT * REPLACE (",
    "    regexp_replace(text, '^''', '') AS text,",
    ...LISTS.map((name, i) => `    from_json(${name}, '["VARCHAR"]') AS ${name}${i < LISTS.length - 1 ? "," : ""}`),
    "  )",
    "FROM read_csv('data.csv', header = true, columns = " +
      duckdbColumns(DATASET_FIELDS.map((f) => [f.name, f.kind === "string-list" ? "VARCHAR" : DUCKDB_TYPES[f.kind]])) +
      ");",
  ].join("\n"),
} as const;

/** How to read each file: with `datasets` through the configs, with DuckDB through DUCKDB_QUERIES. */
function duckdbSection(): string[] {
  const block = (sql: string) => ["```sql", sql, "```", ""];
  return [
    "## Reading the files",
    "",
    "With `datasets`: `load_dataset(<repo>)` reads `data.parquet`, `load_dataset(<repo>, \"jsonl\")` `data.jsonl`, " +
      "both with the features above. With DuckDB, each of these gives the same rows with the same types (lists as " +
      "`VARCHAR[]`, floats as `DOUBLE`, times as `TIMESTAMP WITH TIME ZONE`); a file's URL works in place of its name.",
    "",
    ...block(DUCKDB_QUERIES.parquet),
    ...block(DUCKDB_QUERIES.jsonl),
    "`read_json_auto('data.jsonl')` types the same except the timestamps, read as `TIMESTAMP` (UTC, without a zone), " +
      "and a column that is null in every row.",
    "",
    ...block(DUCKDB_QUERIES.csv),
  ];
}

/** What screening is, what a row without it looks like, the languages found and what each flag reason means. */
function screeningSection(itemCount: number, languages: ReturnType<typeof cardLanguages>): string[] {
  return [
    "## Screening",
    "",
    "Every item submitted since AI screening began was screened before any validator saw it: its language " +
      "(fastText lid.176) and quality, spam, toxicity and personal-data signals, computed at submit time from models and " +
      "rules that ship with the code. Hard rules (too few words, no letters, a language not accepted) refused items " +
      "outright, so none of those is here. The other signals are exported as they were stored, to filter by: " +
      "`language`, `language_score`, `screening_verdict`, `screening_reasons` and one `signal_*` column per signal. " +
      "`flag` is a hint to validators, who accepted every item here anyway. An item stored before screening existed " +
      "has null in every screening column and an empty `screening_reasons`.",
    "",
    `${languages.screened} of ${itemCount} items were screened.`,
    "",
    ...(languages.rows.length > 0 ? ["| language | rows |", "| --- | --- |", ...languages.rows.map(([l, n]) => `| ${mdText(l)} | ${n} |`), ""] : []),
    "| screening_reasons code | meaning |",
    "| --- | --- |",
    ...Object.entries(FLAG_REASONS).map(([code, meaning]) => `| ${code} | ${mdCell(meaning)} |`),
    "",
  ];
}

/** HF `dataset_info.features` of data.parquet, from DATASET_FIELDS: [name, "dtype" | "sequence", type]. */
const FEATURES: [string, "dtype" | "sequence", string][] = DATASET_FIELDS.map((f) => {
  if (f.kind === "string-list") return [f.name, "sequence", "string"];
  const dtype = {
    string: "string",
    url: "string",
    "nullable-string": "string",
    float: "float64",
    "nullable-float": "float64",
    timestamp: "timestamp[ms, tz=UTC]",
  }[f.kind];
  return [f.name, "dtype", dtype];
});

const FIELD_TYPES: Record<FieldKind, string> = {
  string: "string",
  url: "string or null",
  "nullable-string": "string or null",
  "string-list": "list of strings",
  float: "float64",
  "nullable-float": "float64 or null",
  timestamp: "timestamp (ms, UTC)",
};
const FIELD_DOCS: [string, string, string][] = DATASET_FIELDS.map((f) => [f.name, FIELD_TYPES[f.kind], mdCell(f.doc)]);

/** Our own prose in a table cell: a `|` would end the cell. */
function mdCell(text: string): string {
  return text.replaceAll("|", "\\|");
}

const PLAIN_YAML = /^[A-Za-z0-9][A-Za-z0-9 ._/<>-]*$/;
const YAML_WORDS = /^(true|false|yes|no|on|off|null|y|n)$/i;

/** A YAML scalar: plain when unambiguous, else double-quoted (a JSON string is a valid YAML double-quoted scalar). */
export function yamlScalar(value: string): string {
  const plain = PLAIN_YAML.test(value) && !value.endsWith(" ") && !YAML_WORDS.test(value) && !/^[0-9.+-]+$/.test(value);
  return plain ? value : JSON.stringify(value);
}

/**
 * User text shown as Markdown text inside a sentence or table cell: backslash-escapes the punctuation that could
 * start emphasis, code, links, headings or cells, entity-escapes HTML, and keeps it on one line.
 */
export function mdText(value: string): string {
  return value
    .replace(/[\r\n]+/g, " ")
    .replace(/[\\`*_{}[\]()#+!|~]/g, (c) => "\\" + c)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");
}

function bibText(value: string): string {
  return value.replace(/[{}\\]/g, "");
}

function slug(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9.]+/g, "-").replace(/^-+|-+$/g, "") || "custom";
}
