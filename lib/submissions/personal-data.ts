export type PersonalDataFlag = "email" | "phone";

/**
 * Parts bounded by their RFC 5321 lengths (local part 64, label 63): unbounded, a long run of letters made the search
 * quadratic (a 10,000-character paragraph of Chinese took seconds).
 */
const EMAIL = /[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}(?:\.[\p{L}\p{N}-]{1,63}){0,8}\.\p{L}{2,63}/u;
const PHONE_CANDIDATE = /(?<![\w.])(?:\+|00)?\(?\d[\d\s().-]{7,20}\d(?![\w.])/g;

/**
 * A phone number has 9–15 digits (E.164) and is written like one: an international prefix, or
 * digit groups split by separators. A bare run of digits is far more often an id or a timestamp.
 */
function looksLikePhone(candidate: string): boolean {
  const digits = candidate.replace(/\D/g, "").length;
  if (digits < 9 || digits > 15) return false;
  return /^(?:\+|00)/.test(candidate) || (candidate.match(/[\s().-]+/g)?.length ?? 0) >= 2;
}

/** Possible personal data in a text, so validators see a hint; the item is flagged, not refused. */
export function detectPersonalData(text: string): PersonalDataFlag[] {
  const flags: PersonalDataFlag[] = [];
  if (text.includes("@") && EMAIL.test(text)) flags.push("email");
  if ([...text.matchAll(PHONE_CANDIDATE)].some((m) => looksLikePhone(m[0].trim()))) flags.push("phone");
  return flags;
}
