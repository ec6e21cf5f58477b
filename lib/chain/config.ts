import { defineChain, type Chain } from "viem";
import { anvil, base, baseSepolia, mainnet, optimism, sepolia } from "viem/chains";

const KNOWN: Record<number, Chain> = Object.fromEntries(
  [anvil, base, baseSepolia, mainnet, optimism, sepolia].map((c) => [c.id, c]),
);

export const LOCAL_CHAIN_ID = 31337;

/** What the browser needs to talk to the chain; passed from the server so one build serves any chain. */
export type ChainSettings = { chainId: number; rpcUrl: string; publicRpcUrl: string; local: boolean };

export function chainSettings(env: Record<string, string | undefined> = process.env): ChainSettings {
  const chainId = Number(env.CHAIN_ID ?? LOCAL_CHAIN_ID);
  const rpcUrl = env.RPC_URL ?? "http://127.0.0.1:8545";
  return { chainId, rpcUrl, publicRpcUrl: env.PUBLIC_RPC_URL ?? rpcUrl, local: chainId === LOCAL_CHAIN_ID };
}

export function chainFor(settings: Pick<ChainSettings, "chainId" | "publicRpcUrl">): Chain {
  const known = KNOWN[settings.chainId];
  const rpcUrls = { default: { http: [settings.publicRpcUrl] } };
  if (known) return { ...known, rpcUrls };
  return defineChain({
    id: settings.chainId,
    name: `Chain ${settings.chainId}`,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls,
  });
}
