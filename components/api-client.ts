/** The API's refusal body: `{error:{code,message,field?}}`. */
export type ApiErrorBody = { error?: { code?: string; message?: string; field?: string } };

/**
 * Every state-changing call from the browser: a JSON body declared as application/json, which
 * the server requires of writes (anything else is refused as cross-site).
 */
export function sendJson(path: string, body: unknown = {}, method: "POST" | "DELETE" = "POST"): Promise<Response> {
  return fetch(path, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

/** The refusal's message, or a generic one naming the status. */
export async function errorMessage(res: Response): Promise<string> {
  const body = (await res.json().catch(() => null)) as ApiErrorBody | null;
  return body?.error?.message ?? `Request failed (${res.status}).`;
}
