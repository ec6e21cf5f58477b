/** The content limit, apart from the zod schemas so the submit form can count without loading zod. */
export const MAX_CONTENT_LENGTH = 10_000;

/** Characters as a person counts them (code points, so an emoji is one). */
export const charCount = (text: string) => [...text].length;
