import cluster from "node:cluster";
import { createServer } from "node:http";
import { webConcurrency } from "../lib/config/web-concurrency";
import { markPeerAddressStamped, trustedProxyHops } from "../lib/http/client-address";
import { restoreDeclaredLength } from "../lib/http/declared-length";
import { log } from "../lib/log";

/**
 * `npm start`: the production build behind a plain Node HTTP server, for one reason Next's own
 * `next start` cannot serve: it keeps a client-sent X-Forwarded-For, so per-client rate limits
 * could be dodged by writing the header. Here, with no trusted proxy (TRUST_PROXY=0), the header
 * is replaced by the socket's address; behind N trusted proxies it is left to them.
 * With WEB_CONCURRENCY above 1 it forks that many such servers on the one port.
 */
const PORT = Number(process.env.PORT ?? 3000);
const HOSTNAME = process.env.HOSTNAME ?? "0.0.0.0";

async function serve() {
  (process.env as Record<string, string | undefined>).NODE_ENV ??= "production";
  const hops = trustedProxyHops();
  const { default: next } = await import("next");
  const app = next({ dev: false, hostname: HOSTNAME, port: PORT });
  const handle = app.getRequestHandler();
  await app.prepare();
  markPeerAddressStamped();
  const server = createServer((request, response) => {
    if (hops === 0) request.headers["x-forwarded-for"] = request.socket.remoteAddress ?? "";
    // API answers go out uncompressed: a gzip stream per answer cost more CPU than sending a few hundred bytes, and
    // snapshot files keep their Content-Length and byte ranges. Pages and assets are still compressed.
    if (request.url?.startsWith("/api/")) {
      delete request.headers["accept-encoding"];
      // Next drops a route answer's Content-Length; the guard declared it (HEAD and range readers need it).
      restoreDeclaredLength(response);
    }
    void handle(request, response);
  });
  server.listen(PORT, HOSTNAME, () => log.info("server_ready", { port: PORT, trustedProxies: hops, pid: process.pid }));
  const stop = () => {
    server.close();
    server.closeIdleConnections();
    void app.close().then(() => process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  // As `next start` does: one failed request must not take every other one down with the process.
  process.on("uncaughtException", (error) => log.error("uncaught_exception", { error }));
  process.on("unhandledRejection", (error) => log.error("unhandled_rejection", { error }));
}

/**
 * Forks `count` servers and keeps them running: one that dies after it listened is replaced; one
 * that dies before (a configuration it refused) stops them all with its exit code, as a single
 * process would have.
 */
function supervise(count: number) {
  let stopping = false;
  const listening = new Set<number>();
  cluster.on("listening", (worker) => listening.add(worker.id));
  cluster.on("exit", (worker, code, signal) => {
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    if (!listening.has(worker.id)) {
      stopping = true;
      for (const other of Object.values(cluster.workers ?? {})) other?.kill("SIGTERM");
      process.exit(code || 1);
    }
    log.error("server_process_died", { pid: worker.process.pid, code, signal });
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill("SIGTERM");
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  for (let i = 0; i < count; i++) cluster.fork();
}

function main() {
  let count = 1;
  try {
    if (cluster.isPrimary) count = webConcurrency();
  } catch (error) {
    log.error("configuration_refused", { message: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  }
  if (count > 1) supervise(count);
  else
    serve().catch((error: unknown) => {
      log.error("server_failed", { message: error instanceof Error ? error.message : String(error) });
      process.exit(1);
    });
}

main();
