import { BaseError, ContractFunctionRevertedError, UserRejectedRequestError } from "viem";

/** Thrown when a transaction was mined but reverted. */
export class TxRevertedError extends Error {
  constructor(
    readonly hash: string,
    message = "The transaction was mined but reverted: nothing changed. Refresh and try again.",
  ) {
    super(message);
  }
}

function firstLine(text: string, fallback: string): string {
  return text.split("\n")[0]?.trim() || fallback;
}

/**
 * A wallet or chain failure in plain words, with the contract's custom errors mapped by `reverts`
 * (error name → sentence); the technical detail stays in the console.
 */
export function txErrorMessage(error: unknown, reverts: Record<string, string>, action = "The transaction"): string {
  if (error instanceof TxRevertedError) return error.message;
  const text = error instanceof Error ? `${error.message} ${String(error.cause ?? "")}` : String(error);
  if (error instanceof BaseError) {
    if (error.walk((e) => e instanceof UserRejectedRequestError)) return "You rejected the request in your wallet. Nothing was sent.";
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (revert instanceof ContractFunctionRevertedError) {
      const name = revert.data?.errorName;
      return (name && reverts[name]) ?? `${action} would revert${name ? ` (${name})` : ""}: nothing was sent.`;
    }
  }
  if (/user (rejected|denied|cancel)/i.test(text)) return "You rejected the request in your wallet. Nothing was sent.";
  if (/chain ?mismatch|does not match the target chain|current chain of the (wallet|connector)/i.test(text))
    return "Your wallet is on another network. Switch networks and try again.";
  for (const [name, message] of Object.entries(reverts)) if (text.includes(name)) return message;
  if (/revert/i.test(text)) return `${action} would revert: nothing was sent. Refresh and try again.`;
  const short = (error as { shortMessage?: unknown } | null)?.shortMessage;
  return firstLine(typeof short === "string" ? short : error instanceof Error ? error.message : String(error), `${action} failed.`);
}
