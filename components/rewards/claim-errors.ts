import { BaseError, ContractFunctionRevertedError, UserRejectedRequestError } from "viem";

/** Thrown when the claim transaction was mined but reverted. */
export class ClaimRevertedError extends Error {
  constructor(readonly hash: string) {
    super("The transaction was mined but reverted: nothing was paid. Refresh and try again.");
  }
}

const REVERTS: Record<string, string> = {
  NothingToClaim: "Nothing left to claim: everything published for this address has already been paid.",
  InvalidProof: "The distributor refused the proof: a newer epoch may have been published. Refresh and try again.",
  EnforcedPause: "Claims are paused on the distributor right now. Try again later.",
  TransferFailed: "The distributor could not transfer the tokens. Try again later.",
};

function firstLine(text: string): string {
  return text.split("\n")[0]?.trim() || "The claim failed.";
}

/** A wallet or chain failure in plain words; the technical detail stays in the console. */
export function claimErrorMessage(error: unknown): string {
  if (error instanceof ClaimRevertedError) return error.message;
  const text = error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : String(error);
  if (error instanceof BaseError) {
    if (error.walk((e) => e instanceof UserRejectedRequestError)) return "You rejected the transaction in your wallet. Nothing was sent.";
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (revert instanceof ContractFunctionRevertedError) {
      const name = revert.data?.errorName;
      return (name && REVERTS[name]) ?? `The claim would revert${name ? ` (${name})` : ""}: nothing was sent.`;
    }
  }
  if (/user (rejected|denied|cancel)/i.test(text)) return "You rejected the transaction in your wallet. Nothing was sent.";
  if (/chain ?mismatch|does not match the target chain|current chain of the (wallet|connector)/i.test(text))
    return "Your wallet is on another network. Switch networks and try again.";
  for (const [name, message] of Object.entries(REVERTS)) if (text.includes(name)) return message;
  if (/revert/i.test(text)) return "The transaction would revert: nothing was sent. Refresh and try again.";
  const short = (error as { shortMessage?: unknown } | null)?.shortMessage;
  return firstLine(typeof short === "string" ? short : error instanceof Error ? error.message : String(error));
}
