import { LazyWallet } from "./lazy-wallet";
import { walletConnected, walletProps } from "./wallet-props";

/** The header's wallet control on pages that never sign: the stack loads when it is wanted (lazy-wallet.tsx). */
export async function ReadWallet() {
  const props = await walletProps();
  return <LazyWallet {...props} connected={walletConnected(props)} />;
}
