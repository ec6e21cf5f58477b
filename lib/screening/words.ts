/**
 * Words as a reader of the language counts them: Intl.Segmenter splits Chinese and Japanese (no
 * spaces) into words from ICU's dictionaries, so a paragraph is not "one word". Shared by the
 * browser (the form's hard rules) and the server, which therefore agree on every count.
 */
let segmenter: Intl.Segmenter | undefined;

export function words(text: string): string[] {
  segmenter ??= new Intl.Segmenter(undefined, { granularity: "word" });
  const out: string[] = [];
  for (const s of segmenter.segment(text)) if (s.isWordLike) out.push(s.segment);
  return out;
}

const LETTER = /\p{L}/u;

export const hasLetter = (text: string): boolean => LETTER.test(text);
