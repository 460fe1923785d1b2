// HTTP errors as JSON: `{ "error": "message" }` with a status; never a stack trace in a response.
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** An error meant for the client: its message is sent as is, with `status`. */
export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function jsonError(c: Context, status: ContentfulStatusCode, message: string, headers?: Record<string, string>) {
  return c.json({ error: message }, status, headers);
}

/** The app's onError: client errors keep their message; anything else is a 500 logged by `log`. */
export function errorHandler(log: (err: unknown) => void) {
  return (err: Error, c: Context) => {
    if (err instanceof HttpError) return jsonError(c, err.status, err.message, err.headers);
    if (err instanceof HTTPException) {
      return jsonError(c, err.status as ContentfulStatusCode, err.message || statusText(err.status));
    }
    log(err);
    return jsonError(c, 500, "internal server error");
  };
}

function statusText(status: number): string {
  return status === 413 ? "payload too large" : status === 404 ? "not found" : `error ${status}`;
}
