import { ApiError } from "./api-error";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export const isStateChanging = (method: string) => !SAFE_METHODS.has(method.toUpperCase());

const crossSite = (message: string) => new ApiError(403, "cross_site", message);

/**
 * A state-changing request must come from one of our own pages: its Origin is one of the
 * configured origins (or, without Origin, the browser says Sec-Fetch-Site: same-origin), and its
 * body is declared application/json, which no cross-site form can send without a CORS preflight
 * that we never grant. Anything else (a foreign or missing Origin, text/plain, a form) is
 * refused before any work is done.
 */
export function assertSameOriginJson(headers: Headers, origins: readonly string[]): void {
  const origin = headers.get("origin");
  if (origin !== null) {
    if (!origins.includes(origin)) throw crossSite("This request came from another site and was refused.");
  } else if (headers.get("sec-fetch-site") !== "same-origin") {
    throw crossSite("Send state-changing requests from this site: an Origin header naming it is required.");
  }
  const type = (headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/json") throw crossSite("State-changing requests must be sent as application/json.");
}
