import "server-only";
import { createPublicClient, http, type PublicClient } from "viem";
import { chainFor, chainSettings } from "./config";

const globalForChain = globalThis as typeof globalThis & { commonplacePublicClient?: PublicClient };

/** The server's read-only view of the configured chain (RPC_URL). */
export function getPublicClient(): PublicClient {
  if (!globalForChain.commonplacePublicClient) {
    const settings = chainSettings();
    globalForChain.commonplacePublicClient = createPublicClient({
      chain: chainFor({ chainId: settings.chainId, publicRpcUrl: settings.rpcUrl }),
      transport: http(settings.rpcUrl, { retryCount: 1, timeout: 5_000 }),
    });
  }
  return globalForChain.commonplacePublicClient;
}
