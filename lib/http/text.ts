import { z } from "zod";

/** C0 and C1 control characters; multi-line text keeps tab, line feed and carriage return. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_BUT_WHITESPACE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

const codePoint = (text: string, pattern: RegExp) => {
  const found = pattern.exec(text)?.[0] ?? "";
  return `U+${(found.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
};

/**
 * Strings that reach the database, exports and other people's screens: no control characters
 * (a NUL cannot even be stored in Postgres text) and no lone UTF-16 surrogates (they have no
 * UTF-8 bytes, so a signature over them could never be checked). `label` names the field in
 * the message; the field path comes from the schema.
 */
function cleanText(label: string, control: RegExp) {
  return z
    .string()
    .refine((s) => !control.test(s), { error: (issue) => `${label} holds a control character (${codePoint(String(issue.input), control)}).` })
    .refine((s) => s.isWellFormed(), `${label} holds an unpaired UTF-16 surrogate, which is not text.`);
}

export const singleLineText = (max: number, label = "This field") =>
  cleanText(label, CONTROL).max(max, `${label} is longer than ${max.toLocaleString("en-US")} characters.`);

export const multiLineText = (label: string) => cleanText(label, CONTROL_BUT_WHITESPACE);
