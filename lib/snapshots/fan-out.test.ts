import { describe, expect, it } from "vitest";
import { FanOut } from "./fan-out";

async function* numbers(n: number, onRead?: (i: number) => void): AsyncGenerator<number> {
  for (let i = 0; i < n; i++) {
    onRead?.(i);
    yield i;
  }
}

async function collect(items: AsyncIterable<number>, delayEvery = 0, onItem?: (i: number) => void): Promise<number[]> {
  const out: number[] = [];
  for await (const i of items) {
    onItem?.(i);
    out.push(i);
    if (delayEvery > 0 && i % delayEvery === 0) await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return out;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("FanOut", () => {
  it("gives every consumer every item, in order, from one read of the source", async () => {
    let reads = 0;
    const fan = new FanOut(numbers(1003, () => reads++), 3, 10);
    const [a, b, c] = await Promise.all([collect(fan.consumer(0)), collect(fan.consumer(1), 7), collect(fan.consumer(2), 50)]);
    expect(a).toEqual(range(1003));
    expect(b).toEqual(range(1003));
    expect(c).toEqual(range(1003));
    expect(reads).toBe(1003);
  });

  it("keeps the source at most two batches ahead of the slowest consumer", async () => {
    let read = -1;
    let slowest = -1;
    let widest = 0;
    const fan = new FanOut(numbers(500, (i) => (read = i)), 2, 10);
    await Promise.all([
      collect(fan.consumer(0)),
      collect(fan.consumer(1), 1, (i) => {
        slowest = i;
        widest = Math.max(widest, read - slowest);
      }),
    ]);
    expect(widest).toBeLessThan(20);
  });

  it("lets the others go on when a consumer stops early", async () => {
    const fan = new FanOut(numbers(100), 2, 10);
    const early = (async () => {
      for await (const i of fan.consumer(0)) if (i === 15) break;
    })();
    const [, all] = await Promise.all([early, collect(fan.consumer(1))]);
    expect(all).toEqual(range(100));
  });

  it("hands a source failure, or an abort, to every consumer", async () => {
    async function* failing(): AsyncGenerator<number> {
      yield 1;
      throw new Error("source broke");
    }
    const broken = new FanOut(failing(), 2, 1);
    const results = await Promise.allSettled([collect(broken.consumer(0)), collect(broken.consumer(1))]);
    expect(results.map((r) => r.status === "rejected" && String(r.reason))).toEqual(["Error: source broke", "Error: source broke"]);

    const fan = new FanOut(numbers(1000), 2, 10);
    const aborted = collect(fan.consumer(1), 1);
    const aborting = (async () => {
      for await (const i of fan.consumer(0)) if (i === 20) fan.abort(new Error("writer failed"));
    })();
    await expect(aborting).rejects.toThrow("writer failed");
    await expect(aborted).rejects.toThrow("writer failed");
  });
});
