import { recoverAddress, type Address, type Hex } from "viem";

/**
 * The address whose key made `signature` (65 bytes, r‖s‖v) over the 32-byte `digest`, or null
 * when no address can have made it. The one place signatures are recovered, for the ingest path
 * and the verifier alike.
 */
export async function recoverSigner(digest: Hex, signature: Hex): Promise<Address | null> {
  try {
    return await recoverAddress({ hash: digest, signature });
  } catch {
    return null;
  }
}
