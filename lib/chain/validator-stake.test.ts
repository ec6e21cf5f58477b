import { afterAll, beforeAll, expect, it } from "vitest";
import { createPublicClient, http, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { startAnvil, type AnvilInstance } from "./anvil";
import { anvilKey } from "./anvil-accounts";
import { deployContracts, seedLocalValidators } from "./deploy";
import type { Deployment } from "./deployments";
import { stakeChecker } from "./validator-stake";

const key = anvilKey;
let anvil: AnvilInstance;
let client: PublicClient;
let deployment: Deployment;

beforeAll(async () => {
  anvil = await startAnvil();
  client = createPublicClient({ transport: http(anvil.rpcUrl) });
  deployment = await deployContracts({ rpcUrl: anvil.rpcUrl, deployerKey: key(0) });
  await seedLocalValidators({ rpcUrl: anvil.rpcUrl, deployment, funderKey: key(0), validatorKeys: [key(1)] });
});
afterAll(() => anvil.stop());

it("reports staked accounts as validators and others not", async () => {
  const isStaked = stakeChecker(client, deployment);
  expect(await isStaked(privateKeyToAccount(key(1)).address)).toBe(true);
  expect(await isStaked(privateKeyToAccount(key(5)).address)).toBe(false);
});

it("reports nobody without a deployment", async () => {
  expect(await stakeChecker(client, null)(privateKeyToAccount(key(1)).address)).toBe(false);
});
