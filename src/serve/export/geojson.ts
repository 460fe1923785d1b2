// GeoJSON (RFC 7946): a FeatureCollection of Points in WGS84 [lon, lat], no `crs` member. Events and control
// claims with coordinates become features (`kind` tells them apart); records without coordinates are left out.
// Every feature carries the same flat property names with one type each (string, number or null), which is what
// QGIS/OGR needs to build one attribute table; nested values are flattened or given as JSON strings.
// The record id is the Feature's `id` (RFC 7946 §3.2; GDAL shows a string id as a field named "id") and is
// repeated as the property `record_id` for clients that only read properties.
import type { ControlRecord, Document, EventRecord, OutputRecord } from "../../model/types.ts";
import { actorColumns, actorLabel, actorList, datePart, evidenceText, sourceText } from "./fields.ts";
import { type DocLookup, jsonArrayWriter, type Writer, writeAll } from "./writer.ts";

export interface PointFeature {
  type: "Feature";
  id: string;
  geometry: { type: "Point"; coordinates: [number, number] };
  properties: Record<string, string | number | null>;
}

/** The property names, in order; every feature has all of them. */
export const GEOJSON_PROPERTIES = [
  "kind",
  "record_id",
  "doc",
  "type",
  "modality",
  "acled_event_type",
  "acled_sub_event_type",
  "actor1",
  "assoc_actor_1",
  "actor2",
  "assoc_actor_2",
  "actors_json",
  "holder",
  "holder_canonical",
  "basis",
  "location",
  "precision",
  "radius_km",
  "country",
  "admin1",
  "other_locations",
  "origin",
  "origin_lat",
  "origin_lon",
  "date",
  "time_start",
  "time_end",
  "time_text",
  "time_precision",
  "fatalities",
  "size_min",
  "size_max",
  "size_unit",
  "confidence",
  "outlet",
  "source",
  "evidence_text",
  "evidence_start",
  "evidence_end",
  "trigger",
  "title",
  "url",
  "published",
] as const;

type Properties = Record<(typeof GEOJSON_PROPERTIES)[number], string | number | null>;

/** A Point feature for a record with coordinates, else null. */
export function toFeature(record: OutputRecord, doc?: Document): PointFeature | null {
  const place = record.kind === "event" ? record.location : record.place;
  if (!place || !Number.isFinite(place.lat) || !Number.isFinite(place.lon)) return null;
  const props = Object.fromEntries(GEOJSON_PROPERTIES.map((k) => [k, null])) as Properties;
  Object.assign(props, {
    kind: record.kind,
    record_id: record.id,
    doc: record.doc,
    modality: record.modality,
    location: place.name,
    precision: place.precision ?? null,
    radius_km: place.radius_km ?? null,
    country: place.country ?? null,
    admin1: place.admin1 ?? null,
    date: datePart(record.time.start ?? record.time.end),
    time_start: record.time.start,
    time_end: record.time.end,
    time_text: record.time.text,
    time_precision: record.time.precision ?? null,
    outlet: record.source.outlet ?? doc?.outlet ?? null,
    source: sourceText(record, doc) || null,
    evidence_text: evidenceText(record) || null,
    evidence_start: record.evidence[0]?.start ?? null,
    evidence_end: record.evidence[0]?.end ?? null,
    title: doc?.title ?? null,
    url: doc?.url ?? null,
    published: doc?.published ?? null,
  });
  Object.assign(props, record.kind === "event" ? eventProperties(record) : controlProperties(record));
  return {
    type: "Feature",
    id: record.id,
    geometry: { type: "Point", coordinates: [place.lon as number, place.lat as number] },
    properties: props,
  };
}

function eventProperties(e: EventRecord): Partial<Properties> {
  const { actor1, assoc1, actor2, assoc2 } = actorColumns(e);
  return {
    type: e.type,
    acled_event_type: e.acled?.event_type ?? null,
    acled_sub_event_type: e.acled?.sub_event_type ?? null,
    actor1: actorLabel(actor1) || null,
    assoc_actor_1: actorList(assoc1) || null,
    actor2: actorLabel(actor2) || null,
    assoc_actor_2: actorList(assoc2) || null,
    actors_json: JSON.stringify(e.actors),
    other_locations: e.locations?.length ? e.locations.map((l) => l.name).join("; ") : null,
    // Where a movement came from, so that a map can draw it without reading the full record.
    origin: e.origin?.name ?? null,
    origin_lat: e.origin?.lat ?? null,
    origin_lon: e.origin?.lon ?? null,
    fatalities: e.fatalities,
    size_min: e.size?.min ?? null,
    size_max: e.size?.max ?? null,
    size_unit: e.size?.unit ?? null,
    confidence: e.confidence,
    trigger: e.trigger.text,
  };
}

function controlProperties(c: ControlRecord): Partial<Properties> {
  return { holder: c.holder.name, holder_canonical: c.holder.canonical, basis: c.basis };
}

export function geojsonWriter(docs?: DocLookup): Writer {
  return jsonArrayWriter('{"type":"FeatureCollection","features":[', "]}", (r) => toFeature(r, docs?.get(r.doc)));
}

export function toGeoJson(records: OutputRecord[], docs?: DocLookup): string {
  return writeAll(geojsonWriter(docs), records);
}
