import { FLAG_REASONS, type FlagReason } from "./verdict";

/**
 * Screening in words, for pages: client-safe (no model, no word lists), so the submit form, My
 * submissions and the review queue can name a language and say why an item is flagged.
 */
let names: Intl.DisplayNames | undefined;

/** "en" → "English"; a code Intl does not know stays as it is. */
export function languageName(code: string): string {
  try {
    names ??= new Intl.DisplayNames(["en"], { type: "language" });
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** ["en", "es", "fr"] → "English, Spanish, or French". */
export const languageList = (codes: readonly string[]): string =>
  new Intl.ListFormat("en", { type: "disjunction" }).format(codes.map(languageName));

/**
 * Why an item is flagged, as sentences, without personal data: every page that shows a flag already shows that
 * hint with the kinds found (email, phone).
 */
export const flagSentences = (reasons: readonly FlagReason[]): string[] => reasons.filter((r) => r !== "personal_data").map((r) => FLAG_REASONS[r]);
