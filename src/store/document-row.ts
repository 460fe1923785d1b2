// A stored document as both backends read it back: its columns, and the Document they make.
import type { Document } from "../model/types.ts";

export interface DocumentRow {
  id: string;
  content_hash: string;
  title: string | null;
  url: string | null;
  published: string | null;
  outlet: string | null;
  origin: string;
  text: string;
}

export function toDocument(row: DocumentRow): Document {
  const doc: Document = { id: row.id, text: row.text, origin: row.origin, contentHash: row.content_hash };
  if (row.title !== null) doc.title = row.title;
  if (row.url !== null) doc.url = row.url;
  if (row.published !== null) doc.published = row.published;
  if (row.outlet !== null) doc.outlet = row.outlet;
  return doc;
}
