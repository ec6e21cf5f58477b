import { MAX_CONTENT_LENGTH } from "./content-length";
import { MAX_URL_LENGTH } from "./schema";
import { isValidTag, MAX_TAGS, normalizeTag } from "./tags";

type Query = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/** `?url=&text=&tags=a,b` from a share link or the bookmarklet → the form's starting values (clipped, normalized). */
export function prefillFromQuery(query: Query) {
  const tags = first(query.tags)
    .split(",")
    .map(normalizeTag)
    .filter(isValidTag);
  return {
    content: first(query.text).slice(0, MAX_CONTENT_LENGTH),
    sourceUrl: first(query.url).slice(0, MAX_URL_LENGTH),
    tags: [...new Set(tags)].slice(0, MAX_TAGS),
  };
}
