import { keccak256Into } from "@/lib/merkle/keccak";
import type { Screening } from "@/lib/screening/screen";
import { SIGNAL_NAMES, type Signals } from "@/lib/screening/signal-names";
import { datasetScreeningColumns, type DatasetRow } from "./rows";

const WORDS = (
  "the of and to in is was for on that with as by at from this be are it an or which data model " +
  "training dataset quality validator contributor reward epoch token chain proof merkle root curated " +
  "text language research article thread question answer source license open network human review " +
  "naïve café résumé straße 東京 データ 🎉 Привет мир «quoted» \"double\" 'single' a,b x;y <b>tag</b> =SUM(A1) @user -dash"
).split(" ");
const TAGS = ["news", "science", "code", "math", "history", "opinion", "qa", "howto", "review", "ai"];
const LICENSES = ["cc-by-4.0", "cc-by-4.0", "cc-by-4.0", "cc0-1.0", "mit", "cc-by-sa-4.0"];
const LANGUAGES = ["en", "en", "en", "en", "de", "fr", "es", "ja", "zh", "pt"];
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
/** Item i is submitted at BENCH_BASE_MS + i seconds and accepted an hour later. */
export const BENCH_BASE_MS = Date.UTC(2025, 0, 1);
/** How many contributors the rows are spread over (item i belongs to contributor i mod this, plus one). */
export const BENCH_CONTRIBUTORS = 5000;

/** A small fast PRNG (mulberry32), seeded per row so row i is the same whatever is generated around it. */
function prng(seed: number): () => number {
  let s = seed | 0;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomHex(r: () => number, bytes: number): string {
  let s = "0x";
  for (let i = 0; i < bytes; i++) s += HEX[Math.floor(r() * 256)]!;
  return s;
}

const digest = new Uint8Array(32);
function keccakHex(text: string): string {
  keccak256Into(Buffer.from(text, "utf8"), digest);
  let s = "0x";
  for (const b of digest) s += HEX[b]!;
  return s;
}

export const benchAddress = (n: number) => `0x${n.toString(16).padStart(40, "0")}`;
export const benchItemId = (i: number) => `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`;

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** A screening as stored: four-decimal signals (word count whole), one in eight flagged. */
function syntheticScreening(r: () => number, length: number): Screening {
  const signals = {} as Signals;
  for (const name of SIGNAL_NAMES) signals[name] = name === "word_count" ? Math.round(length / 6) : r() < 0.05 ? null : round4(r());
  const flagged = r() < 0.125;
  return {
    language: LANGUAGES[Math.floor(r() * LANGUAGES.length)]!,
    languageScore: round4(0.3 + r() * 0.7),
    verdict: flagged ? "flag" : "pass",
    reasons: flagged ? (r() < 0.5 ? ["links"] : ["shouting", "repeated_characters"]) : [],
    signals,
  };
}

/**
 * Synthetic accepted item i of the export bench: 200–2,000 characters of mixed text (unicode, quotes, commas,
 * newlines, markup-like and formula-like words), 0–4 tags, 30 % without source URL, BENCH_CONTRIBUTORS contributors,
 * its true keccak256 content hash (the export checks it), and a screening (10 % stored before screening, without).
 */
export function syntheticRow(i: number): DatasetRow {
  const r = prng(Math.imul(i + 1, 0x9e3779b1));
  const target = 200 + Math.floor(r() * 1801);
  const parts: string[] = [];
  let length = 0;
  while (length < target) {
    const word = r() < 0.04 ? "\n" : WORDS[Math.floor(r() * WORDS.length)]!;
    parts.push(word);
    length += word.length + 1;
  }
  const text = parts.join(" ").slice(0, target);
  const tagCount = Math.floor(r() * 5);
  const tags = Array.from({ length: tagCount }, () => TAGS[Math.floor(r() * TAGS.length)]!);
  const screening = r() < 0.1 ? null : syntheticScreening(r, text.length);
  return {
    id: benchItemId(i),
    text,
    source_url: r() < 0.3 ? null : `https://example.com/post/${i}?ref=${Math.floor(r() * 1000)}`,
    tags,
    license: LICENSES[Math.floor(r() * LICENSES.length)]!,
    quality: Math.round((1 + r() * 4) * 1000) / 1000,
    contributor: benchAddress((i % BENCH_CONTRIBUTORS) + 1),
    content_hash: keccakHex(text),
    signature: randomHex(r, 65),
    issued_at: new Date(BENCH_BASE_MS + i * 1000 - 1000).toISOString(),
    submitted_at: new Date(BENCH_BASE_MS + i * 1000).toISOString(),
    accepted_at: new Date(BENCH_BASE_MS + i * 1000 + 3_600_000).toISOString(),
    ...datasetScreeningColumns(screening),
  };
}
