export const MAX_TAGS = 10;
export const MAX_TAG_LENGTH = 32;
export const TAG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** "  Machine Learning_101 " → "machine-learning-101": what a tag chip turns typed text into. */
export function normalizeTag(raw: string): string {
  return raw
    .normalize("NFKC")
    .toLowerCase()
    .trim()
    .replace(/[\s_]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "");
}

export function isValidTag(tag: string): boolean {
  return tag.length >= 1 && tag.length <= MAX_TAG_LENGTH && TAG_PATTERN.test(tag);
}
