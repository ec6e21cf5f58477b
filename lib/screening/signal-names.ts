/**
 * The soft signals of one text, in the style of Gopher, C4 and FineWeb's filters. One list, in
 * one order, for the API, the database, every export format, the dataset card and Croissant.
 */
export const SCREENING_SIGNALS = {
  word_count: "Words, counted with Intl.Segmenter as a reader of the language would.",
  mean_word_length: "Mean characters per word.",
  symbol_word_ratio: "Hash signs and ellipses per word (Gopher).",
  alpha_word_share: "Share of words containing a letter.",
  stop_word_share: "Share of words that are stop words of the identified language; null when there is no list for it.",
  unusual_word_share:
    "Share of words that are Latin-script with 4+ letters and no vowel or 5+ consonants in a row, or letters and digits interleaved (keyboard mashing, random strings).",
  unique_word_share: "Distinct words over all words (low when a few words repeat).",
  duplicate_line_share: "Share of non-empty lines repeating an earlier line.",
  duplicate_ngram_share: "Share of word 3-grams repeating an earlier 3-gram.",
  punctuated_line_share: "Share of non-empty lines ending in terminal punctuation (C4).",
  boilerplate_markers: "Boilerplate phrases (lorem ipsum, cookie notices, click here, footers).",
  link_count: "URLs in the text.",
  link_density: "Share of characters inside URLs.",
  caps_share: "Share of letters in upper case (shouting); scripts without case count as lower.",
  repeated_char_share: "Share of characters in runs of 4+ identical letters or symbols.",
  promo_phrases: "Promotional and scam phrases.",
  top_word_share: "Share of the most frequent word of 3+ letters that is not a stop word (keyword stuffing).",
  profanity: "English profanity (the obscenity library's English data set) plus insults; null for other languages.",
  personal_data: "Kinds of personal data found (email, phone).",
} as const;

export type SignalName = keyof typeof SCREENING_SIGNALS;
/** A text's signals; null where a signal does not apply (no stop-word list or profanity list for the language). */
export type Signals = Record<SignalName, number | null>;
export const SIGNAL_NAMES = Object.keys(SCREENING_SIGNALS) as SignalName[];
