import { setMaxListeners } from "node:events";
import { setTimeout as sleep } from "node:timers/promises";
import type { Hex } from "viem";
import { z } from "zod";
import { postJson, signedSubmission, type SignedInClient } from "../bench/app-client";
import { LOCAL_CHAIN_ID } from "../chain/config";
import { signedVoteRequest } from "../curation/vote-typed-data";

export type Endpoint = "POST /api/submissions" | "GET /api/queue" | "POST /api/votes";
export const ENDPOINTS: Endpoint[] = ["POST /api/submissions", "GET /api/queue", "POST /api/votes"];

/** One request: its times (performance.now() ms), how it ended, and the `error.code` of a refusal's body. */
export type RequestRecord = {
  endpoint: Endpoint;
  start: number;
  end: number;
  status: number | "network error" | "timeout";
  code?: string;
  retryAfter: boolean;
};
export type VoteKey = { submissionId: string; validator: string };

/** Everything the clients saw: every request, and every write the app acknowledged with a 201. */
export type LoadLog = { requests: RequestRecord[]; submissions: string[]; votes: VoteKey[] };

export type LoadOptions = { base: string; contributors: SignedInClient[]; validators: SignedInClient[]; until: number; signal: AbortSignal };

/** A request stuck this long counts as a failure: a client would have given up. */
const REQUEST_TIMEOUT_MS = 30_000;
/** After a failed request a client waits this long, so an outage is not a busy loop of refusals. */
const BACKOFF_MS = 100;

const created = z.object({ id: z.string() });
const refusal = z.object({ error: z.object({ code: z.string() }) });
const queuePage = z.object({ items: z.array(z.object({ id: z.string(), contentHash: z.custom<Hex>((v) => typeof v === "string" && /^0x[0-9a-f]{64}$/.test(v)) })) });

/**
 * Runs every contributor and validator loop until `until` (performance.now() ms) or the signal
 * aborts. Node's fetch (undici) keeps connections alive, so each client reuses its socket.
 */
export async function runLoad(options: LoadOptions): Promise<LoadLog> {
  const log: LoadLog = { requests: [], submissions: [], votes: [] };
  // Each client has at most one request and one pause listening to the shared signal: not a leak.
  setMaxListeners(2 * (options.contributors.length + options.validators.length), options.signal);
  await Promise.all([
    ...options.contributors.map((client, index) => contributor(options, log, client, index)),
    ...options.validators.map((client) => validator(options, log, client)),
  ]);
  return log;
}

type Answer = { status: number; body: string };

/** Sends one request and records it; null when no HTTP answer came (the failure is recorded). */
async function timed(options: LoadOptions, log: LoadLog, endpoint: Endpoint, send: (signal: AbortSignal) => Promise<Response>): Promise<Answer | null> {
  const start = performance.now();
  try {
    const response = await send(AbortSignal.any([options.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]));
    const body = await response.text();
    const retryAfter = response.headers.has("retry-after");
    const code = response.ok ? undefined : parseBody(refusal, body)?.error.code;
    log.requests.push({ endpoint, start, end: performance.now(), status: response.status, code, retryAfter });
    if (response.status >= 500) await sleep(BACKOFF_MS, undefined, { signal: options.signal });
    return { status: response.status, body };
  } catch (error) {
    options.signal.throwIfAborted();
    const status = error instanceof DOMException && error.name === "TimeoutError" ? "timeout" : "network error";
    log.requests.push({ endpoint, start, end: performance.now(), status, retryAfter: false });
    await sleep(BACKOFF_MS, undefined, { signal: options.signal });
    return null;
  }
}

function parseBody<T>(schema: z.ZodType<T>, text: string): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const running = (options: LoadOptions) => performance.now() < options.until && !options.signal.aborted;

async function contributor(options: LoadOptions, log: LoadLog, client: SignedInClient, index: number) {
  for (let n = 0; running(options); n++) {
    const body = await signedSubmission(client.account, soakText(index, n), ["soak"], Math.floor(Date.now() / 1000));
    const answer = await timed(options, log, "POST /api/submissions", (signal) => postJson(options.base, "/api/submissions", client.cookie, body, signal));
    if (answer?.status !== 201) continue;
    // An acknowledgment that names no id cannot be checked afterwards: it is counted as missing.
    log.submissions.push(parseBody(created, answer.body)?.id ?? "(201 without an id)");
  }
}

async function validator(options: LoadOptions, log: LoadLog, client: SignedInClient) {
  const address = client.account.address.toLowerCase();
  while (running(options)) {
    const answer = await timed(options, log, "GET /api/queue", (signal) =>
      fetch(`${options.base}/api/queue?limit=10`, { headers: { cookie: client.cookie }, signal }),
    );
    const items = (answer?.status === 200 && parseBody(queuePage, answer.body)?.items) || [];
    // Early in the run the queue is empty: poll again shortly rather than spin.
    if (answer?.status === 200 && items.length === 0) await sleep(BACKOFF_MS, undefined, { signal: options.signal });
    for (const { id, contentHash } of items) {
      if (!running(options)) break;
      const verdict = Math.random() < 0.8 ? "accept" : "reject";
      const vote = { submissionId: id, contentHash, verdict, quality: 1 + Math.floor(Math.random() * 5), flags: [] } as const;
      const body = JSON.stringify(await signedVoteRequest(client.account, vote, LOCAL_CHAIN_ID));
      const answer = await timed(options, log, "POST /api/votes", (signal) => postJson(options.base, "/api/votes", client.cookie, body, signal));
      if (answer?.status === 201) log.votes.push({ submissionId: id, validator: address });
    }
  }
}

const WORDS = (
  "river archive method signal harbor lantern theory garden circuit meadow ledger compass orbit canvas " +
  "protocol village engine mirror thread summit quarry beacon fabric anchor window season kernel valley " +
  "marble journal pattern rhythm channel forest crystal bridge cipher meter vessel plateau grammar census " +
  "tide furnace ballad spindle quartz prairie lattice tundra parcel verdict mosaic ember glacier cascade"
).split(" ");

/** English-looking text, unique per (client, n) and unlike every other item, so neither duplicate check interferes. */
function soakText(client: number, n: number): string {
  const words = Array.from({ length: 60 }, () => WORDS[Math.floor(Math.random() * WORDS.length)]);
  return `Soak note ${client}.${n}: the ${words.join(" ")}.`;
}
