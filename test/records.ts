// Test helper: builders for EventRecord fixtures and their actors, locations, spans and evidence.
import assert from "node:assert/strict";
import type { Document, EventActor, EventRecord, Evidence, LocationField, Span } from "../src/model/types.ts";

/** The span of `phrase` in `text` (which must contain it). */
export function spanOf(text: string, phrase: string): Span {
  const start = text.indexOf(phrase);
  assert.ok(start >= 0, phrase);
  return { start, end: start + phrase.length };
}

/** One evidence span: `phrase` as it stands in `doc`. */
export function evidenceOf(doc: Document, phrase: string): Evidence[] {
  return [{ doc: doc.id, ...spanOf(doc.text, phrase), text: phrase }];
}

/** A gazetteer-precision location with a 5 km radius, spanning its name from 0. */
export function location(name: string, lat: number, lon: number, country = "SY"): LocationField {
  return { name, lat, lon, radius_km: 5, precision: 1, country, start: 0, end: name.length };
}

/** An actor without a country, spanning its name from 0. */
export function actorOf(name: string, canonical: string, role: EventActor["role"], inter = 1): EventActor {
  return { name, canonical, country: null, inter, role, start: 0, end: name.length };
}

/** An occurred ASSAULT of `doc` with nothing else known (confidence 0.7), then `over`. */
export function eventRecord(id: string, doc: Document, over: Partial<EventRecord>): EventRecord {
  return {
    kind: "event",
    id,
    doc: doc.id,
    type: "ASSAULT",
    modality: "occurred",
    acled: null,
    actors: [],
    location: null,
    origin: null,
    time: { text: null, start: null, end: null, precision: null },
    size: null,
    fatalities: null,
    source: { outlet: doc.outlet ?? null, chain: [] },
    evidence: [],
    confidence: 0.7,
    trigger: { text: "", start: 0, end: 0 },
    ...over,
  };
}
