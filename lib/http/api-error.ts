/** A refusal the client can act on: serialized as `{error:{code,message,field?}}` with a 4xx status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}) } };
  }
}

export const unauthorized = (message = "Sign in with your wallet first.") =>
  new ApiError(401, "unauthorized", message);
export const notFound = (message: string) => new ApiError(404, "not_found", message);
