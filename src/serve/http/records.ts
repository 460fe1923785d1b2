// The stored records of one document. The Store has no by-document query yet, so this is a stop-gap built on
// the filters it has: events through full-text search (the document's own longest words, ANDed, always match
// the document, which selects all its events; the result is then filtered by `doc`), control claims by a
// chunked scan filtered by `doc`. Both are exact; the scan costs O(stored claims).
import type { ControlRecord, Document, EventRecord } from "../../model/types.ts";
import type { Store } from "../../store/interface.ts";

const SEARCH_WORDS = 8;
const SCAN_CHUNK = 2000;
const ASCII_PUNCT_EDGES = /^[!-/:-@[-`{-~]+|[!-/:-@[-`{-~]+$/g;

/**
 * Up to `n` of the document's longest distinct words, for a selective AND search. Only whitespace-separated
 * words made of letters and digits (ASCII punctuation around them trimmed) are used, so each is a whole token
 * for the FTS tokenizer too and the document always matches its own words.
 */
export function searchWords(doc: Document, n = SEARCH_WORDS): string[] {
  const words = new Map<string, string>(); // case-folded → as written (FTS folds case itself)
  for (const raw of `${doc.title ?? ""} ${doc.text}`.split(/\s+/)) {
    const w = raw.replace(ASCII_PUNCT_EDGES, "");
    if (/^[\p{L}\p{N}]+$/u.test(w) && !words.has(w.toLowerCase())) words.set(w.toLowerCase(), w);
  }
  return [...words.values()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).slice(0, n);
}

export async function documentEvents(store: Store, doc: Document): Promise<EventRecord[]> {
  const words = searchWords(doc);
  if (!words.length) return []; // an empty query would match every event
  const found = await store.queryEvents({ text: words.join(" ") });
  return found.filter((e) => e.doc === doc.id);
}

export async function documentControls(store: Store, doc: Document): Promise<ControlRecord[]> {
  const out: ControlRecord[] = [];
  for (let offset = 0; ; offset += SCAN_CHUNK) {
    const rows = await store.queryControl({ limit: SCAN_CHUNK, offset });
    for (const r of rows) if (r.doc === doc.id) out.push(r);
    if (rows.length < SCAN_CHUNK) return out;
  }
}
