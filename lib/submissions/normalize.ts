import { createHash } from "node:crypto";

/**
 * The text an exact-duplicate check compares: Unicode NFKC (so full-width and ligature forms
 * match their plain forms), lowercase, and every run of whitespace folded to one space.
 */
export function normalizeText(content: string): string {
  return content.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();
}

/** sha256 of the normalized text: the unique key that refuses exact duplicates. */
export function normalizedHash(content: string): string {
  return createHash("sha256").update(normalizeText(content), "utf8").digest("hex");
}
