import { createPublicClient, createWalletClient, http, parseEther, type Address, type Chain } from "viem";

/** Anvil's tenth dev account: unlocked on the local node, so it can fund burners without a key. */
export const FAUCET_ACCOUNT: Address = "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720";

/** Tops a burner up to gas money from an anvil account. Local chain only: other nodes refuse eth_sendTransaction. */
export async function fundBurner(chain: Chain, address: Address): Promise<void> {
  const client = createPublicClient({ chain, transport: http() });
  if ((await client.getBalance({ address })) >= parseEther("1")) return;
  const faucet = createWalletClient({ account: FAUCET_ACCOUNT, chain, transport: http() });
  const hash = await faucet.sendTransaction({ to: address, value: parseEther("10") });
  await client.waitForTransactionReceipt({ hash });
}
