import { DEFAULT_MIN_WORDS, type ScreeningSettings } from "../screening/hard-rules";
import { ConfigError } from "./app-origins";

/**
 * SCREENING_MIN_WORDS (default 10): fewer words refuse an item. ALLOWED_LANGUAGES: ISO 639-1
 * codes separated by commas or spaces (e.g. "en,es"); unset takes every language.
 */
export function screeningSettings(env: Record<string, string | undefined> = process.env): ScreeningSettings {
  const minText = env.SCREENING_MIN_WORDS?.trim() || String(DEFAULT_MIN_WORDS);
  if (!/^\d{1,4}$/.test(minText) || Number(minText) < 1)
    throw new ConfigError(`SCREENING_MIN_WORDS is "${minText}": give the fewest words an item may have (1 or more).`);
  const allowedLanguages = (env.ALLOWED_LANGUAGES ?? "").split(/[\s,]+/).filter(Boolean).map((c) => c.toLowerCase());
  const bad = allowedLanguages.find((code) => !/^[a-z]{2,3}$/.test(code));
  if (bad) throw new ConfigError(`ALLOWED_LANGUAGES has "${bad}": give ISO 639-1 codes such as en,es,fr.`);
  return { minWords: Number(minText), allowedLanguages };
}
