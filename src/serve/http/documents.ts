// GET /api/documents/:id: the document, its text and every evidence span of its records (JSON), or ?format=html.
import type { Hono } from "hono";
import type { Document, OutputRecord } from "../../model/types.ts";
import type { Store } from "../../store/interface.ts";
import { HttpError } from "./errors.ts";
import { documentHtml, type EvidenceSpan } from "./html.ts";
import { bad } from "./query.ts";
import { documentControls, documentEvents } from "./records.ts";

/** No script, no external anything: the page only needs its inline style. */
export const DOCUMENT_HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The evidence spans of the records that belong to `doc`, in text order. */
export function evidenceSpans(doc: Document, records: OutputRecord[]): EvidenceSpan[] {
  const spans: EvidenceSpan[] = [];
  for (const r of records) {
    for (const ev of r.evidence) {
      if (ev.doc === doc.id) spans.push({ start: ev.start, end: ev.end, kind: r.kind, record: r.id });
    }
  }
  return spans.sort((a, b) => a.start - b.start || a.end - b.end);
}

export function documentRoutes(app: Hono, store: Store): void {
  app.get("/api/documents/:id", async (c) => {
    const format = c.req.query("format") || "json";
    if (format !== "json" && format !== "html") throw bad("format must be json or html");
    const doc = await store.getDocument(c.req.param("id"));
    if (!doc) throw new HttpError(404, "no such document");
    const records: OutputRecord[] = [...(await documentEvents(store, doc)), ...(await documentControls(store, doc))];
    const spans = evidenceSpans(doc, records);
    if (format === "html") {
      return c.html(documentHtml(doc, spans), 200, { "Content-Security-Policy": DOCUMENT_HTML_CSP });
    }
    return c.json({ ...doc, spans });
  });
}
