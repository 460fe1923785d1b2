// Splits a byte stream into lines in bounded memory: a line over the limit is reported, not buffered.
import { decodeWindows1252 } from "./encoding.ts";

export type Line = { n: number; text: string } | { n: number; tooLong: true };

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** UTF-8 if valid, else windows-1252; a byte split on "\n" never cuts a UTF-8 character. */
function decodeLine(parts: Buffer[], n: number): string {
  const buf = parts.length === 1 ? parts[0] : Buffer.concat(parts);
  const start = n === 1 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
  const end = buf.length > start && buf[buf.length - 1] === 0x0d ? buf.length - 1 : buf.length;
  const bytes = buf.subarray(start, end);
  try {
    return utf8.decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

/** Yields every line (1-based `n`) of `chunks`; lines longer than `maxBytes` come back as `tooLong`. */
export async function* splitLines(chunks: AsyncIterable<Buffer | string>, maxBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let n = 0;
  const finish = (): Line => {
    n++;
    const line: Line = tooLong ? { n, tooLong: true } : { n, text: decodeLine(parts, n) };
    parts = [];
    size = 0;
    tooLong = false;
    return line;
  };
  const add = (piece: Buffer) => {
    if (tooLong) return;
    size += piece.length;
    if (size > maxBytes) {
      tooLong = true;
      parts = []; // drop what we have: memory stays bounded by maxBytes
    } else parts.push(piece);
  };
  for await (const chunk of chunks) {
    const buf = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    let from = 0;
    for (let nl = buf.indexOf(0x0a, from); nl >= 0; nl = buf.indexOf(0x0a, from)) {
      add(buf.subarray(from, nl));
      yield finish();
      from = nl + 1;
    }
    // copy the tail so the stream's chunk can be released
    if (from < buf.length) add(Buffer.from(buf.subarray(from)));
  }
  if (size > 0 || tooLong) yield finish();
}
