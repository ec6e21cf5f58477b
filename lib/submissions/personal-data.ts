export type PersonalDataFlag = "email" | "phone";

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;
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
  if (EMAIL.test(text)) flags.push("email");
  if ([...text.matchAll(PHONE_CANDIDATE)].some((m) => looksLikePhone(m[0].trim()))) flags.push("phone");
  return flags;
}
