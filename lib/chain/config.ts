import { defineChain, type Chain } from "viem";
import { anvil, base, baseSepolia, mainnet, optimism, sepolia } from "viem/chains";
import { ConfigError } from "../config/app-origins";

const KNOWN: Record<number, Chain> = Object.fromEntries(
  [anvil, base, baseSepolia, mainnet, optimism, sepolia].map((c) => [c.id, c]),
);

export const LOCAL_CHAIN_ID = 31337;

/** What browsers may know of the chain: its id and the public RPC (PUBLIC_RPC_URL), never the server's own RPC_URL. */
/**
 * `logRange`: the most blocks one eth_getLogs may span (CHAIN_LOG_RANGE, default 10,000): public RPCs cap the range
 * (Base's public endpoint at 10,000 blocks), so event scans go page by page.
 */
export type PublicChainSettings = { chainId: number; publicRpcUrl: string; local: boolean; logRange: number };
/** The server's view: also RPC_URL, which may carry a provider's API key. */
export type ChainSettings = PublicChainSettings & { rpcUrl: string };

export function chainSettings(env: Record<string, string | undefined> = process.env): ChainSettings {
  const chainId = Number(env.CHAIN_ID || LOCAL_CHAIN_ID);
  const rpcUrl = env.RPC_URL ?? "http://127.0.0.1:8545";
  return { chainId, rpcUrl, publicRpcUrl: env.PUBLIC_RPC_URL ?? rpcUrl, local: chainId === LOCAL_CHAIN_ID, logRange: chainLogRange(env) };
}

export const DEFAULT_CHAIN_LOG_RANGE = 10_000;

/** CHAIN_LOG_RANGE: a whole number of blocks, 1 to 1,000,000. */
export function chainLogRange(env: Record<string, string | undefined> = process.env): number {
  const text = env.CHAIN_LOG_RANGE;
  if (text === undefined || text === "") return DEFAULT_CHAIN_LOG_RANGE;
  const value = Number(text);
  if (!/^[1-9][0-9]*$/.test(text) || value > 1_000_000) {
    throw new ConfigError(`CHAIN_LOG_RANGE is "${text}": the most blocks one log query may span, a whole number from 1 to 1000000 (default ${DEFAULT_CHAIN_LOG_RANGE}).`);
  }
  return value;
}

/** A new object with the public fields only: props are serialized whole, so a wider object would leak RPC_URL into the HTML. */
export function publicChainSettings(settings: ChainSettings = chainSettings()): PublicChainSettings {
  return { chainId: settings.chainId, publicRpcUrl: settings.publicRpcUrl, local: settings.local, logRange: settings.logRange };
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
