import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // Tests are server code: resolve the marker as Next's server build does (its react-server export is empty).
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "contracts/**/*.test.ts", "scripts/**/*.test.ts", "app/**/*.test.ts", "components/**/*.test.ts"],
    environment: "node",
    // With TEST_SNAPSHOT_STORE=s3 (CI), an S3-protocol server for the whole run: see lib/testing/s3-global-setup.ts.
    globalSetup: ["lib/testing/s3-global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
