import { ApiError } from "../http/api-error";
import { checkLanguageRule, checkTextRules, type HardRuleFailure, type ScreeningSettings } from "./hard-rules";
import { identifyLanguage } from "./language";
import { computeSignals } from "./signals";
import { type Signals } from "./signal-names";
import { type FlagReason, flagReasons, SCREENING_THRESHOLDS } from "./verdict";
import { words } from "./words";

export type ScreeningVerdict = "pass" | "flag";

/** What screening says about an item: stored with it, returned by the API, exported with its row. */
export type Screening = {
  language: string;
  languageScore: number;
  verdict: ScreeningVerdict;
  reasons: FlagReason[];
  signals: Signals;
};

export type ScreeningOutcome = { refused: HardRuleFailure } | { refused: null; screening: Screening };

/** The AI screening phase of one text: hard rules first (cheapest first), then the soft signals. */
export async function screenText(text: string, settings: ScreeningSettings): Promise<ScreeningOutcome> {
  const ws = words(text);
  const textRule = checkTextRules(text, settings, ws);
  if (textRule) return { refused: textRule };
  const { language, score } = await identifyLanguage(text);
  // Refused only when the model is sure of the language; an unsure one is flagged (uncertain_language) instead.
  const languageRule = score >= SCREENING_THRESHOLDS.minLanguageScore ? checkLanguageRule(language, settings) : null;
  if (languageRule) return { refused: languageRule };
  const signals = computeSignals(text, language, ws);
  const reasons = flagReasons(signals, score);
  return { refused: null, screening: { language, languageScore: score, verdict: reasons.length ? "flag" : "pass", reasons, signals } };
}

/** 422 `{error:{code:"screening_failed", rule, message, field:"content"}}`. */
export class ScreeningFailed extends ApiError {
  constructor(readonly failure: HardRuleFailure) {
    super(422, "screening_failed", failure.message, "content");
  }

  override toJSON() {
    const body = super.toJSON();
    return { error: { ...body.error, rule: this.failure.rule } };
  }
}

/** Screens a text for storage, or throws the refusal. */
export async function screenOrRefuse(text: string, settings: ScreeningSettings): Promise<Screening> {
  const outcome = await screenText(text, settings);
  if (outcome.refused) throw new ScreeningFailed(outcome.refused);
  return outcome.screening;
}
