// The whole per-document path in one call: annotate (recognisers in order) then assemble records.

import { performance } from "node:perf_hooks";
import { annotate, emptyAnnotations, PIPELINE, PLACES_PIPELINE } from "./annotate/pipeline.ts";
import { assemble } from "./assemble/index.ts";
import type { AnnotatedDocument, Document, OutputRecord, PlaceMention, PlaceRecord } from "./model/types.ts";

/** Milliseconds spent per stage: one key per recogniser (`tokens`, `places`, …) and `assemble`; summed over calls. */
export type StageTimings = Record<string, number>;

/**
 * Annotates and assembles one document. With `timings`, the time of each recogniser and of assembly is added
 * to it (same steps in the same order as without; only the clock reads are extra).
 */
export function extractDocument(
  doc: Document,
  timings?: StageTimings,
): { records: OutputRecord[]; annotated: AnnotatedDocument } {
  const annotated = annotateTimed(doc, PIPELINE, timings);
  if (!timings) return { records: assemble(annotated), annotated };
  const t = performance.now();
  const records = assemble(annotated);
  timings.assemble = (timings.assemble ?? 0) + performance.now() - t;
  return { records, annotated };
}

/** Only the recognisers `sitrep places` needs (PLACES_PIPELINE); read the result with `placeRecords`. */
export function extractPlaces(doc: Document, timings?: StageTimings): AnnotatedDocument {
  return annotateTimed(doc, PLACES_PIPELINE, timings);
}

function annotateTimed(doc: Document, pipeline: typeof PIPELINE, timings: StageTimings | undefined): AnnotatedDocument {
  if (!timings) return annotate(doc, pipeline);
  const annotated = emptyAnnotations(doc);
  let t = performance.now();
  for (const r of pipeline) {
    r.run(annotated);
    const now = performance.now();
    timings[r.name] = (timings[r.name] ?? 0) + now - t;
    t = now;
  }
  return annotated;
}

/** The `sitrep places` record of one toponym. */
export function placeRecord(doc: string, m: PlaceMention): PlaceRecord {
  return {
    doc,
    text: m.text,
    start: m.start,
    end: m.end,
    name: m.place?.name ?? null,
    lat: m.place?.lat ?? null,
    lon: m.place?.lon ?? null,
    geonameid: m.place?.geonameid ?? null,
    country: m.place?.country ?? null,
    admin1: m.place?.admin1 ?? null,
    feature: m.place?.feature ?? null,
    confidence: m.confidence,
  };
}

/** `sitrep places` records: every toponym, then every relative expression, in text order. */
export function placeRecords(ad: AnnotatedDocument): PlaceRecord[] {
  const out: PlaceRecord[] = ad.places.map((m) => placeRecord(ad.doc.id, m));
  for (const r of ad.relativePlaces) {
    const l = r.location;
    out.push({
      doc: ad.doc.id,
      text: r.text,
      start: r.start,
      end: r.end,
      name: l.name,
      lat: l.lat,
      lon: l.lon,
      geonameid: null,
      country: l.country ?? null,
      admin1: l.admin1 ?? null,
      feature: null,
      confidence: r.anchor.confidence,
      relative: {
        kind: r.kind,
        radius_km: l.radiusKm,
        precision: l.precision,
        anchor: r.anchor.place?.name ?? r.anchor.text,
        ...(l.bearingDeg !== undefined ? { bearing_deg: l.bearingDeg } : {}),
      },
    });
  }
  return out.sort((a, b) => a.start - b.start);
}
