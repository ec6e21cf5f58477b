import { lshBands, minhash, signatureBytes } from "./minhash";
import { normalizedHash } from "./normalize";
import { contentHash } from "./typed-data";

/** The columns a submission row derives from its text: signed hash, exact-duplicate key, near-duplicate signature and bands. */
export function contentFingerprints(content: string) {
  const signature = minhash(content);
  return {
    contentHash: contentHash(content),
    normalizedHash: normalizedHash(content),
    minhash: signatureBytes(signature),
    lshBands: lshBands(signature),
  };
}
