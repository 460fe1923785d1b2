// JSONL reader: one document per line, streamed line by line; a bad line is an InputError `file.jsonl:N`.
import type { Document, InputError } from "../model/types.ts";
import { documentFromText, inputError } from "./document.ts";
import { formatBytes } from "./limits.ts";
import { splitLines } from "./lines.ts";

const OPTIONAL = ["title", "url", "published", "outlet"] as const;

/** JSON.parse's message, short: "Unexpected token } at column 40", without the echo of the input. */
function jsonMessage(e: unknown): string {
  const msg = (e as Error).message ?? String(e);
  return msg
    .replace(/, ".*" is not valid JSON$/s, "")
    .replace(/ in JSON at position (\d+)(?: \(line \d+ column \d+\))?/, (_, p) => ` at column ${Number(p) + 1}`)
    .replace(/^Unexpected end of JSON input$/, "unexpected end of line");
}

/** Parses one JSONL line into a Document, or says what is wrong with it. */
export function parseJsonlLine(line: string, origin: string): Document | InputError {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    return inputError(origin, `not valid JSON (${jsonMessage(e)})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return inputError(origin, "not a JSON object");
  }
  const rec = value as Record<string, unknown>;
  if (typeof rec.text !== "string" || !rec.text.trim()) {
    return inputError(origin, rec.text === undefined ? 'no "text" field' : '"text" is empty or not a string');
  }
  const id = rec.id;
  if (id !== undefined && id !== null && typeof id !== "string" && typeof id !== "number") {
    return inputError(origin, '"id" is not a string');
  }
  const meta: Record<string, string | undefined> = {};
  for (const key of OPTIONAL) if (typeof rec[key] === "string") meta[key] = rec[key] as string;
  return documentFromText(rec.text, { ...meta, origin, id: id === undefined || id === null ? undefined : String(id) });
}

/** Reads a JSONL stream; `name` is the file name used in origins ("fakes.jsonl:12"). */
export async function* readJsonl(
  chunks: AsyncIterable<Buffer | string>,
  name: string,
  maxLineBytes: number,
): AsyncGenerator<Document | InputError> {
  let any = false;
  for await (const line of splitLines(chunks, maxLineBytes)) {
    const origin = `${name}:${line.n}`;
    if ("tooLong" in line) {
      any = true;
      yield inputError(origin, `line too long (over ${formatBytes(maxLineBytes)}), skipped`);
      continue;
    }
    if (!line.text.trim()) continue;
    any = true;
    yield parseJsonlLine(line.text, origin);
  }
  if (!any) yield inputError(name, "empty file");
}
