import { cookieStorage, createConfig, createStorage, http, injected } from "wagmi";
import type { Address, EIP1193Provider, Hex } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { chainFor, type PublicChainSettings } from "@/lib/chain/config";
import { createLocalKeyProvider } from "@/lib/wallet/local-key-provider";
import { WAGMI_STORAGE_KEY } from "./wagmi-cookie";

const BURNER_KEY = "commonplace.burner-key";
const BURNER_CONNECTED = "commonplace.burner-connected";

/** The burner's key lives in this browser's localStorage: a throwaway identity for the local chain only. */
export function burnerKey(): Hex {
  const saved = window.localStorage.getItem(BURNER_KEY);
  if (saved && /^0x[0-9a-f]{64}$/.test(saved)) return saved as Hex;
  const key = generatePrivateKey();
  window.localStorage.setItem(BURNER_KEY, key);
  return key;
}

export function burnerAddress(): Address {
  return privateKeyToAccount(burnerKey()).address;
}

export function getConfig(settings: PublicChainSettings) {
  const chain = chainFor(settings);
  const connectors = [injected()];
  if (settings.local && typeof window !== "undefined") {
    connectors.push(
      injected({
        target: () => ({
        id: "burner",
        name: "Burner wallet",
        // The local provider answers the subset of EIP-1193 that wagmi and our pages use.
        provider: createLocalKeyProvider(burnerKey, chain, {
          get: () => window.localStorage.getItem(BURNER_CONNECTED) === "1",
          set: (on) => (on ? window.localStorage.setItem(BURNER_CONNECTED, "1") : window.localStorage.removeItem(BURNER_CONNECTED)),
        }) as unknown as EIP1193Provider,
      }),
      }),
    );
  }
  return createConfig({
    chains: [chain],
    connectors,
    multiInjectedProviderDiscovery: true,
    ssr: true,
    storage: createStorage({ key: WAGMI_STORAGE_KEY, storage: cookieStorage }),
    transports: { [chain.id]: http(settings.publicRpcUrl) },
  });
}

declare module "wagmi" {
  interface Register {
    config: ReturnType<typeof getConfig>;
  }
}
