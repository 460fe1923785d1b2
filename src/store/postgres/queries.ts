// Filters to SQL for PostgreSQL: each filter adds one WHERE clause with positional bound parameters ($1, $2, …);
// values are never spliced into the SQL text. Same semantics as the SQLite backend (src/store/sqlite/queries.ts).
import type { BBox, ControlFilter, EventFilter } from "../interface.ts";

export interface Query {
  sql: string;
  params: unknown[];
}

class Builder {
  readonly params: unknown[] = [];
  readonly where: string[] = [];
  /** Binds a value and returns its placeholder. */
  bind(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }
}

/**
 * `shelling Palmyra* Al-Mas*` → `('shelling') & ('palmyra':*) & ('al' <-> 'mas':*)`: the text of a to_tsquery
 * with every word ANDed, each word's letters/digits as single-quoted operands (so no tsquery syntax in the input
 * can take effect), a word split by punctuation as a phrase, and "word*" a prefix — as ftsQuery does for FTS5.
 */
export function tsQuery(text: string): string | null {
  const terms: string[] = [];
  for (const w of text.split(/\s+/)) {
    const parts = w.match(/[\p{L}\p{M}\p{N}]+/gu);
    if (!parts || !/[\p{L}\p{N}]/u.test(w)) continue;
    const prefix = w.length > 1 && w.endsWith("*");
    const ops = parts.map((p, i) => `'${p}'${prefix && i === parts.length - 1 ? ":*" : ""}`);
    terms.push(`(${ops.join(" <-> ")})`);
  }
  return terms.length ? terms.join(" & ") : null;
}

function commonClauses(alias: "e" | "c", f: EventFilter | ControlFilter, b: Builder) {
  if (f.bbox) addBBox(alias, f.bbox, b);
  const start = `COALESCE(${alias}.time_start, ${alias}.time_end)`;
  const end = `COALESCE(${alias}.time_end, ${alias}.time_start)`;
  if (f.from !== undefined) {
    // Day granularity: "from 2017-01-14T12:00" keeps an event dated "2017-01-14".
    b.where.push(`substr(${end}, 1, 10) >= ${b.bind(f.from.slice(0, 10))}::text COLLATE "C"`);
  }
  if (f.to !== undefined) {
    // Prefix comparison: "to 2017-01" keeps everything that starts in January 2017 or before.
    const to = b.bind(f.to.slice(0, 10));
    b.where.push(`substr(${start}, 1, length(${to}::text)) <= ${to}::text COLLATE "C"`);
  }
}

/** The box as one or two (across the antimeridian) PostGIS envelopes; `&&` on the GiST index is exact for points. */
function addBBox(alias: "e" | "c", [west, south, east, north]: BBox, b: Builder) {
  const box = (w: number, e: number) =>
    `${alias}.geom && ST_MakeEnvelope(${b.bind(w)}::float8, ${b.bind(south)}::float8, ${b.bind(e)}::float8, ${b.bind(north)}::float8, 4326)`;
  b.where.push(west > east ? `(${box(west, 180)} OR ${box(-180, east)})` : box(west, east));
}

function finish(select: string, alias: string, f: { limit?: number; offset?: number }, b: Builder): Query {
  const limit = b.bind(f.limit ?? null);
  const offset = b.bind(f.offset ?? 0);
  const start = `COALESCE(${alias}.time_start, ${alias}.time_end)`;
  const where = b.where.length ? ` WHERE ${b.where.join(" AND ")}` : "";
  return {
    sql: `${select}${where} ORDER BY ${start} IS NULL, ${start}, ${alias}.seq LIMIT ${limit}::bigint OFFSET ${offset}::bigint`,
    params: b.params,
  };
}

/** The WHERE clauses of an event filter over `events e` (paging aside), into `b`. */
function eventClauses(f: EventFilter, b: Builder): void {
  commonClauses("e", f, b);
  if (f.type?.length) b.where.push(`e.type = ANY(${b.bind(f.type)}::text[])`);
  if (f.modality?.length) b.where.push(`e.modality = ANY(${b.bind(f.modality)}::text[])`);
  if (f.acledType) {
    const p = b.bind(f.acledType.toLowerCase());
    b.where.push(`(lower(e.acled_event_type) = ${p} OR lower(e.acled_sub_event_type) = ${p})`);
  }
  if (f.actor) {
    const p = b.bind(f.actor.toLowerCase());
    b.where.push(`EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.id AND strpos(a.search, ${p}) > 0)`);
  }
  const text = f.text === undefined ? null : tsQuery(f.text);
  if (text) {
    const q = `to_tsquery('sitrep_fts', ${b.bind(text)})`;
    b.where.push(`(e.id IN (SELECT x.event_id FROM evidence x WHERE x.fts @@ ${q} AND x.event_id IS NOT NULL)
              OR e.doc_id IN (SELECT d.id FROM documents d WHERE d.fts @@ ${q}))`);
  }
}

export function eventQuery(f: EventFilter): Query {
  const b = new Builder();
  eventClauses(f, b);
  if (f.minSources !== undefined) {
    b.where.push(`e.id IN (SELECT m.record_id FROM fused_events f JOIN fused_members m ON m.cluster_id = f.id
                           WHERE f.sources >= ${b.bind(f.minSources)}::int)`);
  }
  return finish("SELECT e.record_json FROM events e", "e", f, b);
}

/** Fused events with a member matching the filter; `minSources` applies to the fused event itself. */
export function fusedQuery(f: EventFilter): Query {
  const members = new Builder();
  eventClauses(f, members);
  const b = new Builder();
  b.params.push(...members.params);
  if (members.where.length) {
    b.where.push(`f.id IN (SELECT m.cluster_id FROM fused_members m JOIN events e ON e.id = m.record_id
                           WHERE ${members.where.join(" AND ")})`);
  }
  if (f.minSources !== undefined) b.where.push(`f.sources >= ${b.bind(f.minSources)}::int`);
  return finish("SELECT f.fused_json FROM fused_events f", "f", f, b);
}

export function controlQuery(f: ControlFilter): Query {
  const b = new Builder();
  commonClauses("c", f, b);
  if (f.place) b.where.push(`strpos(c.place_search, ${b.bind(f.place.toLowerCase())}) > 0`);
  if (f.holder) b.where.push(`strpos(c.holder_search, ${b.bind(f.holder.toLowerCase())}) > 0`);
  return finish("SELECT c.record_json FROM controls c", "c", f, b);
}
