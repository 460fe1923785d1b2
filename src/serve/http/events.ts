// GET /api/events (GeoJSON with paging) and GET /api/events/:id (the full record with its evidence).
import type { Hono } from "hono";
import { type Document, type EventRecord, type Modality, PLOVER_TYPES } from "../../model/types.ts";
import type { EventFilter, Store } from "../../store/interface.ts";
import { unique } from "../export/fields.ts";
import { type PointFeature, toFeature } from "../export/geojson.ts";
import { HttpError } from "./errors.ts";
import {
  parseBBox,
  parseEnumList,
  parseInteger,
  parsePaging,
  parseString,
  type Query,
  queryOf,
  validFilter,
} from "./query.ts";

const MODALITY_SET: Record<Modality, true> = {
  occurred: true,
  ongoing: true,
  planned: true,
  expected: true,
  speculative: true,
  denied: true,
};
export const MODALITIES = Object.keys(MODALITY_SET) as Modality[];

/** Rows read per store call while scanning for `min_sources`. */
const SCAN_CHUNK = 1000;

export interface EventPage {
  events: EventRecord[];
  /** Whether more matching events follow this page. */
  more: boolean;
}

/** The store filter (no paging) and the `min_sources` threshold for a query string; bad values → 400. */
export function eventFilter(q: Query): { filter: EventFilter; minSources: number | undefined } {
  const filter: EventFilter = {
    bbox: parseBBox(q("bbox")),
    from: q("from"),
    to: q("to"),
    type: parseEnumList("type", q("type"), PLOVER_TYPES, (s) => s.toUpperCase()),
    acledType: parseString("acled", q("acled")),
    actor: parseString("actor", q("actor")),
    modality: parseEnumList("modality", q("modality"), MODALITIES, (s) => s.toLowerCase()),
    text: parseString("q", q("q")),
  };
  return { filter: validFilter(filter), minSources: parseInteger("min_sources", q("min_sources"), 1, 100) };
}

/** Distinct sources of an event: its attribution chain plus the outlet (a first approximation). */
export function sourceCount(e: EventRecord): number {
  return unique([...e.source.chain, e.source.outlet ?? ""]).length;
}

/**
 * One page of events. Without `minSources` the store pages directly (one row more tells whether a next page
 * exists); with it, the store is scanned in chunks and `offset`/`limit` count the events that pass.
 */
export async function eventPage(
  store: Store,
  filter: EventFilter,
  paging: { limit: number; offset: number },
  minSources?: number,
): Promise<EventPage> {
  const { limit, offset } = paging;
  if (minSources === undefined) {
    const rows = await store.queryEvents({ ...filter, limit: limit + 1, offset });
    return { events: rows.slice(0, limit), more: rows.length > limit };
  }
  const events: EventRecord[] = [];
  let passed = 0;
  for (let at = 0; ; at += SCAN_CHUNK) {
    const rows = await store.queryEvents({ ...filter, limit: SCAN_CHUNK, offset: at });
    for (const e of rows) {
      if (sourceCount(e) < minSources) continue;
      if (passed++ < offset) continue;
      if (events.length === limit) return { events, more: true };
      events.push(e);
    }
    if (rows.length < SCAN_CHUNK) return { events, more: false };
  }
}

/** The documents of these records by id (for outlet, title, url, publication date). */
async function documentsOf(store: Store, records: { doc: string }[]): Promise<Map<string, Document>> {
  const docs = new Map<string, Document>();
  for (const id of new Set(records.map((r) => r.doc))) {
    const d = await store.getDocument(id);
    if (d) docs.set(id, { ...d, text: "" });
  }
  return docs;
}

export function eventRoutes(app: Hono, store: Store): void {
  app.get("/api/events", async (c) => {
    const q = queryOf(c.req.url);
    const { filter, minSources } = eventFilter(q);
    const paging = parsePaging(q);
    const { events, more } = await eventPage(store, filter, paging, minSources);
    const docs = await documentsOf(store, events);
    const features = events.map((e) => toFeature(e, docs.get(e.doc))).filter((f): f is PointFeature => f !== null);
    const body = {
      type: "FeatureCollection",
      features,
      paging: {
        limit: paging.limit,
        offset: paging.offset,
        returned: events.length,
        unlocated: events.length - features.length,
        next: more ? paging.offset + events.length : null,
      },
    };
    return c.body(JSON.stringify(body), 200, { "Content-Type": "application/geo+json; charset=utf-8" });
  });

  app.get("/api/events/:id", async (c) => {
    const event = await store.getEvent(c.req.param("id"));
    if (!event) throw new HttpError(404, "no such event");
    return c.json(event);
  });
}
