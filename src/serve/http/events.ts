// GET /api/events (GeoJSON with paging: one feature per record, or per fused event with fused=true),
// GET /api/events/:id (the full record with its evidence) and GET /api/fused/:id (a fused event, all its evidence).
import type { Hono } from "hono";
import { type Document, type Modality, PLOVER_TYPES } from "../../model/types.ts";
import type { EventFilter, Store } from "../../store/interface.ts";
import { fusedFeature, withFusedRef } from "../export/fused.ts";
import { toFeature } from "../export/geojson.ts";
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

/** The store filter (no paging) for a query string, `min_sources` included; bad values → 400. */
export function eventFilter(q: Query): EventFilter {
  const filter: EventFilter = {
    bbox: parseBBox(q("bbox")),
    from: q("from"),
    to: q("to"),
    type: parseEnumList("type", q("type"), PLOVER_TYPES, (s) => s.toUpperCase()),
    acledType: parseString("acled", q("acled")),
    actor: parseString("actor", q("actor")),
    modality: parseEnumList("modality", q("modality"), MODALITIES, (s) => s.toLowerCase()),
    text: parseString("q", q("q")),
    minSources: parseInteger("min_sources", q("min_sources"), 1, 100),
  };
  return validFilter(filter);
}

/** `fused=true|false` (also 1/0); absent is false. */
export function parseFused(value: string | undefined): boolean {
  if (value === undefined || value === "false" || value === "0") return false;
  if (value === "true" || value === "1") return true;
  throw new HttpError(400, "fused must be true or false");
}

/** One page from a store query; one row more than asked tells whether a next page exists. */
async function page<T>(
  query: (f: EventFilter) => Promise<T[]>,
  filter: EventFilter,
  { limit, offset }: { limit: number; offset: number },
): Promise<{ rows: T[]; more: boolean }> {
  const rows = await query({ ...filter, limit: limit + 1, offset });
  return { rows: rows.slice(0, limit), more: rows.length > limit };
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

function collection(features: object[], returned: number, more: boolean, paging: { limit: number; offset: number }) {
  const body = {
    type: "FeatureCollection",
    features,
    paging: {
      limit: paging.limit,
      offset: paging.offset,
      returned,
      unlocated: returned - features.length,
      next: more ? paging.offset + returned : null,
    },
  };
  return JSON.stringify(body);
}

const GEOJSON = { "Content-Type": "application/geo+json; charset=utf-8" };

export function eventRoutes(app: Hono, store: Store): void {
  app.get("/api/events", async (c) => {
    const q = queryOf(c.req.url);
    const filter = eventFilter(q);
    const paging = parsePaging(q);
    if (parseFused(q("fused"))) {
      const { rows, more } = await page((f) => store.queryFused(f), filter, paging);
      const features = rows.map(fusedFeature).filter((f) => f !== null);
      return c.body(collection(features, rows.length, more, paging), 200, GEOJSON);
    }
    const { rows, more } = await page((f) => store.queryEvents(f), filter, paging);
    const docs = await documentsOf(store, rows);
    const fused = await store.fusedOf(rows.map((e) => e.id));
    const features = rows.flatMap((e) => {
      const f = toFeature(e, docs.get(e.doc));
      return f ? [withFusedRef(f, fused.get(e.id))] : [];
    });
    return c.body(collection(features, rows.length, more, paging), 200, GEOJSON);
  });

  app.get("/api/events/:id", async (c) => {
    const event = await store.getEvent(c.req.param("id"));
    if (!event) throw new HttpError(404, "no such event");
    return c.json(event);
  });

  app.get("/api/fused/:id", async (c) => {
    const found = await store.getFused(c.req.param("id"));
    if (!found) throw new HttpError(404, "no such fused event");
    return c.json({ ...found.fused, records: found.records });
  });
}
