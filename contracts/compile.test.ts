import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileContracts, renderArtifacts } from "@/scripts/compile-contracts";

describe("generated contract artifacts", () => {
  // Also proves the output is deterministic: the committed files came from an earlier compile.
  it("lib/chain/abi matches a fresh compile of contracts/*.sol (run `npm run contracts:build`)", () => {
    const files = renderArtifacts(compileContracts());
    expect(files.size).toBe(4);
    for (const [path, expected] of files) {
      const committed = readFileSync(join(process.cwd(), path), "utf8");
      expect(committed === expected, `${path} is stale: run npm run contracts:build`).toBe(true);
    }
  });
});
