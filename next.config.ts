import type { NextConfig } from "next";
import { API_POLICY, COMMON_SECURITY_HEADERS } from "./lib/http/security-headers";

const nextConfig: NextConfig = {
  // PGlite loads its WASM from its own package folder; pg has optional native bindings; secp256k1 finds its
  // prebuilt libsecp256k1 binary beside its own files (bundled, signature recovery fell back to pure JS); snappy
  // loads its compiled Snappy from a per-platform package (a .node addon the bundler cannot place); fasttext.wasm.js
  // reads its WebAssembly and the lid.176 model relative to its own files.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "secp256k1", "snappy", "fasttext.wasm.js"],
  poweredByHeader: false,
  devIndicators: false,
  // Tailwind's CSS (about 9 KB gzipped) comes in the HTML instead of as a render-blocking request:
  // one round trip less before the first paint for a first-time visitor (style-src allows inline styles).
  experimental: { inlineCss: true },
  // npm run dev accepts both local names (APP_URL); let the dev server's HMR socket answer both too.
  allowedDevOrigins: ["127.0.0.1"],
  // Keep dev builds out of the production build's folder so `next build` can run beside `npm run dev`.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Headers that never depend on configuration, on every answer including static assets; the per-request ones come from proxy.ts.
  headers: async () => [
    { source: "/:path*", headers: [...COMMON_SECURITY_HEADERS] },
    { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: API_POLICY }] },
  ],
};

export default nextConfig;
