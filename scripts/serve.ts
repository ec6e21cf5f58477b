import { createServer } from "node:http";
import { markPeerAddressStamped, trustedProxyHops } from "../lib/http/client-address";
import { log } from "../lib/log";

/**
 * `npm start`: the production build behind a plain Node HTTP server, for one reason Next's own
 * `next start` cannot serve: it keeps a client-sent X-Forwarded-For, so per-client rate limits
 * could be dodged by writing the header. Here, with no trusted proxy (TRUST_PROXY=0), the header
 * is replaced by the socket's address; behind N trusted proxies it is left to them.
 */
const PORT = Number(process.env.PORT ?? 3000);
const HOSTNAME = process.env.HOSTNAME ?? "0.0.0.0";

async function main() {
  (process.env as Record<string, string | undefined>).NODE_ENV ??= "production";
  const hops = trustedProxyHops();
  const { default: next } = await import("next");
  const app = next({ dev: false, hostname: HOSTNAME, port: PORT });
  const handle = app.getRequestHandler();
  await app.prepare();
  markPeerAddressStamped();
  const server = createServer((request, response) => {
    if (hops === 0) request.headers["x-forwarded-for"] = request.socket.remoteAddress ?? "";
    void handle(request, response);
  });
  server.listen(PORT, HOSTNAME, () => log.info("server_ready", { port: PORT, trustedProxies: hops }));
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

main().catch((error: unknown) => {
  log.error("server_failed", { message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
