// Reading one input (a path, or a stream such as stdin) and handing its content to the right reader.
import { createReadStream } from "node:fs";
import { open, readFile, stat } from "node:fs/promises";
import { extname } from "node:path";
import type { Document, InputError } from "../model/types.ts";
import { inputError } from "./document.ts";
import { declaredCharset, decodeBuffer, sniffBinary } from "./encoding.ts";
import { readFeed } from "./feed.ts";
import { readHtml } from "./html.ts";
import { readJsonl } from "./jsonl.ts";
import { formatBytes, type Limits } from "./limits.ts";
import { type Format, formatFromExtension, sniffFormat } from "./sniff.ts";
import { readText } from "./text.ts";

type Item = Document | InputError;
const HEAD = 8192;

function fsMessage(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  if (code === "EISDIR") return "is a directory, skipped";
  return `cannot read (${code ?? (e as Error).message})`;
}

function binaryMessage(head: Uint8Array, ext: string, known: boolean): string | undefined {
  const bin = sniffBinary(head);
  if (!bin) return undefined;
  if (bin.looksLike) return `binary file (looks like ${bin.looksLike}), skipped`;
  return !known && ext ? `unsupported file type ${ext} (binary content), skipped` : "binary file, skipped";
}

async function readHead(path: string): Promise<Buffer> {
  const fh = await open(path, "r");
  try {
    const buf = Buffer.alloc(HEAD);
    const { bytesRead } = await fh.read(buf, 0, HEAD, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/** Decodes a whole input and runs the reader for its format (given, or sniffed from the text). */
function* fromBuffer(buf: Buffer, origin: string, format: Format | undefined, limits: Limits): Generator<Item> {
  const text = decodeBuffer(buf, declaredCharset(buf));
  if (!text.trim()) return yield inputError(origin, "empty file");
  switch (format ?? sniffFormat(text, false)) {
    case "html":
      return yield readHtml(text, origin, limits.maxHtmlDepth);
    case "feed":
      return yield* readFeed(text, origin, limits.maxHtmlDepth);
    default:
      return yield readText(text, origin);
  }
}

/** Reads a file by path; never throws for a bad file, it yields an InputError instead. */
export async function* readPath(path: string, limits: Limits): AsyncGenerator<Item> {
  let st: Awaited<ReturnType<typeof stat>>;
  try {
    st = await stat(path);
  } catch (e) {
    return yield inputError(path, fsMessage(e));
  }
  if (st.isDirectory()) return yield inputError(path, "is a directory, skipped");
  const ext = extname(path).toLowerCase();
  const format = formatFromExtension(ext);
  if (!st.isFile()) return yield* readStream(createReadStream(path), path, limits, format); // a pipe or device
  if (st.size === 0) return yield inputError(path, "empty file");
  if (format !== "jsonl" && st.size > limits.maxFileBytes) {
    return yield inputError(
      path,
      `file too large (${formatBytes(st.size)}, limit ${formatBytes(limits.maxFileBytes)}), skipped`,
    );
  }
  const binary = binaryMessage(await readHead(path), ext, format !== undefined);
  if (binary) return yield inputError(path, binary);
  if (format === "jsonl") {
    return yield* readJsonl(createReadStream(path, { highWaterMark: 1 << 20 }), path, limits.maxLineBytes);
  }
  yield* fromBuffer(await readFile(path), path, format, limits);
}

const toBuffer = (c: Buffer | string): Buffer => (typeof c === "string" ? Buffer.from(c, "utf8") : c);

/** The chunks already taken, then the rest of the iterator. */
async function* chain(head: Buffer[], rest: AsyncIterator<Buffer | string> | null): AsyncGenerator<Buffer> {
  yield* head;
  if (!rest) return;
  try {
    for (let r = await rest.next(); !r.done; r = await rest.next()) yield toBuffer(r.value);
  } finally {
    await rest.return?.();
  }
}

/**
 * Reads a stream (stdin, a pipe): sniffs the first 8 KB, streams JSONL line by line, and reads anything else
 * whole, up to the file size limit.
 */
export async function* readStream(
  stream: NodeJS.ReadableStream,
  origin: string,
  limits: Limits,
  format?: Format,
): AsyncGenerator<Item> {
  const it = stream[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < HEAD) {
    const r = await it.next();
    if (r.done) {
      done = true;
      break;
    }
    const b = toBuffer(r.value);
    head.push(b);
    size += b.length;
  }
  const first = Buffer.concat(head);
  if (size === 0) return yield inputError(origin, "empty input");
  const binary = binaryMessage(first, "", true);
  if (binary) {
    await it.return?.();
    return yield inputError(origin, binary);
  }
  const fmt = format ?? sniffFormat(decodeBuffer(first.subarray(0, 4096)), true);
  const chunks = chain(head, done ? null : it);
  if (fmt === "jsonl") return yield* readJsonl(chunks, origin, limits.maxLineBytes);
  const parts: Buffer[] = [];
  let total = 0;
  for await (const b of chunks) {
    total += b.length;
    if (total > limits.maxFileBytes) {
      return yield inputError(origin, `input too large (over ${formatBytes(limits.maxFileBytes)}), skipped`);
    }
    parts.push(b);
  }
  yield* fromBuffer(Buffer.concat(parts), origin, fmt, limits);
}
