import { join } from "node:path";
import { startAnvil } from "../chain/anvil";
import { LOCAL_CHAIN_ID } from "../chain/config";
import { chooseStateFile, keepChainState } from "../devnet/chain-state";

/**
 * The chain half of `npm run dev`, alone, for the local crash test: anvil started from the kept state and the keeper
 * saving it after every block. Prints "ready <rpcUrl>" and runs until killed.
 *   node --import tsx lib/testing/local-chain-process.ts <data dir> <port>
 */
async function main() {
  const [dir, port] = process.argv.slice(2);
  if (!dir || !port) throw new Error("usage: local-chain-process.ts <data dir> <port>");
  const stateFile = join(dir, "anvil-state.json");
  const state = chooseStateFile(stateFile);
  const anvil = await startAnvil({ port: Number(port), chainId: LOCAL_CHAIN_ID, loadState: state.path ?? undefined });
  keepChainState(anvil.rpcUrl, stateFile);
  process.stdout.write(`ready ${anvil.rpcUrl}${state.note ? ` (${state.note})` : ""}\n`);
  setInterval(() => {}, 60_000);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
