/**
 * Public data (the dataset list, one dataset, its files) may be read by any page, e.g. a notebook
 * in a browser. Only the route guard adds these, only for `auth: "public"` routes that opt in and
 * only on GET, HEAD and OPTIONS: nothing behind a cookie or that changes state is ever shared.
 * `*` never lets a browser send cookies, so a session cannot ride along.
 */
export const PUBLIC_CORS_HEADERS = {
  "access-control-allow-origin": "*",
  // Beyond the safelisted ones, what range readers and checksum checks need.
  "access-control-expose-headers": "Content-Length, Content-Range, ETag, Accept-Ranges, X-Content-Sha256, Content-Disposition, Retry-After",
  // The API's default would be same-origin; pages isolated with COEP (e.g. JupyterLite) must still load the data.
  "cross-origin-resource-policy": "cross-origin",
} as const;

/** A browser's preflight for a ranged or conditional read (Range, If-None-Match and If-Range are not safelisted). */
export const PREFLIGHT_HEADERS = {
  "access-control-allow-methods": "GET, HEAD, OPTIONS",
  "access-control-allow-headers": "Range, If-None-Match, If-Range",
  // A day (browsers cap it lower: Chromium at two hours), so a notebook's reads are not each preceded by a preflight.
  "access-control-max-age": "86400",
} as const;

/** The OPTIONS handler of a public-data route: `export const OPTIONS = route(spec, preflight)`. */
export async function preflight(): Promise<Response> {
  return new Response(null, { status: 204, headers: { ...PREFLIGHT_HEADERS, allow: "GET, HEAD, OPTIONS" } });
}
