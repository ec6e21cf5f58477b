export type PersonalDataFlag = "email" | "phone";

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/u;
/** International or national formats with 9–15 digits, separators allowed; years and prices are too short to match. */
const PHONE = /(?<![\w.])(?:\+|00)?\d(?:[\s().-]*\d){8,14}(?![\w.])/;

/** Possible personal data in a text, so validators see a hint; the item is flagged, not refused. */
export function detectPersonalData(text: string): PersonalDataFlag[] {
  const flags: PersonalDataFlag[] = [];
  if (EMAIL.test(text)) flags.push("email");
  if (PHONE.test(text)) flags.push("phone");
  return flags;
}
