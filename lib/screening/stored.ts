import type { Submission } from "../db/schema";
import type { Screening } from "./screen";

type ScreeningColumns = Pick<Submission, "language" | "languageScore" | "screeningVerdict" | "screeningReasons" | "screeningSignals">;

/** The columns a screening is stored in. */
export const screeningColumns = (s: Screening): ScreeningColumns => ({
  language: s.language,
  languageScore: s.languageScore,
  screeningVerdict: s.verdict,
  screeningReasons: s.reasons,
  screeningSignals: s.signals,
});

/** The API's `screening` of a stored item; null for items stored before screening existed. */
export function screeningOf(row: ScreeningColumns): Screening | null {
  if (row.screeningVerdict === null || row.language === null || row.screeningSignals === null) return null;
  return {
    language: row.language,
    languageScore: row.languageScore ?? 0,
    verdict: row.screeningVerdict,
    reasons: row.screeningReasons ?? [],
    signals: row.screeningSignals,
  };
}
