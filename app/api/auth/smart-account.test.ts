import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createWalletClient, getAddress, http, publicActions, type Abi, type Address, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { startAnvil, type AnvilInstance } from "@/lib/chain/anvil";
import { ANVIL_KEYS } from "@/lib/chain/anvil-accounts";
import { useDatabase, type DbHandle } from "@/lib/db/client";
import { createTestDb } from "@/lib/db/test-db";
import { relaxedRateLimits } from "@/lib/testing/rate-limits";
import { signIn } from "@/lib/testing/sign-in";
import { compileSolidity } from "@/scripts/compile-contracts";

let handle: DbHandle;
let anvil: AnvilInstance;
let smartAccount: Address;
const owner = privateKeyToAccount(generatePrivateKey());

beforeAll(async () => {
  Object.assign(process.env, relaxedRateLimits(), { LOG_LEVEL: "silent" });
  anvil = await startAnvil();
  process.env.RPC_URL = anvil.rpcUrl;
  handle = await createTestDb();
  useDatabase(handle);
  const file = "contracts/test/SmartAccountMock.sol";
  const [compiled] = compileSolidity({ [file]: readFileSync(file, "utf8") }, [{ file, contract: "SmartAccountMock" }]);
  if (!compiled) throw new Error("no bytecode");
  const deployer = createWalletClient({ account: privateKeyToAccount(ANVIL_KEYS[0] as Hex), chain: foundry, transport: http(anvil.rpcUrl) }).extend(publicActions);
  const hash = await deployer.deployContract({ abi: compiled.abi as unknown as Abi, bytecode: compiled.bytecode, args: [owner.address] });
  smartAccount = (await deployer.waitForTransactionReceipt({ hash })).contractAddress as Address;
});
afterAll(async () => {
  await handle.close();
  await anvil.stop();
});

it("signs in a smart-account wallet whose owner signed (ERC-1271, checked on-chain)", async () => {
  const res = await signIn(owner, smartAccount);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ address: getAddress(smartAccount) });
});

it("refuses a smart-account sign-in signed by someone else", async () => {
  const res = await signIn(privateKeyToAccount(generatePrivateKey()), smartAccount);
  expect(res.status).toBe(401);
});
