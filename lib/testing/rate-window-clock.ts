import { vi } from "vitest";

/**
 * Rate-limit windows are fixed, so a burst that ran across a minute boundary would meet two
 * windows and pass more requests than the rule. Tests that count a burst stand the clock still
 * at the start of the current minute while it runs (only Date; timers and I/O run as usual).
 */
export function holdClockAtMinuteStart(): () => void {
  vi.useFakeTimers({ toFake: ["Date"], now: Math.floor(Date.now() / 60_000) * 60_000 });
  return () => vi.useRealTimers();
}
