import { createPublicClient, createWalletClient, http, parseEther, type Address, type Chain } from "viem";
import { commonplaceTokenAbi } from "../chain/abi";
import { fundBurner } from "./fund-burner";

/** Anvil's first dev account: the local curator, holding the token's genesis supply, unlocked on the local node. */
export const GENESIS_HOLDER: Address = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
export const FAUCET_CMPL = parseEther("2000");

/**
 * Local chain only: gives `address` gas money and enough CMPL to stake, from the curator's genesis
 * supply (anvil signs for its unlocked dev accounts; any other node refuses eth_sendTransaction).
 */
export async function fundForStaking(chain: Chain, token: Address, address: Address): Promise<void> {
  await fundBurner(chain, address);
  const holder = createWalletClient({ account: GENESIS_HOLDER, chain, transport: http() });
  const hash = await holder.writeContract({ address: token, abi: commonplaceTokenAbi, functionName: "transfer", args: [address, FAUCET_CMPL] });
  await createPublicClient({ chain, transport: http() }).waitForTransactionReceipt({ hash });
}
