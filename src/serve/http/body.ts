// Reading a request body with a byte limit enforced while reading (413 as soon as it is passed) and strict UTF-8.
import { HttpError } from "./errors.ts";

/** 413; the connection is closed after it, since the unread rest of the body cannot be skipped cheaply. */
export function tooLarge(max: number): HttpError {
  return new HttpError(413, `request body too large (limit ${max} bytes)`, { Connection: "close" });
}

/** The body as text; 413 when Content-Length or the bytes read exceed `max`, 400 when it is not UTF-8. */
export async function readBody(req: Request, max: number): Promise<string> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > max) throw tooLarge(max);
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new HttpError(400, "request body is not valid UTF-8");
  }
}
