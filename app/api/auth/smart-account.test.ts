import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { NextRequest } from "next/server";
import { createWalletClient, getAddress, http, publicActions, type Abi, type Address, type Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { createSiweMessage } from "viem/siwe";
import { startAnvil, type AnvilInstance } from "@/lib/chain/anvil";
import { ANVIL_KEYS } from "@/lib/chain/anvil-accounts";
import { useDatabase, type DbHandle } from "@/lib/db/client";
import { createTestDb } from "@/lib/db/test-db";
import { TEST_ORIGIN } from "@/lib/testing/requests";
import { compileSolidity } from "@/scripts/compile-contracts";
import { GET as nonceRoute } from "./nonce/route";
import { POST as verifyRoute } from "./verify/route";

let handle: DbHandle;
let anvil: AnvilInstance;
let smartAccount: Address;
const owner = privateKeyToAccount(generatePrivateKey());

beforeAll(async () => {
  process.env.LOG_LEVEL = "silent";
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

async function signIn(signer = owner) {
  const { nonce } = (await (await nonceRoute(new NextRequest(`${TEST_ORIGIN}/api/auth/nonce`), undefined)).json()) as { nonce: string };
  const message = createSiweMessage({ address: smartAccount, chainId: 31337, domain: "localhost:3000", uri: TEST_ORIGIN, nonce, version: "1" });
  const signature = await signer.signMessage({ message });
  return verifyRoute(
    new NextRequest(`${TEST_ORIGIN}/api/auth/verify`, { method: "POST", headers: { host: "localhost:3000" }, body: JSON.stringify({ message, signature }) }),
    undefined,
  );
}

it("signs in a smart-account wallet whose owner signed (ERC-1271, checked on-chain)", async () => {
  const res = await signIn();
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ address: getAddress(smartAccount) });
});

it("refuses a smart-account sign-in signed by someone else", async () => {
  const res = await signIn(privateKeyToAccount(generatePrivateKey()));
  expect(res.status).toBe(401);
});
