import "server-only";
import { revalidateTag } from "next/cache";
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { findSession, SESSION_COOKIE, type SignedIn } from "../auth/session";
import { stakeCheck } from "../accounts/profile";
import { currentStakeReader } from "../chain/current";
import { appOrigins, secureCookies } from "../config/app-origins";
import { requireCurator, requireValidator } from "../curation/eligibility";
import { getDb, type Db } from "../db/client";
import { isTransientDatabaseError } from "../db/unavailable";
import { log } from "../log";
import { ApiError, unauthorized } from "./api-error";
import { clientAddress } from "./client-address";
import { PUBLIC_CORS_HEADERS } from "./cors";
import { DECLARED_LENGTH_HEADER } from "./declared-length";
import { takeRateLimit } from "./rate-limit";
import type { RateLimitName } from "./rate-limit-rules";
import { readJson } from "./read-json";
import { assertSameOriginJson, isStateChanging } from "./same-origin";
import { HSTS } from "./security-headers";

/** Who may call: anyone, any signed-in account, or a validator or curator. */
export type Auth = "public" | "session" | "validator" | "curator";

type Schema = z.ZodType | undefined;
type Parsed<S extends Schema> = S extends z.ZodType ? z.infer<S> : undefined;

export type RouteSpec<A extends Auth, B extends Schema, Q extends Schema, P extends Schema> = {
  auth: A;
  /** The rate limit this endpoint counts against (lib/http/rate-limit.ts). */
  limit: RateLimitName;
  /** A JSON body, validated; refused past maxBytes (default 16 KiB). */
  body?: B;
  maxBytes?: number;
  /** Search parameters, validated. */
  query?: Q;
  /** Path parameters, validated: a malformed one is a 404. */
  params?: P;
  /** Cache tags of data this endpoint changes (e.g. the landing counts): dropped from this process's cache after each 2xx answer. */
  revalidates?: readonly string[];
  /** Public data any site's page may read (lib/http/cors.ts): only for `auth: "public"`, and sent only on GET, HEAD and OPTIONS. */
  cors?: A extends "public" ? true : never;
};

export type RouteContext<A extends Auth, B extends Schema, Q extends Schema, P extends Schema> = {
  request: NextRequest;
  db: Db;
  session: A extends "public" ? null : SignedIn;
  body: Parsed<B>;
  query: Parsed<Q>;
  params: Parsed<P>;
};

type NextContext = { params: Promise<Record<string, string | string[] | undefined>> };

/**
 * The one guard every route handler goes through, declared beside the handler:
 * `route({ auth: "validator", body: voteSchema, limit: "votes" }, handler)`. In order:
 * a state-changing request must be same-origin JSON (403 cross_site); the session is read; the
 * rate limit counts the address and the client (429); no session → 401; the role is checked
 * (403); path, query and body are validated (404/400/413); then the handler runs. Refusals are
 * `{error:{code,message,field?}}`; a database that cannot be reached (or rolled back a conflict) is a 503 with Retry-After;
 * anything else is a logged 500 that shows nothing of the request. Public data (`cors: true`) is shared with any
 * origin on GET, HEAD and OPTIONS (`export const OPTIONS = route(spec, preflight)` answers a browser's preflight).
 */
export function route<A extends Auth, B extends Schema = undefined, Q extends Schema = undefined, P extends Schema = undefined>(
  spec: RouteSpec<A, B, Q, P>,
  handler: (context: RouteContext<A, B, Q, P>) => Promise<Response>,
) {
  return async (request: NextRequest, next?: NextContext): Promise<Response> => {
    try {
      if (isStateChanging(request.method)) assertSameOriginJson(request.headers, appOrigins());
      const db = await getDb();
      const session = spec.auth === "public" ? null : await findSession(db, request.cookies.get(SESSION_COOKIE)?.value);
      await takeRateLimit(db, spec.limit, { address: session?.address, client: clientAddress(request.headers) });
      if (spec.auth !== "public" && !session) throw unauthorized();
      if (spec.auth === "validator" && session) await requireValidator(session, stakeCheck(db, currentStakeReader()));
      if (spec.auth === "curator" && session) requireCurator(session);
      const params = spec.params ? parseParams(spec.params, (await next?.params) ?? {}) : undefined;
      const query = spec.query ? parseQuery(spec.query, request.nextUrl.searchParams) : undefined;
      const body = spec.body ? await readJson(request, spec.body, spec.maxBytes ?? 16 * 1024) : undefined;
      const response = await handler({ request, db, session, body, query, params } as RouteContext<A, B, Q, P>);
      if (response.ok) revalidate(spec.revalidates ?? []);
      return finish(spec, request, response);
    } catch (error) {
      return finish(spec, request, errorResponse(request, error));
    }
  };
}

/** Headers every answer of the guard gets: HSTS, CORS where the spec shares the data (refusals too, so a notebook can read why), a declared length. */
function finish(spec: { auth: Auth; cors?: true }, request: NextRequest, response: Response): Response {
  withTransportSecurity(response);
  if (spec.cors && spec.auth === "public" && !isStateChanging(request.method)) for (const [name, value] of Object.entries(PUBLIC_CORS_HEADERS)) response.headers.set(name, value);
  const length = response.headers.get("content-length");
  if (length !== null) response.headers.set(DECLARED_LENGTH_HEADER, length);
  return response;
}

/**
 * `expire: 0`: the next read in this process waits for fresh data, so whoever wrote sees the
 * write. Outside Next (a test or script calling the handler) there is no cache to drop.
 */
function revalidate(tags: readonly string[]): void {
  for (const tag of tags) {
    try {
      revalidateTag(tag, { expire: 0 });
    } catch {
      return;
    }
  }
}

/** HSTS on API answers too when the app is configured for https (pages get it from proxy.ts). */
function withTransportSecurity(response: Response): Response {
  if (secureCookies()) response.headers.set("strict-transport-security", HSTS);
  return response;
}

function parseParams(schema: z.ZodType, raw: Record<string, unknown>): unknown {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new ApiError(404, "not_found", "Nothing is at this address.");
  return parsed.data;
}

function parseQuery(schema: z.ZodType, search: URLSearchParams): unknown {
  const parsed = schema.safeParse(Object.fromEntries(search));
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new ApiError(400, "invalid_input", issue?.message ?? "Invalid query.", issue?.path.map(String).join(".") || undefined);
}

function errorResponse(request: NextRequest, error: unknown): Response {
  const where = { method: request.method, path: request.nextUrl.pathname };
  if (error instanceof ApiError) {
    log.info("request_refused", { ...where, status: error.status, code: error.code });
    return NextResponse.json(error.toJSON(), { status: error.status, headers: error.headers });
  }
  if (isTransientDatabaseError(error)) {
    log.warn("database_unavailable", { ...where, error });
    return NextResponse.json(
      { error: { code: "unavailable", message: "The service is briefly unavailable; nothing was changed. Try again in a few seconds." } },
      { status: 503, headers: { "retry-after": "2" } },
    );
  }
  log.error("request_failed", { ...where, error });
  return NextResponse.json({ error: { code: "internal", message: "Something went wrong on our side." } }, { status: 500 });
}
