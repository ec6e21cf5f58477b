import type { ServerResponse } from "node:http";

/**
 * Next drops Content-Length from every route answer (send-response.ts, in case it decoded the body),
 * so files would go out chunked and HEAD without a length: range readers (DuckDB's httpfs, fsspec)
 * then download whole files. The route guard repeats a known length under this name and `npm start`
 * (scripts/serve.ts) turns it back into Content-Length.
 */
export const DECLARED_LENGTH_HEADER = "x-declared-content-length";

/** Makes `response` send a declared length as Content-Length when its headers go out. */
export function restoreDeclaredLength(response: ServerResponse): void {
  const writeHead = response.writeHead;
  response.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse["writeHead"]>) {
    const declared = String(this.getHeader(DECLARED_LENGTH_HEADER) ?? "");
    this.removeHeader(DECLARED_LENGTH_HEADER);
    if (/^\d+$/.test(declared)) this.setHeader("content-length", declared);
    return writeHead.apply(this, args);
  } as ServerResponse["writeHead"];
}
