import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from "obscenity";
import { detectPersonalData } from "../submissions/personal-data";
import type { Signals } from "./signal-names";
import { BOILERPLATE, countMatches, INSULTS, PROMOTIONAL } from "./phrases";
import { stopWordsFor } from "./stop-words";
import { words } from "./words";

let profanityMatcher: RegExpMatcher | undefined;
const profanityCount = (text: string): number => {
  profanityMatcher ??= new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
  return profanityMatcher.getAllMatches(text).length;
};

const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"')\]]+/giu;
const TERMINAL = /[.!?…。！？:;"'”’)\]»」』]$/u;
const REPEATED_RUN = /([\p{L}\p{P}\p{S}])\1{3,}/gu;
const LATIN_WORD = /^[a-z]{4,}$/;
/** Letters and digits interleaved, as in "xk7qp9": not "400ml", "21st" or "h264". */
const RANDOM_STRING = /^[a-z\d]{4,}$/;
const INTERLEAVED = /[a-z]\d+[a-z]|\d[a-z]+\d/;
const LETTER = /\p{L}/u;
const UPPER = /\p{Lu}/u;
const VOWEL = /[aeiouy]/;
const CONSONANT_RUN = /[bcdfghjklmnpqrstvwxz]{5,}/;

/** Rounded so that the stored and exported values are the same bytes on every machine. */
const round = (x: number): number => Math.round(x * 1e4) / 1e4;
const share = (part: number, whole: number): number => (whole > 0 ? round(part / whole) : 0);

/** `ws`: the text's words, when the caller has them already (the hard rules count them first). */
export function computeSignals(text: string, language: string | null, ws: readonly string[] = words(text)): Signals {
  const lower = ws.map((w) => w.toLowerCase());

  let chars = 0;
  let letters = 0;
  let upper = 0;
  for (const ch of text) {
    chars++;
    if (LETTER.test(ch)) {
      letters++;
      if (UPPER.test(ch)) upper++;
    }
  }

  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l.length > 0);
  const seenLines = new Set<string>();
  let duplicateLines = 0;
  for (const line of lines) {
    if (seenLines.has(line)) duplicateLines++;
    seenLines.add(line);
  }

  const seenGrams = new Set<string>();
  let duplicateGrams = 0;
  for (let i = 0; i + 2 < lower.length; i++) {
    const gram = `${lower[i]} ${lower[i + 1]} ${lower[i + 2]}`;
    if (seenGrams.has(gram)) duplicateGrams++;
    seenGrams.add(gram);
  }

  const stopWords = stopWordsFor(language);
  const frequency = new Map<string, number>();
  let stopCount = 0;
  let unusual = 0;
  let lengths = 0;
  let alpha = 0;
  for (const w of lower) {
    lengths += w.length;
    if (LETTER.test(w)) alpha++;
    if (stopWords?.has(w)) stopCount++;
    else if (w.length >= 3) frequency.set(w, (frequency.get(w) ?? 0) + 1);
    if (LATIN_WORD.test(w)) {
      if (!VOWEL.test(w) || CONSONANT_RUN.test(w)) unusual++;
    } else if (RANDOM_STRING.test(w) && INTERLEAVED.test(w)) unusual++;
  }
  let top = 0;
  for (const n of frequency.values()) if (n > top) top = n;

  const urls = text.match(URL_PATTERN) ?? [];
  const repeated = [...text.matchAll(REPEATED_RUN)].reduce((n, m) => n + m[0].length, 0);

  return {
    word_count: ws.length,
    mean_word_length: share(lengths, ws.length),
    symbol_word_ratio: share((text.match(/#|…|\.\.\./gu) ?? []).length, ws.length),
    alpha_word_share: share(alpha, ws.length),
    stop_word_share: stopWords ? share(stopCount, ws.length) : null,
    unusual_word_share: share(unusual, ws.length),
    unique_word_share: share(new Set(lower).size, ws.length),
    duplicate_line_share: share(duplicateLines, lines.length),
    duplicate_ngram_share: share(duplicateGrams, Math.max(0, lower.length - 2)),
    punctuated_line_share: share(lines.filter((l) => TERMINAL.test(l)).length, lines.length),
    boilerplate_markers: countMatches(text, BOILERPLATE),
    link_count: urls.length,
    link_density: share(urls.reduce((n, u) => n + u.length, 0), chars),
    caps_share: share(upper, letters),
    repeated_char_share: share(repeated, chars),
    promo_phrases: countMatches(text, PROMOTIONAL),
    top_word_share: share(top, ws.length),
    // The word lists are English: on other languages their substrings match innocent words.
    profanity: language === "en" ? profanityCount(text) + countMatches(text, INSULTS) : null,
    personal_data: detectPersonalData(text).length,
  };
}
