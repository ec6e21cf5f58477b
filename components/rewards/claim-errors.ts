import { TxRevertedError, txErrorMessage } from "../wallet/tx-errors";

/** Thrown when the claim transaction was mined but reverted. */
export class ClaimRevertedError extends TxRevertedError {
  constructor(hash: string) {
    super(hash, "The transaction was mined but reverted: nothing was paid. Refresh and try again.");
  }
}

const REVERTS: Record<string, string> = {
  NothingToClaim: "Nothing left to claim: everything published for this address has already been paid.",
  InvalidProof: "The distributor refused the proof: a newer epoch may have been published. Refresh and try again.",
  EnforcedPause: "Claims are paused on the distributor right now. Try again later.",
  TransferFailed: "The distributor could not transfer the tokens. Try again later.",
};

/** A claim failure in plain words. */
export const claimErrorMessage = (error: unknown) => txErrorMessage(error, REVERTS, "The claim");
