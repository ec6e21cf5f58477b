import { headers } from "next/headers";

const HOST = /^(?:[a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

/**
 * The absolute origin for copy-paste URLs: APP_URL when configured, otherwise the request's host and
 * protocol (behind a proxy, x-forwarded-*). A malformed Host header never reaches the snippets.
 */
export async function requestOrigin(env: Record<string, string | undefined> = process.env): Promise<string> {
  const configured = env.APP_URL?.trim().replace(/\/+$/, "");
  if (configured && URL.canParse(configured)) return configured;
  const h = await headers();
  const first = (name: string) => h.get(name)?.split(",")[0]?.trim() || undefined;
  const host = first("x-forwarded-host") ?? first("host");
  if (!host || !HOST.test(host)) return "http://localhost:3000";
  const forwarded = first("x-forwarded-proto");
  const proto = forwarded === "http" || forwarded === "https" ? forwarded : /^(localhost|127\.|\[::1\])/.test(host) ? "http" : "https";
  return `${proto}://${host}`;
}
