import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { freePort } from "../net/free-port";

/** The anvil binary shipped by @foundry-rs/anvil's platform package (no download at run time). */
export function anvilBinary(): string {
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  const require = createRequire(import.meta.url);
  return require.resolve(`@foundry-rs/anvil-${process.platform}-${arch}/bin/anvil`);
}

export type AnvilOptions = {
  port?: number;
  chainId?: number;
  /** A state file (as lib/devnet/chain-state.ts writes them) to start the chain from. */
  loadState?: string;
  silent?: boolean;
};

export type AnvilInstance = { rpcUrl: string; port: number; process: ChildProcess; stop: () => Promise<void> };

export async function startAnvil(options: AnvilOptions = {}): Promise<AnvilInstance> {
  const port = options.port ?? (await freePort());
  const args = ["--port", String(port), "--host", "127.0.0.1", "--chain-id", String(options.chainId ?? 31337)];
  if (options.loadState) args.push("--load-state", options.loadState);
  if (options.silent !== false) args.push("--silent");
  const child = spawn(anvilBinary(), args, { stdio: ["ignore", "pipe", "pipe"] });
  const rpcUrl = `http://127.0.0.1:${port}`;
  let exited = false;
  child.once("exit", () => (exited = true));
  child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(chunk));
  await waitForRpc(rpcUrl, () => exited);
  return {
    rpcUrl,
    port,
    process: child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (exited) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

async function waitForRpc(rpcUrl: string, hasExited: () => boolean): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (hasExited()) throw new Error("anvil exited before it answered");
    try {
      const res = await fetch(rpcUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`anvil did not answer at ${rpcUrl}`);
}
