import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { createServer } from "node:net";

/** The anvil binary shipped by @foundry-rs/anvil's platform package (no download at run time). */
export function anvilBinary(): string {
  const arch = process.arch === "x64" ? "amd64" : process.arch;
  const require = createRequire(import.meta.url);
  return require.resolve(`@foundry-rs/anvil-${process.platform}-${arch}/bin/anvil`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export type AnvilOptions = {
  port?: number;
  chainId?: number;
  /** File that anvil loads on start and dumps to periodically and on exit. */
  stateFile?: string;
  silent?: boolean;
};

export type AnvilInstance = { rpcUrl: string; port: number; process: ChildProcess; stop: () => Promise<void> };

export async function startAnvil(options: AnvilOptions = {}): Promise<AnvilInstance> {
  const port = options.port ?? (await freePort());
  const args = ["--port", String(port), "--host", "127.0.0.1", "--chain-id", String(options.chainId ?? 31337)];
  if (options.stateFile) args.push("--state", options.stateFile, "--state-interval", "5");
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
