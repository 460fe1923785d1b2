// HTML rendering of a document with its evidence spans in <mark>; every piece of document text is escaped.
import type { Document } from "../../model/types.ts";

export interface EvidenceSpan {
  start: number;
  end: number;
  kind: "event" | "control";
  /** The record id. */
  record: string;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

/**
 * The text cut at every span boundary; each piece covered by spans is one <mark> listing the records (so
 * overlapping spans never nest or cross). Spans outside the text are clipped.
 */
export function markText(text: string, spans: EvidenceSpan[]): string {
  const valid = spans
    .map((s) => ({ ...s, start: Math.max(0, s.start), end: Math.min(text.length, s.end) }))
    .filter((s) => s.start < s.end);
  const cuts = [...new Set([0, text.length, ...valid.flatMap((s) => [s.start, s.end])])].sort((a, b) => a - b);
  let out = "";
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [from, to] = [cuts[i], cuts[i + 1]];
    const piece = escapeHtml(text.slice(from, to));
    const over = valid.filter((s) => s.start <= from && s.end >= to);
    if (!over.length) {
      out += piece;
      continue;
    }
    const kinds = [...new Set(over.map((s) => s.kind))].join(" ");
    const records = [...new Set(over.map((s) => s.record))].join(" ");
    out += `<mark class="${escapeHtml(kinds)}" data-records="${escapeHtml(records)}">${piece}</mark>`;
  }
  return out;
}

/** A standalone page: title, metadata, and the marked text. No script; meant to be served with a strict CSP. */
export function documentHtml(doc: Document, spans: EvidenceSpan[]): string {
  const meta = [doc.outlet, doc.published, doc.url].filter((v): v is string => Boolean(v)).map(escapeHtml);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(doc.title ?? doc.id)}</title>
<style>
body { font: 16px/1.5 system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }
.text { white-space: pre-wrap; }
mark.event { background: #ffe08a; }
mark.control { background: #b8e0ff; }
mark.event.control { background: #d7c6ff; }
.meta { color: #555; }
</style>
</head>
<body>
<h1>${escapeHtml(doc.title ?? doc.id)}</h1>
<p class="meta">${meta.join(" · ")}</p>
<div class="text">${markText(doc.text, spans)}</div>
</body>
</html>
`;
}
