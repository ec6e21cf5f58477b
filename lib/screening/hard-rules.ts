import { languageList, languageName } from "./describe";
import { hasLetter, words } from "./words";

/**
 * The rules that refuse an item outright (422 screening_failed, nothing stored). The browser runs
 * the first two on the form before anything is signed; the language rule needs the model and
 * runs on the server only.
 */
export const HARD_RULES = ["no_letters", "too_few_words", "language_not_allowed"] as const;
export type HardRule = (typeof HARD_RULES)[number];

/** PublicAI's rule: fewer than 10 words is not an item. */
export const DEFAULT_MIN_WORDS = 10;

export type ScreeningSettings = {
  minWords: number;
  /** ISO 639-1 codes; empty means every language. */
  allowedLanguages: readonly string[];
};

export type HardRuleFailure = { rule: HardRule; message: string };

/** The rules a text alone decides (browser and server); `ws`: its words, when the caller has them. */
export function checkTextRules(
  text: string,
  settings: Pick<ScreeningSettings, "minWords">,
  ws: readonly string[] = words(text),
): HardRuleFailure | null {
  if (!hasLetter(text)) return { rule: "no_letters", message: "The content has no letters at all: write or paste text." };
  const count = ws.length;
  if (count < settings.minWords)
    return {
      rule: "too_few_words",
      message: `The content has ${count} word${count === 1 ? "" : "s"}; items need at least ${settings.minWords}.`,
    };
  return null;
}

/** The language rule, once the model has identified the language (server). */
export function checkLanguageRule(language: string, settings: Pick<ScreeningSettings, "allowedLanguages">): HardRuleFailure | null {
  if (settings.allowedLanguages.length === 0 || settings.allowedLanguages.includes(language)) return null;
  return {
    rule: "language_not_allowed",
    message: `The content looks like ${languageName(language)}; this network takes ${languageList(settings.allowedLanguages)}.`,
  };
}
