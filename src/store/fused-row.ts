// What every backend stores of a fused event: a few columns to filter and order by, and the FusedEvent as JSON.
import type { DocMeta, FusedEvent } from "../fuse/index.ts";
import type { EventRecord } from "../model/types.ts";

export interface FusedRow {
  id: string;
  type: string;
  modality: string;
  lat: number | null;
  lon: number | null;
  /** The cluster's time (the members' common window), else its representative's. */
  timeStart: string | null;
  timeEnd: string | null;
  members: number;
  sources: number;
  json: string;
}

export function fusedRow(ev: FusedEvent): FusedRow {
  const rep = ev.representative.time;
  return {
    id: ev.id,
    type: ev.type,
    modality: ev.modality,
    lat: ev.location?.lat ?? null,
    lon: ev.location?.lon ?? null,
    timeStart: ev.time?.start ?? rep.start ?? rep.end,
    timeEnd: ev.time?.end ?? rep.end ?? rep.start,
    members: ev.members.length,
    sources: ev.sources,
    json: JSON.stringify(ev),
  };
}

/** Characters of a document's text fusion needs: its dateline ("BEIRUT (Reuters) -") is in the first 240. */
export const DATELINE_CHARS = 300;

/** A document's fusion metadata from its stored columns (`head`: the first DATELINE_CHARS of its text). */
export function docMeta(published: string | null, outlet: string | null, head: string | null): DocMeta {
  const meta: DocMeta = {};
  if (published) meta.published = published;
  if (outlet) meta.outlet = outlet;
  if (head) meta.text = head;
  return meta;
}

/** An event record as both backends read it for fusion, with what fusion needs of its document. */
export interface RecordRow {
  record_json: string;
  doc_id: string;
  published: string | null;
  outlet: string | null;
  head: string | null;
}

/** The SELECT list of a RecordRow, over `events e JOIN documents d` (the same SQL in both backends). */
export const RECORD_COLUMNS = `e.record_json, e.doc_id, d.published, d.outlet, substr(d.text, 1, ${DATELINE_CHARS}) AS head`;

/**
 * Records a fusion pass reads and fuses at a time: a first pass over a million stored records would otherwise
 * hold them all as objects at once (gigabytes) besides the state. Chunks are taken in storing order, as separate
 * ingests would have brought them.
 */
export const FUSION_CHUNK = 20_000;

/** The row's record; its document's metadata goes into `docs` the first time. */
export function toRecord(row: RecordRow, docs: Map<string, DocMeta>): EventRecord {
  if (!docs.has(row.doc_id)) docs.set(row.doc_id, docMeta(row.published, row.outlet, row.head));
  return JSON.parse(row.record_json) as EventRecord;
}
