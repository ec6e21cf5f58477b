import { Agent, request as httpRequest } from "node:http";
import { connect } from "node:net";
import { expect, test } from "@playwright/test";
import { DRAIN_BYTES } from "@/lib/http/read-json";

/**
 * Plain HTTP/1.1 against the production server, no browser: a 413 for an oversized chunked body
 * must not poison the kept-alive connection. POST /api/auth/verify reads its body first, capped at
 * 16 KiB. Before the fix the connection stalled after the 413 and was reset about 6 s later
 * (Node's keep-alive timeout + 1 s), failing the next request on it with ECONNRESET.
 */
const CAP = 16 * 1024;

interface Reply {
  status: number;
  connection: string | undefined;
  body: string;
  reusedSocket: boolean;
}

/** One request on `agent`; a body is sent chunked (else `end(body)` would declare its Content-Length). */
function send(agent: Agent, url: URL, method: string, body?: Buffer): Promise<Reply> {
  return new Promise((resolve, reject) => {
    // A write as our pages send it (same-origin JSON), or the guard refuses it before reading the body.
    const headers = body ? { "content-type": "application/json", origin: url.origin, "transfer-encoding": "chunked" } : {};
    const req = httpRequest(url, { method, agent, headers });
    req.on("error", reject);
    req.on("response", (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("error", reject);
      res.on("end", () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection, body: text, reusedSocket: req.reusedSocket }));
    });
    req.end(body);
  });
}

test("after a 413 for a chunked body under the drain limit, the next request reuses the connection", async ({ baseURL }) => {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const refused = await send(agent, new URL("/api/auth/verify", baseURL), "POST", Buffer.alloc(DRAIN_BYTES / 2, "x"));
    expect(refused).toMatchObject({ status: 413, connection: "keep-alive" });
    expect(refused.body).toContain("payload_too_large");

    const next = await send(agent, new URL("/api/auth/nonce", baseURL), "GET");
    expect(next).toMatchObject({ status: 200, reusedSocket: true });
  } finally {
    agent.destroy();
  }
});

test("a chunked body past the drain limit gets its 413 with Connection: close, and the server closes", async ({ baseURL }) => {
  const { hostname, port } = new URL(baseURL ?? "");
  const socket = connect(Number(port), hostname);
  let received = "";
  socket.setEncoding("latin1");
  socket.on("data", (chunk: string) => (received += chunk));
  socket.on("error", () => {}); // a reset after the response is fine: only what arrived before it counts
  const closed = new Promise<void>((resolve) => socket.once("close", () => resolve()));

  const origin = new URL(baseURL ?? "").origin;
  socket.write(`POST /api/auth/verify HTTP/1.1\r\nHost: ${hostname}:${port}\r\nOrigin: ${origin}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`);
  // More than the cap plus the drain limit, then nothing: no final chunk, so only the server can end this.
  const piece = "x".repeat(64 * 1024);
  for (let sent = 0; sent <= CAP + DRAIN_BYTES; sent += piece.length) socket.write(`${piece.length.toString(16)}\r\n${piece}\r\n`);

  const outcome = await Promise.race([closed.then(() => "closed"), new Promise<string>((resolve) => setTimeout(() => resolve("still open"), 3_000))]);
  socket.destroy();
  expect(received).toMatch(/^HTTP\/1\.1 413 /);
  expect(received).toMatch(/\r\nconnection: close\r\n/i);
  expect(received).toContain("payload_too_large");
  expect(outcome).toBe("closed");
});
