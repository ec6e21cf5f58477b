/** Sent with every answer (pages, API, files, static assets) through next.config.ts. */
export const COMMON_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "Permissions-Policy", value: "accelerometer=(), browsing-topics=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()" },
] as const;

/** Two years, the preload list's minimum; only ever sent when the app is configured for https. */
export const HSTS = "max-age=63072000; includeSubDomains";

export type PagePolicyInput = {
  nonce: string;
  /** The public JSON-RPC endpoint browsers talk to (wallet reads, the burner's funding). */
  rpcUrl: string;
  https: boolean;
  dev: boolean;
};

/**
 * Pages: scripts only with this response's nonce (Next puts it on its own tags) or loaded by
 * such a script ('strict-dynamic'), never inline; connections only to ourselves and the public
 * RPC; no framing. Styles allow inline attributes (components size bars with style={{width}});
 * no script can run through them. Development adds what React's dev tooling needs.
 */
export function pagePolicy({ nonce, rpcUrl, https, dev }: PagePolicyInput): string {
  const rpcOrigin = originOf(rpcUrl);
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${rpcOrigin ? ` ${rpcOrigin}` : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** JSON and files never need to run or embed anything. */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}
