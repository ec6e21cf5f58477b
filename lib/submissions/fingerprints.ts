import { lshBands, minhash, signatureBytes } from "./minhash";
import { normalizedHash } from "./normalize";
import { contentHash } from "./typed-data";

/** The columns a submission row derives from its text: signed hash (pass it when already computed), exact-duplicate key, near-duplicate signature and bands. */
export function contentFingerprints(content: string, hash: string = contentHash(content)) {
  const signature = minhash(content);
  return {
    contentHash: hash,
    normalizedHash: normalizedHash(content),
    minhash: signatureBytes(signature),
    lshBands: lshBands(signature),
  };
}
