import type { Signals } from "./signal-names";

/**
 * Why an item is flagged: each reason is one threshold on the signals. Flagged items still reach
 * validators (as hints, and ordered for the reviewers most often right; see the queue); nothing
 * here refuses an item. Thresholds were set on the labelled set in lib/screening/evaluation.
 */
export const FLAG_REASONS = {
  uncertain_language: "The language model is unsure what language this is.",
  unusual_words: "Many words look like keyboard mashing or random strings.",
  repetitive: "A few words repeated over and over.",
  no_stop_words: "Few of the language's common words: a list, keywords or noise rather than running text.",
  symbols: "Many hash signs or ellipses for its words.",
  few_words_with_letters: "Many words without letters.",
  repeated_lines: "Lines repeat.",
  repeated_phrases: "Phrases repeat.",
  boilerplate: "Page boilerplate (cookie notices, placeholder text, footers).",
  links: "Mostly links.",
  shouting: "Mostly capital letters.",
  keyword_stuffing: "One word makes up much of the text.",
  repeated_characters: "Characters repeated many times.",
  promotional: "Promotional or scam phrasing.",
  profanity: "Profanity or insults.",
  personal_data: "Possible personal data (an email address or phone number).",
} as const;

export type FlagReason = keyof typeof FLAG_REASONS;

export const SCREENING_THRESHOLDS = Object.freeze({
  minLanguageScore: 0.4,
  maxUnusualWordShare: 0.2,
  minUniqueWordShare: 0.2,
  /** Repetition needs enough words to show. */
  repetitionMinWords: 20,
  minStopWordShare: 0.06,
  maxSymbolWordRatio: 0.1,
  minAlphaWordShare: 0.7,
  maxDuplicateLineShare: 0.3,
  maxDuplicateNgramShare: 0.3,
  maxLinkCount: 3,
  maxLinkDensity: 0.3,
  maxCapsShare: 0.5,
  /** Shouting needs some letters to shout with. */
  capsMinLetters: 20,
  maxRepeatedCharShare: 0.03,
  maxTopWordShare: 0.12,
  /** Keyword stuffing needs enough words for one to stand out. */
  topWordMinWords: 20,
});

export function flagReasons(signals: Signals, languageScore: number): FlagReason[] {
  const t = SCREENING_THRESHOLDS;
  const n = (name: keyof Signals): number => signals[name] ?? 0;
  const reasons: FlagReason[] = [];
  if (languageScore < t.minLanguageScore) reasons.push("uncertain_language");
  if (n("unusual_word_share") > t.maxUnusualWordShare) reasons.push("unusual_words");
  if (n("unique_word_share") < t.minUniqueWordShare && n("word_count") >= t.repetitionMinWords) reasons.push("repetitive");
  if (signals.stop_word_share !== null && signals.stop_word_share < t.minStopWordShare) reasons.push("no_stop_words");
  if (n("symbol_word_ratio") > t.maxSymbolWordRatio) reasons.push("symbols");
  if (n("alpha_word_share") < t.minAlphaWordShare) reasons.push("few_words_with_letters");
  if (n("duplicate_line_share") > t.maxDuplicateLineShare) reasons.push("repeated_lines");
  if (n("duplicate_ngram_share") > t.maxDuplicateNgramShare) reasons.push("repeated_phrases");
  if (n("boilerplate_markers") > 0) reasons.push("boilerplate");
  if (n("link_count") > t.maxLinkCount || n("link_density") > t.maxLinkDensity) reasons.push("links");
  if (n("caps_share") > t.maxCapsShare && n("word_count") * n("mean_word_length") >= t.capsMinLetters) reasons.push("shouting");
  if (n("repeated_char_share") > t.maxRepeatedCharShare) reasons.push("repeated_characters");
  if (n("top_word_share") > t.maxTopWordShare && n("word_count") >= t.topWordMinWords) reasons.push("keyword_stuffing");
  if (n("promo_phrases") > 0) reasons.push("promotional");
  if (n("profanity") > 0) reasons.push("profanity");
  if (n("personal_data") > 0) reasons.push("personal_data");
  return reasons;
}
