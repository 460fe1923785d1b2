// POST /api/ingest: documents as JSON {documents:[…]} or NDJSON, extracted and stored; needs the write token.
import { setImmediate as yieldToLoop } from "node:timers/promises";
import type { Hono } from "hono";
import { extractDocument } from "../../extract.ts";
import { DEFAULT_LIMITS, documentFromText, textLimitProblem } from "../../ingest/index.ts";
import type { Document, OutputRecord } from "../../model/types.ts";
import type { Store } from "../../store/interface.ts";
import { readBody } from "./body.ts";
import { HttpError } from "./errors.ts";
import { requireToken } from "./security.ts";

export interface IngestLimits {
  /** Request body, in bytes (default 10 MB). */
  maxBodyBytes: number;
  /** Documents per request (default 1000). */
  maxDocuments: number;
  /** One document's text, UTF-8 bytes (default 2 MB). */
  maxTextBytes: number;
}

const MB = 1024 * 1024;
export const DEFAULT_INGEST_LIMITS: Readonly<IngestLimits> = {
  maxBodyBytes: 10 * MB,
  maxDocuments: 1000,
  maxTextBytes: 2 * MB,
};

const NDJSON_TYPES = ["application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines"];
const META_FIELDS = ["id", "title", "url", "published", "outlet"] as const;
const MAX_META_CHARS = 2000;

export interface IngestResult {
  stored: number;
  skipped: number;
  errors: { index: number; message: string }[];
}

/** The items of the body: one per document, or an Error for an NDJSON line that is not JSON. */
export function parseItems(body: string, contentType: string | undefined, maxDocuments: number): unknown[] {
  const mime = (contentType ?? "application/json").split(";")[0].trim().toLowerCase();
  let items: unknown[];
  if (NDJSON_TYPES.includes(mime)) {
    const lines = body.split("\n").filter((l) => l.trim() !== "");
    if (lines.length > maxDocuments) throw tooMany(maxDocuments);
    items = lines.map((line) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        return new Error("line is not valid JSON");
      }
    });
  } else if (mime === "application/json") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new HttpError(400, "request body is not valid JSON");
    }
    const docs = (parsed as { documents?: unknown } | null)?.documents;
    if (!Array.isArray(docs)) throw new HttpError(400, 'body must be {"documents": [...]}');
    items = docs;
  } else {
    throw new HttpError(415, `Content-Type must be application/json or application/x-ndjson, not ${mime}`);
  }
  if (items.length > maxDocuments) throw tooMany(maxDocuments);
  return items;
}

function tooMany(max: number): HttpError {
  return new HttpError(413, `too many documents (at most ${max} per request)`);
}

/** A Document from one item, or the reason it is refused. */
export function toDocument(item: unknown, index: number, maxTextBytes: number): Document | string {
  if (item instanceof Error) return item.message;
  if (typeof item !== "object" || item === null || Array.isArray(item)) return "document must be an object";
  const o = item as Record<string, unknown>;
  if (typeof o.text !== "string" || o.text.trim() === "") return "text must be a non-empty string";
  if (Buffer.byteLength(o.text, "utf8") > maxTextBytes) return `text too large (limit ${maxTextBytes} bytes)`;
  const problem = textLimitProblem(o.text, { maxTextBytes, maxWordChars: DEFAULT_LIMITS.maxWordChars });
  if (problem) return problem;
  const meta: Record<string, string> = {};
  for (const key of META_FIELDS) {
    const v = o[key];
    if (v === undefined || v === null) continue;
    if (typeof v !== "string") return `${key} must be a string`;
    if (v.length > MAX_META_CHARS) return `${key} too long (at most ${MAX_META_CHARS} characters)`;
    meta[key] = v;
  }
  return documentFromText(o.text, { ...meta, origin: `api#${index}` });
}

/** Extraction for the ingest route: records of one document (it may run on a worker thread). */
export type Extractor = (doc: Document) => Promise<OutputRecord[]> | OutputRecord[];

/** Extraction on the calling thread: fine for tests and small stores, but it blocks reads while it runs. */
export const extractHere: Extractor = (doc) => extractDocument(doc).records;

/**
 * Extracts and stores each document in turn (with `extract`: on a worker thread in `sitrep serve`, so reads are
 * served meanwhile), yielding to the event loop between documents; then fuses.
 */
export async function ingestItems(
  store: Store,
  items: unknown[],
  maxTextBytes: number,
  extract: Extractor = extractHere,
): Promise<IngestResult> {
  const result: IngestResult = { stored: 0, skipped: 0, errors: [] };
  for (const [index, item] of items.entries()) {
    const doc = toDocument(item, index, maxTextBytes);
    if (typeof doc === "string") {
      result.errors.push({ index, message: doc });
      continue;
    }
    if ((await store.hasDocument(doc.id)) || (await store.hasDocument(doc.contentHash))) {
      result.skipped++;
      continue;
    }
    let records: OutputRecord[];
    try {
      records = await extract(doc);
    } catch (e) {
      result.errors.push({ index, message: `extraction failed: ${(e as Error).message ?? String(e)}` });
      continue;
    }
    const { inserted } = await store.putDocument(doc, records);
    if (inserted) result.stored++;
    else result.skipped++;
    await yieldToLoop();
  }
  if (result.stored) await store.fuse();
  return result;
}

export function ingestRoutes(
  app: Hono,
  store: Store,
  token: string | undefined,
  limits: IngestLimits,
  extract: Extractor = extractHere,
): void {
  app.post("/api/ingest", requireToken(token), async (c) => {
    const body = await readBody(c.req.raw, limits.maxBodyBytes);
    const items = parseItems(body, c.req.header("content-type"), limits.maxDocuments);
    return c.json(await ingestItems(store, items, limits.maxTextBytes, extract));
  });
}
