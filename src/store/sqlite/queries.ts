// Filters to SQL: each filter adds one WHERE clause with named, bound parameters (never string-spliced values).
import { filterDays } from "../days.ts";
import type { BBox, ControlFilter, EventFilter } from "../interface.ts";

export interface Query {
  sql: string;
  params: Record<string, string | number>;
}

/** `shelling Palmyra*` → `"shelling" "palmyra"*`: every word quoted (so FTS5 syntax cannot break), ANDed. */
export function ftsQuery(text: string): string | null {
  const terms = text
    .split(/\s+/)
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .map((w) => {
      const prefix = w.length > 1 && w.endsWith("*");
      const word = prefix ? w.slice(0, -1) : w;
      return `"${word.replaceAll('"', '""')}"${prefix ? "*" : ""}`;
    });
  return terms.length ? terms.join(" ") : null;
}

/**
 * Clauses shared by events (alias e) and controls (alias c): bbox through the R-tree (float32, rounded outward,
 * so it gives a superset) plus an exact check on the stored coordinates; dates as range overlap.
 */
function commonClauses(alias: "e" | "c", rtree: string, f: EventFilter | ControlFilter, q: Query, where: string[]) {
  // events in a period (and a box): the time (space-time) tree narrows by both (days a day wider than asked)
  const days = alias === "e" && (f.from !== undefined || f.to !== undefined) ? filterDays(f.from, f.to) : null;
  if (f.bbox) addBBox(alias, days ? "events_space_time" : rtree, f.bbox, q, where, days);
  else if (days) {
    Object.assign(q.params, { fromDay: days.from, toDay: days.to });
    where.push(`${alias}.seq IN (SELECT r.id FROM events_days r WHERE r.max_day >= @fromDay AND r.min_day <= @toDay)`);
  }
  const start = `COALESCE(${alias}.time_start, ${alias}.time_end)`;
  const end = `COALESCE(${alias}.time_end, ${alias}.time_start)`;
  if (f.from !== undefined) {
    // Day granularity: "from 2017-01-14T12:00" keeps an event dated "2017-01-14".
    q.params.from = f.from.slice(0, 10);
    where.push(`substr(${end}, 1, 10) >= @from`);
  }
  if (f.to !== undefined) {
    // Prefix comparison: "to 2017-01" keeps everything that starts in January 2017 or before.
    q.params.to = f.to.slice(0, 10);
    where.push(`substr(${start}, 1, length(@to)) <= @to`);
  }
}

function addBBox(
  alias: "e" | "c",
  rtree: string,
  [west, south, east, north]: BBox,
  q: Query,
  where: string[],
  days: { from: number; to: number } | null = null,
) {
  Object.assign(q.params, { west, south, east, north });
  if (days) Object.assign(q.params, { fromDay: days.from, toDay: days.to });
  const inPeriod = days ? " AND r.max_day >= @fromDay AND r.min_day <= @toDay" : "";
  const wraps = west > east; // crosses the antimeridian
  const boxLon = wraps ? "(r.max_lon >= @west OR r.min_lon <= @east)" : "r.max_lon >= @west AND r.min_lon <= @east";
  const exactLon = wraps ? `(${alias}.lon >= @west OR ${alias}.lon <= @east)` : `${alias}.lon BETWEEN @west AND @east`;
  where.push(
    `${alias}.seq IN (SELECT r.id FROM ${rtree} r WHERE r.max_lat >= @south AND r.min_lat <= @north AND ${boxLon}${inPeriod})`,
    `${alias}.lat BETWEEN @south AND @north AND ${exactLon}`,
  );
}

function inList(column: string, name: string, values: string[], q: Query): string {
  const names = values.map((v, i) => {
    q.params[`${name}${i}`] = v;
    return `@${name}${i}`;
  });
  return `${column} IN (${names.join(", ")})`;
}

function finish(
  select: string,
  where: string[],
  alias: "e" | "c" | "f",
  f: { limit?: number; offset?: number },
  q: Query,
) {
  q.params.limit = f.limit ?? -1;
  q.params.offset = f.offset ?? 0;
  const start = `COALESCE(${alias}.time_start, ${alias}.time_end)`;
  q.sql = `${select}${where.length ? ` WHERE ${where.join(" AND ")}` : ""}
    ORDER BY ${start} IS NULL, ${start}, ${alias}.seq LIMIT @limit OFFSET @offset`;
  return q;
}

/** The WHERE clauses of an event filter over `events e` (paging aside). */
function eventClauses(f: EventFilter, q: Query): string[] {
  const where: string[] = [];
  commonClauses("e", "events_rtree", f, q, where);
  if (f.type?.length) where.push(inList("e.type", "type", f.type, q));
  if (f.modality?.length) where.push(inList("e.modality", "modality", f.modality, q));
  if (f.acledType) {
    q.params.acled = f.acledType.toLowerCase();
    where.push("(lower(e.acled_event_type) = @acled OR lower(e.acled_sub_event_type) = @acled)");
  }
  if (f.actor) {
    q.params.actor = f.actor.toLowerCase();
    where.push("EXISTS (SELECT 1 FROM event_actors a WHERE a.event_id = e.id AND instr(a.search, @actor) > 0)");
  }
  const text = f.text === undefined ? null : ftsQuery(f.text);
  if (text) {
    q.params.text = text;
    where.push(`(e.id IN (SELECT x.event_id FROM evidence_fts JOIN evidence x ON x.seq = evidence_fts.rowid
                         WHERE evidence_fts MATCH @text AND x.event_id IS NOT NULL)
              OR e.doc_id IN (SELECT d.id FROM documents_fts JOIN documents d ON d.seq = documents_fts.rowid
                              WHERE documents_fts MATCH @text))`);
  }
  return where;
}

export function eventQuery(f: EventFilter): Query {
  const q: Query = { sql: "", params: {} };
  const where = eventClauses(f, q);
  if (f.minSources !== undefined) {
    q.params.minSources = f.minSources;
    where.push(`e.id IN (SELECT m.record_id FROM fused_events f JOIN fused_members m ON m.cluster_id = f.id
                         WHERE f.sources >= @minSources)`);
  }
  return finish("SELECT e.record_json FROM events e", where, "e", f, q);
}

/** Fused events with a member matching the filter; `minSources` applies to the fused event itself. */
export function fusedQuery(f: EventFilter): Query {
  const q: Query = { sql: "", params: {} };
  const members = eventClauses(f, q);
  const where: string[] = [];
  if (members.length) {
    where.push(`f.id IN (SELECT m.cluster_id FROM fused_members m JOIN events e ON e.id = m.record_id
                         WHERE ${members.join(" AND ")})`);
  }
  if (f.minSources !== undefined) {
    q.params.minSources = f.minSources;
    where.push("f.sources >= @minSources");
  }
  return finish("SELECT f.fused_json FROM fused_events f", where, "f", f, q);
}

export function controlQuery(f: ControlFilter): Query {
  const q: Query = { sql: "", params: {} };
  const where: string[] = [];
  commonClauses("c", "controls_rtree", f, q, where);
  if (f.place) {
    q.params.place = f.place.toLowerCase();
    where.push("instr(c.place_search, @place) > 0");
  }
  if (f.holder) {
    q.params.holder = f.holder.toLowerCase();
    where.push("instr(c.holder_search, @holder) > 0");
  }
  return finish("SELECT c.record_json FROM controls c", where, "c", f, q);
}
