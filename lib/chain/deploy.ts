import {
  createPublicClient,
  createWalletClient,
  defineChain,
  getAddress,
  http,
  parseEther,
  type Address,
  type Chain,
  type Hash,
  type Hex,
  type PublicClient,
  type WalletClient,
  type Transport,
  type Account,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";
import {
  commonplaceTokenAbi,
  commonplaceTokenBytecode,
  snapshotDistributorAbi,
  snapshotDistributorBytecode,
  validatorStakingAbi,
  validatorStakingBytecode,
} from "./abi";
import { LOCAL_CHAIN_ID } from "./config";
import type { Deployment } from "./deployments";

export const DEFAULT_MIN_STAKE = parseEther("1000");
export const DEFAULT_UNSTAKE_DELAY = 7 * 24 * 60 * 60;
/** Minted once to the deployer; only on the local chain unless asked for (it funds validator stakes). */
export const DEFAULT_LOCAL_GENESIS_SUPPLY = parseEther("1000000");

export type DeployOptions = {
  rpcUrl: string;
  deployerKey: Hex;
  /** When given, must match the RPC's chain id (guards against deploying to the wrong network). */
  chainId?: number;
  /** Gets PUBLISHER_ROLE and PAUSER_ROLE on the distributor; defaults to the deployer. */
  publisher?: Address;
  minStake?: bigint;
  unstakeDelay?: number;
  genesisSupply?: bigint;
  /** Called after each confirmed transaction (the CLI logs them). */
  onStep?: (step: { name: string; hash: Hash; gasUsed: bigint; address?: Address }) => void;
};

type Clients = { publicClient: PublicClient; wallet: WalletClient<Transport, Chain, Account>; chainId: number };

async function connect(rpcUrl: string, key: Hex, expectedChainId?: number): Promise<Clients> {
  const probe = createPublicClient({ transport: http(rpcUrl) });
  const chainId = await probe.getChainId();
  if (expectedChainId !== undefined && expectedChainId !== chainId) {
    throw new Error(`RPC ${rpcUrl} is chain ${chainId}, expected ${expectedChainId}`);
  }
  const chain = defineChain({
    id: chainId,
    name: `chain-${chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  });
  const pollingInterval = chainId === LOCAL_CHAIN_ID ? 50 : 1_000;
  const publicClient = createPublicClient({ chain, transport: http(rpcUrl), pollingInterval });
  const wallet = createWalletClient({ account: privateKeyToAccount(key), chain, transport: http(rpcUrl), pollingInterval });
  return { publicClient, wallet, chainId };
}

async function confirm(publicClient: PublicClient, name: string, hash: Hash) {
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`${name} reverted (tx ${hash})`);
  return receipt;
}

/**
 * Deploys token, distributor(token) and staking(token) and wires their roles: MINTER_ROLE on the
 * token to the distributor (the only way new tokens appear), PUBLISHER_ROLE, PAUSER_ROLE and SLASHER_ROLE to the
 * publisher (the curator's wallet publishes epochs and slashes from the browser), GOVERNANCE_ROLE to the deployer,
 * who stays admin of all three.
 * Transactions are sent one at a time and each receipt awaited. Does not write the deployment file.
 */
export async function deployContracts(options: DeployOptions): Promise<Deployment> {
  const { publicClient, wallet, chainId } = await connect(options.rpcUrl, options.deployerKey, options.chainId);
  const deployer = wallet.account.address;
  const publisher = options.publisher ?? deployer;
  const genesisSupply = options.genesisSupply ?? (chainId === LOCAL_CHAIN_ID ? DEFAULT_LOCAL_GENESIS_SUPPLY : 0n);
  let startBlock: number | undefined;
  const step = async (name: string, hash: Hash) => {
    const receipt = await confirm(publicClient, name, hash);
    startBlock ??= Number(receipt.blockNumber);
    const address = receipt.contractAddress ? getAddress(receipt.contractAddress) : undefined;
    options.onStep?.({ name, hash, gasUsed: receipt.gasUsed, ...(address ? { address } : {}) });
    return address;
  };
  const deployed = async (name: string, hash: Hash): Promise<Address> => {
    const address = await step(name, hash);
    if (!address) throw new Error(`${name}: no contract address in receipt`);
    return address;
  };

  const token = await deployed(
    "deploy CommonplaceToken",
    await wallet.deployContract({
      abi: commonplaceTokenAbi,
      bytecode: commonplaceTokenBytecode,
      args: [deployer, deployer, genesisSupply],
    }),
  );
  const distributor = await deployed(
    "deploy SnapshotDistributor",
    await wallet.deployContract({ abi: snapshotDistributorAbi, bytecode: snapshotDistributorBytecode, args: [token, deployer] }),
  );
  const staking = await deployed(
    "deploy ValidatorStaking",
    await wallet.deployContract({
      abi: validatorStakingAbi,
      bytecode: validatorStakingBytecode,
      args: [token, deployer, options.minStake ?? DEFAULT_MIN_STAKE, BigInt(options.unstakeDelay ?? DEFAULT_UNSTAKE_DELAY)],
    }),
  );

  const [minter, publisherRole, pauser, governance, slasher] = await Promise.all([
    publicClient.readContract({ address: token, abi: commonplaceTokenAbi, functionName: "MINTER_ROLE" }),
    publicClient.readContract({ address: distributor, abi: snapshotDistributorAbi, functionName: "PUBLISHER_ROLE" }),
    publicClient.readContract({ address: distributor, abi: snapshotDistributorAbi, functionName: "PAUSER_ROLE" }),
    publicClient.readContract({ address: staking, abi: validatorStakingAbi, functionName: "GOVERNANCE_ROLE" }),
    publicClient.readContract({ address: staking, abi: validatorStakingAbi, functionName: "SLASHER_ROLE" }),
  ]);
  const grants = [
    { name: "grant MINTER_ROLE to distributor", address: token, role: minter, to: distributor },
    { name: "grant PUBLISHER_ROLE", address: distributor, role: publisherRole, to: publisher },
    { name: "grant PAUSER_ROLE", address: distributor, role: pauser, to: publisher },
    { name: "grant GOVERNANCE_ROLE", address: staking, role: governance, to: deployer },
    { name: "grant SLASHER_ROLE", address: staking, role: slasher, to: publisher },
  ] as const;
  for (const g of grants) {
    // The three ABIs share AccessControl's grantRole; the token's ABI types the call for all.
    await step(
      g.name,
      await wallet.writeContract({ address: g.address, abi: commonplaceTokenAbi, functionName: "grantRole", args: [g.role, g.to] }),
    );
  }
  return { token, distributor, staking, ...(startBlock !== undefined ? { startBlock } : {}) };
}

export type SeedResult = { account: Address; staked: bigint; skipped: boolean };

/**
 * Makes each validator key's account a staked validator: tops its token balance up from the
 * funder's genesis tokens and stakes what it lacks to reach `minStake`. Idempotent: accounts that
 * already are validators are skipped.
 */
export async function seedLocalValidators(options: {
  rpcUrl: string;
  deployment: Deployment;
  funderKey: Hex;
  validatorKeys: readonly Hex[];
}): Promise<SeedResult[]> {
  const { deployment } = options;
  const funder = await connect(options.rpcUrl, options.funderKey);
  const { publicClient } = funder;
  const minStake = await publicClient.readContract({
    address: deployment.staking,
    abi: validatorStakingAbi,
    functionName: "minStake",
  });
  const results: SeedResult[] = [];
  for (const key of options.validatorKeys) {
    const { wallet } = await connect(options.rpcUrl, key, funder.chainId);
    const account = wallet.account.address;
    const isValidator = await publicClient.readContract({
      address: deployment.staking,
      abi: validatorStakingAbi,
      functionName: "isValidator",
      args: [account],
    });
    if (isValidator) {
      results.push({ account, staked: 0n, skipped: true });
      continue;
    }
    const [active] = await publicClient.readContract({
      address: deployment.staking,
      abi: validatorStakingAbi,
      functionName: "stakeOf",
      args: [account],
    });
    // minStake 0 still needs a non-zero stake to count as a validator.
    const needed = minStake > active ? minStake - active : 1n;
    const balance = await publicClient.readContract({
      address: deployment.token,
      abi: commonplaceTokenAbi,
      functionName: "balanceOf",
      args: [account],
    });
    if (balance < needed) {
      await confirm(
        publicClient,
        `fund ${account}`,
        await funder.wallet.writeContract({
          address: deployment.token,
          abi: commonplaceTokenAbi,
          functionName: "transfer",
          args: [account, needed - balance],
        }),
      );
    }
    await confirm(
      publicClient,
      `approve ${account}`,
      await wallet.writeContract({
        address: deployment.token,
        abi: commonplaceTokenAbi,
        functionName: "approve",
        args: [deployment.staking, needed],
      }),
    );
    await confirm(
      publicClient,
      `stake ${account}`,
      await wallet.writeContract({ address: deployment.staking, abi: validatorStakingAbi, functionName: "stake", args: [needed] }),
    );
    results.push({ account, staked: needed, skipped: false });
  }
  return results;
}
