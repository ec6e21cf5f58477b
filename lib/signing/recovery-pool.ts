import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { keccak256Into } from "../merkle/keccak";

/** What a queued recovery hands back: the lowercase 0x signer, or null when no key made the signature. */
export type Recovered = (signer: string | null) => void | Promise<void>;

const BATCH = 1024;
const HEX_SIGNATURE = /^0x[0-9a-fA-F]{130}$/;

type Pending = { resolve: (r: { keys: Uint8Array; ok: Uint8Array }) => void; reject: (e: unknown) => void };

/**
 * Signer recovery on worker threads, for checks over millions of signatures: the caller keeps parsing, hashing and
 * replaying on the main thread while the workers recover (recover-worker.mjs). Recoveries are batched, and each
 * batch's callbacks run in the order they were queued, after the previous batch's, so a caller sees results in its
 * own order. At most two batches per worker are in flight: `recover` waits for room, so memory stays bounded.
 * Same answers as `recoverAddressFast` (recovery-pool.test.ts).
 */
export class RecoveryPool {
  private readonly workers: Worker[];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private nextWorker = 0;
  private digests = new Uint8Array(BATCH * 32);
  private signatures = new Uint8Array(BATCH * 65);
  private callbacks: Recovered[] = [];
  private inFlight = 0;
  private room: (() => void)[] = [];
  private tail: Promise<void> = Promise.resolve();
  private failure: unknown = null;

  constructor(threads = availableParallelism()) {
    this.workers = Array.from({ length: Math.max(1, threads) }, () => {
      const worker = new Worker(new URL("./recover-worker.mjs", import.meta.url));
      worker.on("message", ({ id, keys, ok }: { id: number; keys: Uint8Array; ok: Uint8Array }) => {
        this.pending.get(id)?.resolve({ keys, ok });
        this.pending.delete(id);
      });
      worker.on("error", (error) => this.fail(error));
      return worker;
    });
  }

  /** Queues the recovery of `signature` (65-byte r‖s‖v hex) over `digest`; `done` runs once it is known. */
  async recover(digest: Uint8Array, signature: string, done: Recovered): Promise<void> {
    if (this.failure) throw this.failure;
    const i = this.callbacks.length;
    this.digests.set(digest, i * 32);
    if (HEX_SIGNATURE.test(signature)) Buffer.from(this.signatures.buffer, i * 65, 65).write(signature.slice(2), "hex");
    else this.signatures.fill(0, i * 65, i * 65 + 65); // v = 0 with r = s = 0: recovers nothing
    this.callbacks.push(done);
    if (this.callbacks.length === BATCH) await this.dispatch();
  }

  /** Waits for every queued recovery and its callback. */
  async flush(): Promise<void> {
    if (this.callbacks.length > 0) await this.dispatch();
    await this.tail;
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private async dispatch(): Promise<void> {
    while (this.inFlight >= this.workers.length * 2) await new Promise<void>((resolve) => this.room.push(resolve));
    const id = this.nextId++;
    const count = this.callbacks.length;
    const callbacks = this.callbacks;
    const result = new Promise<{ keys: Uint8Array; ok: Uint8Array }>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    const worker = this.workers[this.nextWorker++ % this.workers.length]!;
    worker.postMessage({ id, digests: this.digests, signatures: this.signatures, count }, [this.digests.buffer, this.signatures.buffer]);
    this.digests = new Uint8Array(BATCH * 32);
    this.signatures = new Uint8Array(BATCH * 65);
    this.callbacks = [];
    this.inFlight++;
    this.tail = this.tail.then(async () => {
      let batch: { keys: Uint8Array; ok: Uint8Array };
      try {
        batch = await result;
      } finally {
        this.inFlight--;
        this.room.shift()?.();
      }
      const hash = new Uint8Array(32);
      for (let k = 0; k < count; k++) {
        let signer: string | null = null;
        if (batch.ok[k]) {
          keccak256Into(batch.keys.subarray(k * 64, k * 64 + 64), hash);
          signer = `0x${Buffer.from(hash.buffer, 12, 20).toString("hex")}`;
        }
        await callbacks[k]!(signer);
      }
    });
    this.tail.catch((error: unknown) => this.fail(error));
  }

  private fail(error: unknown): void {
    this.failure ??= error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
    for (const wake of this.room.splice(0)) wake();
  }
}
