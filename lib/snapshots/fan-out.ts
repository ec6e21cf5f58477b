/**
 * One pass over `source` feeding `count` consumers, each reading its own AsyncIterable of the same items in the same
 * order. Items travel in batches, in lockstep: a consumer gets batch k only once every other consumer has taken
 * batch k-1, so at most two batches are held, however far apart the consumers run. A consumer that stops (its loop
 * breaks or throws) no longer holds the others back; `abort(error)` makes every consumer's next read throw it.
 */
export class FanOut<T> {
  private readonly batches = new Map<number, Promise<T[]>>();
  private readonly taken: number[];
  private readonly left = new Set<number>();
  private waiters: (() => void)[] = [];
  private failure: { error: unknown } | null = null;
  private readonly iterator: AsyncIterator<T>;
  private reading: Promise<unknown> = Promise.resolve();

  constructor(
    source: AsyncIterable<T>,
    count: number,
    private readonly batchSize = 1000,
  ) {
    this.iterator = source[Symbol.asyncIterator]();
    this.taken = Array.from({ length: count }, () => 0);
  }

  /** The item stream of consumer `index` (0 ≤ index < count); each index is to be iterated once. */
  consumer(index: number): AsyncIterable<T> {
    return { [Symbol.asyncIterator]: () => this.items(index) };
  }

  abort(error: unknown): void {
    this.failure ??= { error };
    this.wake();
  }

  private async *items(index: number): AsyncGenerator<T> {
    try {
      for (let k = 0; ; k++) {
        const batch = await this.batch(index, k);
        if (batch.length === 0) return;
        yield* batch;
      }
    } finally {
      this.left.add(index);
      this.wake();
      // Nobody reads on: let the source release what it holds (a database page in flight).
      if (this.left.size === this.taken.length) await this.reading.then(() => this.iterator.return?.());
    }
  }

  private async batch(index: number, k: number): Promise<T[]> {
    while (!this.failure && this.taken.some((t, i) => t < k && !this.left.has(i))) await new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.failure) throw this.failure.error;
    let batch = this.batches.get(k);
    if (!batch) {
      batch = this.read();
      this.batches.set(k, batch);
      this.batches.delete(k - 2);
    }
    this.taken[index] = k + 1;
    this.wake();
    return batch;
  }

  /** The next batch of the source, read after the previous one (reads never overlap). */
  private read(): Promise<T[]> {
    const next = this.reading.then(async () => {
      const batch: T[] = [];
      while (batch.length < this.batchSize) {
        const item = await this.iterator.next();
        if (item.done) break;
        batch.push(item.value);
      }
      return batch;
    });
    this.reading = next.catch(() => {});
    return next;
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const resolve of waiters) resolve();
  }
}
