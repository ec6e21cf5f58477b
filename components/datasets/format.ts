import { formatUnits } from "viem";

const UNITS = ["B", "KB", "MB", "GB", "TB"] as const;

/** 1536 → "1.5 KB" (binary multiples, as download managers show them). */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1;
  return `${value.toLocaleString("en-US", { maximumFractionDigits: digits })} ${UNITS[unit]}`;
}

/** Exact token amount from wei (18 decimals): "12,345.5", never rounded through a float. */
export function formatTokens(wei: string | bigint, decimals = 18): string {
  const [whole = "0", fraction] = formatUnits(BigInt(wei), decimals).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return fraction ? `${grouped}.${fraction}` : grouped;
}

export const shortHex = (hex: string, head = 6, tail = 4) => (hex.length <= head + tail + 1 ? hex : `${hex.slice(0, head)}…${hex.slice(-tail)}`);

const DATE = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Dates are shown in UTC so every visitor reads the same cut-off. */
export const formatDate = (iso: string) => `${DATE.format(new Date(iso))} UTC`;

export const formatCount = (n: number) => n.toLocaleString("en-US");

export const plural = (n: number, one: string, many = `${one}s`) => `${formatCount(n)} ${n === 1 ? one : many}`;
