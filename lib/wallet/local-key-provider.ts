import {
  createWalletClient,
  hexToBigInt,
  http,
  numberToHex,
  type Chain,
  type EIP1193Parameters,
  type Hex,
  type TypedDataDefinition,
} from "viem";
import { privateKeyToAccount } from "viem/accounts";

type RpcRequest = { method: string; params?: readonly unknown[] | object };
type Listener = (...args: unknown[]) => void;

export type LocalKeyProvider = {
  request: (args: RpcRequest) => Promise<unknown>;
  on: (event: string, listener: Listener) => void;
  removeListener: (event: string, listener: Listener) => void;
};

type TxParams = { to?: Hex; data?: Hex; value?: Hex; gas?: Hex };

/** Whether the site may see the account: like a browser wallet, nothing is exposed before the user connects. */
export type Authorization = { get: () => boolean; set: (authorized: boolean) => void };

/**
 * An EIP-1193 provider that signs with a private key held in the page (the burner wallet of the
 * local chain) and forwards every read to the chain's RPC. Never used with real funds. The key is
 * read lazily so merely loading a page creates nothing.
 */
export function createLocalKeyProvider(getKey: () => Hex, chain: Chain, authorization: Authorization): LocalKeyProvider {
  const rpcUrl = chain.rpcUrls.default.http[0] ?? "";
  let signer: { account: ReturnType<typeof privateKeyToAccount>; wallet: ReturnType<typeof createWalletClient> } | undefined;
  const signerFor = () => {
    if (!signer) {
      const account = privateKeyToAccount(getKey());
      signer = { account, wallet: createWalletClient({ account, chain, transport: http(rpcUrl) }) };
    }
    return signer;
  };
  const listeners = new Map<string, Set<Listener>>();

  const params = (args: RpcRequest) => (Array.isArray(args.params) ? (args.params as unknown[]) : []);

  async function request(args: RpcRequest): Promise<unknown> {
    const p = params(args);
    switch (args.method) {
      case "eth_requestAccounts":
        authorization.set(true);
        return [signerFor().account.address];
      case "eth_accounts":
        return authorization.get() ? [signerFor().account.address] : [];
      case "wallet_revokePermissions":
        authorization.set(false);
        return null;
      case "eth_chainId":
        return numberToHex(chain.id);
      case "personal_sign":
        return signerFor().account.signMessage({ message: { raw: p[0] as Hex } });
      case "eth_signTypedData_v4": {
        const typed = JSON.parse(p[1] as string) as TypedDataDefinition;
        return signerFor().account.signTypedData(typed);
      }
      case "eth_sendTransaction": {
        const tx = p[0] as TxParams;
        const { account, wallet } = signerFor();
        return wallet.sendTransaction({
          account,
          chain,
          to: tx.to,
          data: tx.data,
          value: tx.value ? hexToBigInt(tx.value) : undefined,
          gas: tx.gas ? hexToBigInt(tx.gas) : undefined,
        });
      }
      case "wallet_switchEthereumChain":
      case "wallet_addEthereumChain":
        return null;
      case "wallet_requestPermissions":
      case "wallet_getPermissions":
        return [{ parentCapability: "eth_accounts" }];
      default:
        return signerFor().wallet.request(args as EIP1193Parameters);
    }
  }

  return {
    request,
    on: (event, listener) => {
      if (!listeners.has(event)) listeners.set(event, new Set());
      listeners.get(event)?.add(listener);
    },
    removeListener: (event, listener) => listeners.get(event)?.delete(listener),
  };
}
