import { NextResponse, type NextRequest } from "next/server";
import { log } from "../log";
import { ApiError } from "./api-error";

/** Wraps a route handler: ApiError → its 4xx JSON, anything else → a logged 500 without internals. */
export function route<Ctx>(handler: (request: NextRequest, context: Ctx) => Promise<Response>) {
  return async (request: NextRequest, context: Ctx): Promise<Response> => {
    try {
      return await handler(request, context);
    } catch (error) {
      if (error instanceof ApiError) {
        log.info("request_refused", { method: request.method, path: request.nextUrl.pathname, status: error.status, code: error.code });
        return NextResponse.json(error.toJSON(), { status: error.status, headers: error.headers });
      }
      log.error("request_failed", { method: request.method, path: request.nextUrl.pathname, error });
      return NextResponse.json({ error: { code: "internal", message: "Something went wrong on our side." } }, { status: 500 });
    }
  };
}
