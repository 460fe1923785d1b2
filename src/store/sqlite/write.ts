// Writing one document and its records: prepared statements, in a transaction of their own or the caller's.

import type { Database, Statement } from "better-sqlite3";
import type { DocumentRegions } from "../../ground/outlets.ts";
import type { ControlRecord, Document, EventRecord, Evidence, OutputRecord } from "../../model/types.ts";
import { dayRange } from "../days.ts";
import { regionRows } from "../outlet-rows.ts";

export type PutDocument = (doc: Document, records: OutputRecord[], regions?: DocumentRegions) => boolean;

export interface Writer {
  /** Stores a document in its own IMMEDIATE transaction (a savepoint when one is already open). */
  put: PutDocument;
  /**
   * The same writes inside the caller's open transaction, with no savepoint: cheaper (FTS5 flushes its pending
   * index data at every savepoint), but a throw leaves partial writes that the caller must roll back.
   */
  putInTransaction: PutDocument;
}

/** Prepares the statements once and returns the writers (see Writer). */
export function prepareWriter(db: Database): Writer {
  const exists = db.prepare("SELECT 1 FROM documents WHERE id = ? OR content_hash = ? LIMIT 1").pluck();
  const insertDoc = db.prepare(
    `INSERT INTO documents (id, content_hash, title, url, published, outlet, origin, text, ingested_at)
     VALUES (@id, @contentHash, @title, @url, @published, @outlet, @origin, @text, @ingestedAt)`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO events (id, doc_id, type, modality, acled_event_type, acled_sub_event_type, lat, lon, radius_km,
       precision, time_start, time_end, fatalities, confidence, record_json)
     VALUES (@id, @doc, @type, @modality, @acledType, @acledSub, @lat, @lon, @radiusKm, @precision, @timeStart,
       @timeEnd, @fatalities, @confidence, @json)`,
  );
  const insertEventBox = db.prepare(
    "INSERT INTO events_rtree (id, min_lat, max_lat, min_lon, max_lon) VALUES (?, ?, ?, ?, ?)",
  );
  const insertEventDays = db.prepare("INSERT INTO events_days (id, min_day, max_day) VALUES (?, ?, ?)");
  const insertEventSpaceTime = db.prepare(
    "INSERT INTO events_space_time (id, min_lat, max_lat, min_lon, max_lon, min_day, max_day) VALUES (?, ?, ?, ?, ?, ?, ?)",
  );
  const insertActor = db.prepare(
    `INSERT INTO event_actors (event_id, name, canonical, role, inter, country, search)
     VALUES (@eventId, @name, @canonical, @role, @inter, @country, @search)`,
  );
  const insertControl = db.prepare(
    `INSERT INTO controls (id, doc_id, place_name, lat, lon, holder_name, holder_canonical, modality, time_start,
       time_end, place_search, holder_search, record_json)
     VALUES (@id, @doc, @placeName, @lat, @lon, @holderName, @holderCanonical, @modality, @timeStart, @timeEnd,
       @placeSearch, @holderSearch, @json)`,
  );
  const insertControlBox = db.prepare(
    "INSERT INTO controls_rtree (id, min_lat, max_lat, min_lon, max_lon) VALUES (?, ?, ?, ?, ?)",
  );
  const insertRegion = db.prepare("INSERT INTO outlet_regions (doc_id, outlet, region) VALUES (?, ?, ?)");
  const insertEvidence = db.prepare(
    `INSERT INTO evidence (event_id, control_id, doc_id, start, "end", text)
     VALUES (@eventId, @controlId, @doc, @start, @end, @text)`,
  );

  const putEvidence = (evidence: Evidence[], owner: { eventId: string | null; controlId: string | null }) => {
    for (const e of evidence) insertEvidence.run({ ...owner, doc: e.doc, start: e.start, end: e.end, text: e.text });
  };

  const putEvent = (r: EventRecord) => {
    const loc = r.location;
    const { lastInsertRowid } = insertEvent.run({
      id: r.id,
      doc: r.doc,
      type: r.type,
      modality: r.modality,
      acledType: r.acled?.event_type ?? null,
      acledSub: r.acled?.sub_event_type ?? null,
      lat: loc?.lat ?? null,
      lon: loc?.lon ?? null,
      radiusKm: loc?.radius_km ?? null,
      precision: loc?.precision ?? null,
      timeStart: r.time.start,
      timeEnd: r.time.end,
      fatalities: r.fatalities,
      confidence: r.confidence,
      json: JSON.stringify(r),
    });
    putBox(insertEventBox, lastInsertRowid, loc?.lat, loc?.lon);
    const days = dayRange(r.time.start, r.time.end);
    if (days) {
      insertEventDays.run(lastInsertRowid, ...days);
      if (loc?.lat != null && loc.lon != null)
        insertEventSpaceTime.run(lastInsertRowid, loc.lat, loc.lat, loc.lon, loc.lon, ...days);
    }
    for (const a of r.actors) {
      insertActor.run({
        eventId: r.id,
        name: a.name,
        canonical: a.canonical,
        role: a.role,
        inter: a.inter,
        country: a.country,
        search: `${a.name}\n${a.canonical}`.toLowerCase(),
      });
    }
    putEvidence(r.evidence, { eventId: r.id, controlId: null });
  };

  const putControl = (r: ControlRecord) => {
    const { lastInsertRowid } = insertControl.run({
      id: r.id,
      doc: r.doc,
      placeName: r.place.name,
      lat: r.place.lat,
      lon: r.place.lon,
      holderName: r.holder.name,
      holderCanonical: r.holder.canonical,
      modality: r.modality,
      timeStart: r.time.start,
      timeEnd: r.time.end,
      placeSearch: r.place.name.toLowerCase(),
      holderSearch: `${r.holder.name}\n${r.holder.canonical}`.toLowerCase(),
      json: JSON.stringify(r),
    });
    putBox(insertControlBox, lastInsertRowid, r.place.lat, r.place.lon);
    putEvidence(r.evidence, { eventId: null, controlId: r.id });
  };

  const write = (doc: Document, records: OutputRecord[], regions?: DocumentRegions): boolean => {
    if (exists.get(doc.id, doc.contentHash)) return false;
    insertDoc.run({
      id: doc.id,
      contentHash: doc.contentHash,
      title: doc.title ?? null,
      url: doc.url ?? null,
      published: doc.published ?? null,
      outlet: doc.outlet ?? null,
      origin: doc.origin,
      text: doc.text,
      ingestedAt: new Date().toISOString(),
    });
    for (const r of records) {
      if (r.kind === "event") putEvent(r);
      else putControl(r);
    }
    if (regions) for (const region of regionRows(regions)) insertRegion.run(doc.id, regions.outlet, region);
    return true;
  };
  const put = db.transaction(write);

  return {
    put(doc, records, regions) {
      checkOwner(doc, records);
      return put.immediate(doc, records, regions);
    },
    putInTransaction(doc, records, regions) {
      if (!db.inTransaction) throw new Error("putInTransaction needs an open transaction");
      checkOwner(doc, records);
      return write(doc, records, regions);
    },
  };
}

/** Prepares the statements once and returns a function that stores a document in one IMMEDIATE transaction. */
export function preparePut(db: Database): PutDocument {
  return prepareWriter(db).put;
}

function checkOwner(doc: Document, records: OutputRecord[]): void {
  const stray = records.find((r) => r.doc !== doc.id);
  if (stray) throw new Error(`record ${stray.id} belongs to document ${stray.doc}, not ${doc.id}`);
}

function putBox(
  stmt: Statement,
  rowid: number | bigint,
  lat: number | null | undefined,
  lon: number | null | undefined,
) {
  if (lat == null || lon == null) return;
  stmt.run(rowid, lat, lat, lon, lon);
}
