/** The reward token's decimals: the API reports every amount in wei of an 18-decimal token. */
export const TOKEN_DECIMALS = 18;
export const FALLBACK_SYMBOL = "CMPL";

/**
 * Wei as a grouped decimal string, cut (never rounded up) to `maxFraction` digits so the page
 * never promises more than the chain pays. A non-zero amount too small to show reads "<0.0001".
 */
export function formatTokenAmount(wei: bigint, maxFraction = 4, decimals = TOKEN_DECIMALS): string {
  const sign = wei < 0n ? "-" : "";
  const abs = wei < 0n ? -wei : wei;
  const base = 10n ** BigInt(decimals);
  const whole = abs / base;
  const fraction = (abs % base).toString().padStart(decimals, "0").slice(0, maxFraction).replace(/0+$/, "");
  if (abs > 0n && whole === 0n && !fraction) return `${sign}<0.${"0".repeat(Math.max(0, maxFraction - 1))}1`;
  return `${sign}${whole.toLocaleString("en-US")}${fraction ? `.${fraction}` : ""}`;
}

/** Every digit, for a title attribute: what the headline rounds away stays one hover away. */
export function exactTokenAmount(wei: bigint, decimals = TOKEN_DECIMALS): string {
  return formatTokenAmount(wei, decimals, decimals);
}

/** Token units as a float, for chart heights only (never for display or arithmetic). */
export function tokenUnits(wei: bigint, decimals = TOKEN_DECIMALS): number {
  return Number(wei / 10n ** BigInt(Math.max(0, decimals - 6))) / 10 ** Math.min(decimals, 6);
}

/** "0x1234…abcd": addresses and hashes where the full value is one hover or copy away. */
export const shortHex = (hex: string, head = 6, tail = 4) => (hex.length <= head + tail + 1 ? hex : `${hex.slice(0, head)}…${hex.slice(-tail)}`);
