import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { gunzipSync } from "node:zlib";

/**
 * The local chain's state on disk, written so that a crash at any moment leaves a loadable file: each dump goes to a
 * temporary file, is fsynced, and replaces the state by a rename, after the previous state was moved to `.prev` (the
 * last good copy). anvil's own `--state-interval` rewrites the file in place, and a kill -9 during a write left it
 * empty (the next start then failed on anvil's JSON parse error).
 */
export const previousStateFile = (file: string) => `${file}.prev`;

/** Whether `file` holds a state anvil can load: JSON with a block and accounts, as anvil_dumpState makes it. */
export function isLoadableState(file: string): boolean {
  if (!existsSync(file)) return false;
  try {
    const state = JSON.parse(readFileSync(file, "utf8")) as { block?: unknown; accounts?: unknown };
    return typeof state.block === "object" && state.block !== null && typeof state.accounts === "object" && state.accounts !== null;
  } catch {
    return false;
  }
}

export type StateChoice = { path: string | null; note: string | null };

/**
 * The state file to start from: the current one, else the last good copy, else none (a fresh chain). A damaged file
 * is moved aside (never deleted) and said so.
 */
export function chooseStateFile(file: string): StateChoice {
  if (isLoadableState(file)) return { path: file, note: null };
  const damaged = existsSync(file) ? `${file}.damaged-${Date.now()}` : null;
  if (damaged) renameSync(file, damaged);
  const previous = previousStateFile(file);
  if (isLoadableState(previous)) {
    return { path: previous, note: `${damaged ? `the chain state was damaged (kept as ${damaged}); ` : ""}starting from the last good copy ${previous}` };
  }
  return { path: null, note: damaged ? `the chain state was damaged (kept as ${damaged}) and there is no good copy: starting a fresh chain` : null };
}

/** Writes anvil_dumpState's answer (hex of gzipped JSON) as the state file, crash-safely. */
export function writeStateAtomically(file: string, dumpHex: string): void {
  const json = gunzipSync(Buffer.from(dumpHex.replace(/^0x/, ""), "hex"));
  const temp = `${file}.tmp`;
  const fd = openSync(temp, "w");
  try {
    for (let at = 0; at < json.length; ) at += writeSync(fd, json, at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (isLoadableState(file)) renameSync(file, previousStateFile(file));
  renameSync(temp, file);
}

async function rpc<T>(rpcUrl: string, method: string, params: unknown[] = []): Promise<T> {
  const response = await fetch(rpcUrl, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }) });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.error) throw new Error(`${method}: ${body.error.message}`);
  return body.result as T;
}

export type ChainStateKeeper = {
  /** Dumps now if a block was mined since the last dump. */
  save(): Promise<void>;
  /** Stops the polling after a last save. */
  stop(): Promise<void>;
};

/**
 * Dumps the chain's state whenever a new block appears (polled every `intervalMs`), so what a crash can lose is at
 * most that long of activity, and the file on disk is always whole.
 */
export function keepChainState(rpcUrl: string, file: string, intervalMs = 300): ChainStateKeeper {
  let saved: string | null = null;
  let busy: Promise<void> = Promise.resolve();
  const save = () => {
    busy = busy.catch(() => {}).then(async () => {
      const block = await rpc<string>(rpcUrl, "eth_blockNumber");
      if (block === saved) return;
      writeStateAtomically(file, await rpc<string>(rpcUrl, "anvil_dumpState"));
      saved = block;
    });
    return busy;
  };
  const timer = setInterval(() => void save().catch(() => {}), intervalMs);
  timer.unref();
  return {
    save,
    async stop() {
      clearInterval(timer);
      await save().catch(() => {});
    },
  };
}
