import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // PGlite loads its WASM from its own package folder; pg has optional native bindings.
  serverExternalPackages: ["@electric-sql/pglite", "pg"],
  poweredByHeader: false,
  devIndicators: false,
  // Keep dev builds out of the production build's folder so `next build` can run beside `npm run dev`.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
};

export default nextConfig;
