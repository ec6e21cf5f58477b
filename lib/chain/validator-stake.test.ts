import { afterAll, beforeAll, expect, it } from "vitest";
import { createPublicClient, createWalletClient, http, publicActions, type PublicClient } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { forgetStake, STAKE_MAX_AGE_MS, stakeStatus } from "../accounts/stake-status";
import type { DbHandle } from "../db/client";
import { createTestDb } from "../db/test-db";
import { validatorStakingAbi } from "./abi";
import { startAnvil, type AnvilInstance } from "./anvil";
import { anvilKey } from "./anvil-accounts";
import { deployContracts, seedLocalValidators } from "./deploy";
import type { Deployment } from "./deployments";
import { stakeReader } from "./validator-stake";

const key = anvilKey;
let anvil: AnvilInstance;
let client: PublicClient;
let deployment: Deployment;
let handle: DbHandle;

beforeAll(async () => {
  anvil = await startAnvil();
  client = createPublicClient({ transport: http(anvil.rpcUrl) });
  deployment = await deployContracts({ rpcUrl: anvil.rpcUrl, deployerKey: key(0) });
  await seedLocalValidators({ rpcUrl: anvil.rpcUrl, deployment, funderKey: key(0), validatorKeys: [key(1)] });
  handle = await createTestDb();
});
afterAll(async () => {
  await handle.close();
  await anvil.stop();
});

it("reads a staked account as a validator and others not, with their positions", async () => {
  const read = stakeReader(client, deployment);
  const staked = await read(privateKeyToAccount(key(1)).address);
  expect(staked.isValidator).toBe(true);
  expect(staked.active).toBeGreaterThanOrEqual(staked.minStake);
  expect(await read(privateKeyToAccount(key(5)).address)).toMatchObject({ active: 0n, pending: 0n, unlockAt: null, isValidator: false });
});

it("shares a fresh reading through the database, asks the chain when it is stale, asked for fresh, or forgotten", async () => {
  const validator = privateKeyToAccount(key(1)).address;
  let reads = 0;
  const base = stakeReader(client, deployment);
  const read = async (a: typeof validator) => {
    reads++;
    return base(a);
  };
  const t0 = new Date();
  expect((await stakeStatus(handle.db, validator, read, { now: t0 }))?.isValidator).toBe(true);
  expect((await stakeStatus(handle.db, validator, read, { now: new Date(t0.getTime() + 1000) }))?.isValidator).toBe(true);
  expect(reads).toBe(1);

  // The validator leaves: the shared reading still says validator until it is stale or refreshed.
  const wallet = createWalletClient({ account: privateKeyToAccount(key(1)), chain: foundry, transport: http(anvil.rpcUrl) }).extend(publicActions);
  const [active] = await client.readContract({ address: deployment.staking, abi: validatorStakingAbi, functionName: "stakeOf", args: [validator] });
  await wallet.waitForTransactionReceipt({ hash: await wallet.writeContract({ address: deployment.staking, abi: validatorStakingAbi, functionName: "requestUnstake", args: [active] }) });
  expect((await stakeStatus(handle.db, validator, read, { now: new Date(t0.getTime() + 2000) }))?.isValidator).toBe(true);
  expect((await stakeStatus(handle.db, validator, read, { now: new Date(t0.getTime() + STAKE_MAX_AGE_MS + 1) }))?.isValidator).toBe(false);
  expect(reads).toBe(2);
  expect((await stakeStatus(handle.db, validator, read, { fresh: true }))?.pending).toBe(active);
  await forgetStake(handle.db, validator);
  await stakeStatus(handle.db, validator, read);
  expect(reads).toBe(4);
});

it("has no stake to report without a staking contract", async () => {
  expect(await stakeStatus(handle.db, privateKeyToAccount(key(1)).address, null)).toBeNull();
});
