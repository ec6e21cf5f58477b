import { describe, expect, it } from "vitest";
import { exactTokenAmount, formatTokenAmount, tokenUnits } from "./format";

const wei = (units: string) => {
  const [whole = "0", fraction = ""] = units.split(".");
  return BigInt(whole + fraction.padEnd(18, "0"));
};

describe("formatTokenAmount", () => {
  it("groups whole units and trims trailing zeros", () => {
    expect(formatTokenAmount(0n)).toBe("0");
    expect(formatTokenAmount(wei("1"))).toBe("1");
    expect(formatTokenAmount(wei("1234567.5"))).toBe("1,234,567.5");
  });

  it("cuts to four decimals, never rounding up", () => {
    expect(formatTokenAmount(wei("2.99999"))).toBe("2.9999");
    expect(formatTokenAmount(wei("0.00015"))).toBe("0.0001");
  });

  it("shows dust as <0.0001 rather than 0", () => {
    expect(formatTokenAmount(1n)).toBe("<0.0001");
  });

  it("keeps precision beyond 2^53", () => {
    expect(formatTokenAmount(wei("9007199254740993.25"))).toBe("9,007,199,254,740,993.25");
    expect(exactTokenAmount(wei("1") + 1n)).toBe("1.000000000000000001");
  });

  it("converts to float units for chart heights", () => {
    expect(tokenUnits(wei("12.5"))).toBe(12.5);
  });
});
