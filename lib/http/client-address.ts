import { ConfigError } from "../config/app-origins";

const globalForPeer = globalThis as typeof globalThis & { commonplacePeerStamped?: boolean };

/**
 * Called by scripts/serve.ts before Next handles any request: that server overwrites
 * X-Forwarded-For with the socket's own address when no proxy is trusted, so the header can be
 * believed. Under a server that does not (plain `next start`, `next dev`), a client could write
 * the header itself.
 */
export function markPeerAddressStamped(): void {
  globalForPeer.commonplacePeerStamped = true;
}

/** TRUST_PROXY: how many reverse proxies stand in front of the app, each appending to X-Forwarded-For. */
export function trustedProxyHops(env: Record<string, string | undefined> = process.env): number {
  const value = env.TRUST_PROXY ?? "0";
  if (!/^\d{1,2}$/.test(value)) throw new ConfigError(`TRUST_PROXY is "${value}": give the number of proxies in front of the app (0 when none).`);
  return Number(value);
}

/**
 * The client's IP address for per-client rate limits, or null when it cannot be known. With N
 * trusted proxies the client is the Nth entry from the right of X-Forwarded-For (what the
 * outermost trusted proxy saw); entries further left were written by the client and prove
 * nothing. With none, only our own server's stamp of the socket address counts.
 */
export function clientAddress(headers: Headers, env: Record<string, string | undefined> = process.env): string | null {
  const hops = trustedProxyHops(env);
  if (hops === 0 && !globalForPeer.commonplacePeerStamped) return null;
  const chain = (headers.get("x-forwarded-for") ?? "").split(",").map((entry) => entry.trim()).filter(Boolean);
  const entry = chain[chain.length - Math.max(1, hops)];
  return entry && /^[0-9a-fA-F:.]{2,45}$/.test(entry) ? entry : null;
}
