import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { keccak256, toHex, type Address } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commonplaceTokenAbi, snapshotDistributorAbi, validatorStakingAbi } from "@/lib/chain/abi";
import { ANVIL_KEYS } from "@/lib/chain/anvil-accounts";
import { seedLocalValidators } from "@/lib/chain/deploy";
import { readDeployment, writeDeployment } from "@/lib/chain/deployments";
import { startTestChain, type TestChain } from "./fixtures";

let chain: TestChain;
let dir: string;
beforeAll(async () => {
  // Account 8 publishes, so the publisher and the deployer differ.
  chain = await startTestChain({ publisher: privateKeyToAccount(ANVIL_KEYS[8]).address });
  dir = mkdtempSync(join(tmpdir(), "deployments-"));
});
afterAll(async () => {
  await chain?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Role ids as Solidity computes them: keccak256("NAME_ROLE"). */
const role = (name: string) => keccak256(toHex(name));

describe("deployContracts", () => {
  it("wires the roles: distributor mints, publisher publishes, pauses and slashes, deployer governs", async () => {
    const { deployment, publicClient, accounts } = chain;
    const [deployer, publisher] = [accounts[0]!, accounts[8]!];
    expect(await publicClient.readContract({ address: deployment.token, abi: commonplaceTokenAbi, functionName: "MINTER_ROLE" })).toBe(
      role("MINTER_ROLE"),
    );
    // AccessControl's hasRole is the same function on all three contracts.
    const has = (contract: Address, name: string, account: Address) =>
      publicClient.readContract({ address: contract, abi: commonplaceTokenAbi, functionName: "hasRole", args: [role(name), account] });
    expect(await has(deployment.token, "MINTER_ROLE", deployment.distributor)).toBe(true);
    expect(await has(deployment.token, "MINTER_ROLE", deployer)).toBe(false);
    expect(await has(deployment.distributor, "PUBLISHER_ROLE", publisher)).toBe(true);
    expect(await has(deployment.distributor, "PUBLISHER_ROLE", deployer)).toBe(false);
    expect(await has(deployment.distributor, "PAUSER_ROLE", publisher)).toBe(true);
    expect(await has(deployment.staking, "GOVERNANCE_ROLE", deployer)).toBe(true);
    // The curator's wallet slashes from the browser: it must hold the role, not only the deployer.
    expect(await has(deployment.staking, "SLASHER_ROLE", publisher)).toBe(true);
    expect(await has(deployment.staking, "SLASHER_ROLE", deployer)).toBe(false);
    expect(await publicClient.readContract({ address: deployment.distributor, abi: snapshotDistributorAbi, functionName: "token" })).toBe(
      deployment.token,
    );
    expect(await publicClient.readContract({ address: deployment.staking, abi: validatorStakingAbi, functionName: "token" })).toBe(deployment.token);
  });

  it("seeds validators idempotently from the funder's genesis tokens", async () => {
    const keys = [ANVIL_KEYS[1], ANVIL_KEYS[2], ANVIL_KEYS[3]];
    const options = { rpcUrl: chain.anvil.rpcUrl, deployment: chain.deployment, funderKey: ANVIL_KEYS[0], validatorKeys: keys };
    const first = await seedLocalValidators(options);
    expect(first.map((r) => r.skipped)).toEqual([false, false, false]);
    for (const account of chain.accounts.slice(1, 4)) {
      expect(
        await chain.publicClient.readContract({ address: chain.deployment.staking, abi: validatorStakingAbi, functionName: "isValidator", args: [account] }),
      ).toBe(true);
    }
    const second = await seedLocalValidators(options);
    expect(second.map((r) => r.skipped)).toEqual([true, true, true]);
  });
});

describe("deployments file", () => {
  it("round-trips pretty JSON with a trailing newline and checksummed addresses", () => {
    expect(readDeployment(31337, dir)).toBeNull();
    const lower = {
      token: chain.deployment.token.toLowerCase() as `0x${string}`,
      distributor: chain.deployment.distributor,
      staking: chain.deployment.staking,
      startBlock: chain.deployment.startBlock,
    };
    expect(chain.deployment.startBlock).toBeGreaterThan(0);
    const path = writeDeployment(31337, lower, dir);
    const text = readFileSync(path, "utf8");
    expect(text.endsWith("}\n")).toBe(true);
    expect(text).toContain(`  "token": "${chain.deployment.token}"`);
    expect(readDeployment(31337, dir)).toEqual(chain.deployment);
  });

  it("refuses a malformed file", () => {
    writeFileSync(join(dir, "5.json"), JSON.stringify({ token: "0x1234", distributor: "", staking: null }));
    expect(() => readDeployment(5, dir)).toThrow(/token/);
  });
});
