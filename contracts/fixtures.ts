import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  parseSignature,
  type Abi,
  type Account,
  type Address,
  type Chain,
  type ContractFunctionArgs,
  type ContractFunctionName,
  type Hex,
  type TransactionReceipt,
  type Transport,
  type WalletClient,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { foundry } from "viem/chains";
import { startAnvil, type AnvilInstance } from "@/lib/chain/anvil";
import { ANVIL_KEYS } from "@/lib/chain/anvil-accounts";
import { deployContracts, type DeployOptions } from "@/lib/chain/deploy";
import type { Deployment } from "@/lib/chain/deployments";
import { buildRewardTree, type RewardEntry } from "@/lib/merkle/standard-tree";
import { permitTypedData } from "@/lib/chain/permit";

export type { RewardEntry };

/** Shared by the contract tests and the gas bench: one anvil, the three contracts, typed helpers. */
export type TestChain = Awaited<ReturnType<typeof startTestChain>>;

export async function startTestChain(deploy: Partial<Omit<DeployOptions, "rpcUrl" | "deployerKey">> = {}) {
  const anvil: AnvilInstance = await startAnvil();
  const transport = http(anvil.rpcUrl);
  const publicClient = createPublicClient({ chain: foundry, transport, pollingInterval: 20 });
  const testClient = createTestClient({ chain: foundry, mode: "anvil", transport });
  const wallets: WalletClient<Transport, Chain, Account>[] = ANVIL_KEYS.map((key) =>
    createWalletClient({ account: privateKeyToAccount(key), chain: foundry, transport, pollingInterval: 20 }),
  );
  const accounts: Address[] = wallets.map((w) => w.account.address);
  let deployment: Deployment;
  try {
    deployment = await deployContracts({ rpcUrl: anvil.rpcUrl, deployerKey: ANVIL_KEYS[0], ...deploy });
  } catch (error) {
    await anvil.stop();
    throw error;
  }

  /** Sends a transaction from anvil account `from` and waits for a successful receipt. */
  async function send<
    const abi extends Abi,
    functionName extends ContractFunctionName<abi, "nonpayable" | "payable">,
    args extends ContractFunctionArgs<abi, "nonpayable" | "payable", functionName>,
  >(from: number, call: { address: Address; abi: abi; functionName: functionName; args: args }): Promise<TransactionReceipt> {
    const wallet = wallets[from];
    if (!wallet) throw new Error(`no anvil account ${from}`);
    const { request } = await publicClient.simulateContract({ ...call, account: wallet.account } as never);
    const hash = await wallet.writeContract(request as never);
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new Error(`${call.functionName} reverted`);
    return receipt;
  }

  return {
    anvil,
    publicClient,
    testClient,
    wallets,
    accounts,
    deployment,
    send,
    snapshot: () => testClient.snapshot(),
    revert: (id: Hex) => testClient.revert({ id }),
    increaseTime: async (seconds: number) => {
      await testClient.increaseTime({ seconds });
      await testClient.mine({ blocks: 1 });
    },
    stop: () => anvil.stop(),
  };
}

/** The custom error name a call reverted with (throws if it did not revert). */
export async function revertReason(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
  } catch (error) {
    if (error instanceof BaseError) {
      const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError);
      if (reverted instanceof ContractFunctionRevertedError) {
        return reverted.data?.errorName ?? reverted.reason ?? reverted.signature ?? "unknown";
      }
    }
    throw error;
  }
  throw new Error("expected a revert, the call succeeded");
}


/** A reward tree exactly as the app publishes it: lib/merkle's StandardMerkleTree over (address, uint256). */
export function rewardTree(entries: readonly RewardEntry[]) {
  const tree = buildRewardTree(entries);
  const total = entries.reduce((sum, e) => sum + e.amount, 0n);
  const index = new Map<string, number>();
  entries.forEach((e, i) => index.set(e.account.toLowerCase(), i));
  return {
    root: tree.root,
    total,
    proof: (account: Address): Hex[] => {
      const i = index.get(account.toLowerCase());
      if (i === undefined) throw new Error(`${account} is not in the tree`);
      return tree.proof(i);
    },
  };
}

/** An EIP-2612 permit by `owner` for the Commonplace token, split into (v, r, s) as permit() takes it. */
export async function signPermit(
  owner: WalletClient<Transport, Chain, Account>,
  permit: { token: Address; spender: Address; value: bigint; nonce: bigint; deadline: bigint },
) {
  const signature = await owner.signTypedData(permitTypedData({ ...permit, chainId: owner.chain.id, owner: owner.account.address }));
  const { r, s, yParity } = parseSignature(signature);
  return { v: 27 + yParity, r, s };
}
