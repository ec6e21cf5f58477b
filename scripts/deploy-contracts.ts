import { BaseError, createPublicClient, getAddress, http, isAddress, isHex, type Hex } from "viem";
import { ANVIL_KEYS } from "../lib/chain/anvil-accounts";
import { LOCAL_CHAIN_ID } from "../lib/chain/config";
import { deployContracts, seedLocalValidators } from "../lib/chain/deploy";
import { writeDeployment } from "../lib/chain/deployments";
import { log } from "../lib/log";

/**
 * Deploys the contracts to the chain behind RPC_URL and records them in
 * contracts/deployments/{chainId}.json.
 *
 *   RPC_URL               default http://127.0.0.1:8545
 *   DEPLOYER_PRIVATE_KEY  required, except on the local chain (31337), where anvil key 0 is used
 *   PUBLISHER_ADDRESS     curator wallet given PUBLISHER_ROLE, PAUSER_ROLE and SLASHER_ROLE (default: deployer)
 *   MIN_STAKE             wei (default 1000 tokens)
 *   UNSTAKE_DELAY         seconds (default 7 days)
 *   GENESIS_SUPPLY        wei minted once to the deployer (default 1,000,000 tokens locally, 0 elsewhere)
 *   DEPLOYMENTS_DIR       where to write {chainId}.json instead (throwaway chains; see lib/chain/current.ts)
 *   --seed-validators     local chain only: stake anvil accounts 1–3 as validators
 */
async function main() {
  const env = process.env;
  const rpcUrl = env.RPC_URL ?? "http://127.0.0.1:8545";
  const chainId = await createPublicClient({ transport: http(rpcUrl) }).getChainId();
  const local = chainId === LOCAL_CHAIN_ID;
  const deployerKey = env.DEPLOYER_PRIVATE_KEY ?? (local ? ANVIL_KEYS[0] : undefined);
  if (!deployerKey || !isHex(deployerKey) || deployerKey.length !== 66) {
    throw new Error(`DEPLOYER_PRIVATE_KEY (0x + 64 hex) is required on chain ${chainId}`);
  }
  if (env.PUBLISHER_ADDRESS && !isAddress(env.PUBLISHER_ADDRESS)) throw new Error("PUBLISHER_ADDRESS is not an address");

  log.info("contracts.deploy.start", { chainId, rpcUrl: redact(rpcUrl) });
  const deployment = await deployContracts({
    rpcUrl,
    deployerKey: deployerKey as Hex,
    chainId,
    ...(env.PUBLISHER_ADDRESS ? { publisher: getAddress(env.PUBLISHER_ADDRESS) } : {}),
    ...(env.MIN_STAKE ? { minStake: BigInt(env.MIN_STAKE) } : {}),
    ...(env.UNSTAKE_DELAY ? { unstakeDelay: Number(env.UNSTAKE_DELAY) } : {}),
    ...(env.GENESIS_SUPPLY ? { genesisSupply: BigInt(env.GENESIS_SUPPLY) } : {}),
    onStep: (step) => log.info("contracts.deploy.tx", step),
  });
  const path = writeDeployment(chainId, deployment, env.DEPLOYMENTS_DIR || undefined);
  log.info("contracts.deployed", { chainId, path, ...deployment });

  if (process.argv.includes("--seed-validators")) {
    if (!local) throw new Error("--seed-validators only runs on the local chain (31337)");
    const seeded = await seedLocalValidators({
      rpcUrl,
      deployment,
      funderKey: ANVIL_KEYS[0],
      validatorKeys: [ANVIL_KEYS[1], ANVIL_KEYS[2], ANVIL_KEYS[3]],
    });
    for (const result of seeded) log.info("contracts.validator.seeded", result);
  }
}

/** RPC URLs often carry an API key in the path or query. */
function redact(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}`;
  } catch {
    return "(invalid url)";
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    // viem's full message repeats the RPC URL, which may embed an API key.
    const fields = error instanceof BaseError ? { error: error.shortMessage, details: error.details } : { error };
    log.error("contracts.deploy.failed", fields);
    process.exit(1);
  },
);
