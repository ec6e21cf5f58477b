import type { BenchTable } from "../bench/table";
import { DEFAULT_MIN_WORDS } from "./hard-rules";
import { loadLabelledSet } from "./evaluation/evaluate";
import { identifyLanguage } from "./language";
import { screenText } from "./screen";
import { computeSignals } from "./signals";
import { words } from "./words";

const ROUNDS = 5;
const settings = { minWords: DEFAULT_MIN_WORDS, allowedLanguages: [] };

/** Median and p99 of one call per text, over ROUNDS passes after a warm-up pass. */
async function perItem(texts: readonly string[], fn: (text: string) => unknown): Promise<{ median: number; p99: number }> {
  for (const t of texts) await fn(t);
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r++)
    for (const t of texts) {
      const start = performance.now();
      await fn(t);
      times.push(performance.now() - start);
    }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { median: at(0.5), p99: at(0.99) };
}

/** Texts a hostile contributor could send: 10,000 characters shaped to make patterns backtrack. */
const HOSTILE: Record<string, string> = {
  "one 10k-letter word": "a".repeat(10_000),
  "10k of Chinese": "中文".repeat(5_000),
  "5k at-signs between letters": "a@".repeat(5_000),
  "pipes between short words": "abc | ".repeat(1_666),
  "one 10k-character URL": `https://${"a".repeat(9_990)}`,
  "10k exclamation marks": "!".repeat(10_000),
};

/**
 * The AI screening's cost per item, against the language model alone (the one step no rule can
 * skip) measured in the same run: the labelled set as submitted, then hostile 10k-character texts.
 */
export default async function bench(): Promise<BenchTable[]> {
  const texts = loadLabelledSet().map((i) => i.text);
  const baseline = await perItem(texts, identifyLanguage);
  const rows = [
    { step: "baseline: fastText language identification", ...baseline },
    { step: "words (Intl.Segmenter)", ...(await perItem(texts, words)) },
    { step: "signals (English lists)", ...(await perItem(texts, (t) => computeSignals(t, "en"))) },
    { step: "whole screening (rules, language, signals, verdict)", ...(await perItem(texts, (t) => screenText(t, settings))) },
  ];
  const hostile = [];
  for (const [name, text] of Object.entries(HOSTILE)) {
    const alone = await perItem([text], identifyLanguage);
    // Signals as for English, the most expensive lists, whatever the model says.
    const whole = await perItem([text], (t) => computeSignals(t, "en"));
    hostile.push({ text: name, "language model ms": alone.median, "signals ms": whole.median, "× model": whole.median / alone.median });
  }
  return [
    {
      title: `Screening time per item: ${texts.length} labelled items × ${ROUNDS} rounds (target ≤ 2 ms median)`,
      rows: rows.map((r) => ({ step: r.step, "median ms": r.median, "p99 ms": r.p99, "median × baseline": r.median / baseline.median })),
    },
    { title: "Screening of hostile 10k-character texts (median of 5)", rows: hostile },
  ];
}
