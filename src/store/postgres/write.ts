// Writing one document and its records: one SQL statement, hence one transaction and one round trip. The
// document row is inserted with ON CONFLICT DO NOTHING (on id and on content_hash: a stored document is left as
// it is); each records table gets one multi-row INSERT … SELECT FROM unnest(…) in a data-modifying CTE that runs
// only when the document row was inserted. Foreign keys are checked at the end of the statement, when the rows of
// every CTE are in place; any error (a duplicate event id, a dropped connection) leaves nothing behind.
import type { QueryConfig, QueryResult, QueryResultRow } from "pg";
import type { DocumentRegions } from "../../ground/outlets.ts";
import type { ControlRecord, Document, EventRecord, Evidence, OutputRecord } from "../../model/types.ts";
import { regionRows } from "../outlet-rows.ts";

/** A pool or a client. */
export interface Queryable {
  query<R extends QueryResultRow>(config: QueryConfig): Promise<QueryResult<R>>;
}

/** Column name → PostgreSQL array type, in insert order; values are bound as one array per column. */
type Columns = Record<string, "text" | "float8" | "int4">;

class Rows {
  readonly values: unknown[][];
  constructor(
    readonly table: string,
    readonly columns: Columns,
  ) {
    this.values = Object.keys(columns).map(() => []);
  }
  push(...row: unknown[]) {
    row.forEach((v, i) => {
      this.values[i].push(v);
    });
  }
  get length() {
    return this.values[0].length;
  }
  /**
   * `INSERT … SELECT FROM unnest($n::t[], …) WITH ORDINALITY … ORDER BY ordinality` (rows keep their order, and
   * so their seq), binding this table's column arrays through `bind`; empty when there are no rows.
   */
  insert(bind: (v: unknown) => string, guard: string): string | null {
    if (!this.length) return null;
    const names = Object.keys(this.columns);
    const quoted = names.map((n) => `"${n}"`).join(", ");
    const arrays = names.map((n, i) => `${bind(this.values[i])}::${this.columns[n]}[]`).join(", ");
    return `INSERT INTO ${this.table} (${quoted})
      SELECT ${quoted} FROM unnest(${arrays}) WITH ORDINALITY AS t(${quoted}, ord) WHERE ${guard} ORDER BY ord`;
  }
}

const hasNul = (s: string | null | undefined) => s?.includes("\u0000") ?? false;

/** PostgreSQL text cannot hold U+0000: refuse such a document up front, with a message that says why. */
function checkText(doc: Document): void {
  const fields = [doc.id, doc.text, doc.title, doc.url, doc.published, doc.outlet, doc.origin, doc.contentHash];
  if (fields.some(hasNul)) {
    throw new Error(
      `document ${doc.id.replaceAll("\u0000", "\\0")} contains a NUL character, which PostgreSQL cannot store`,
    );
  }
}

/**
 * Stores `doc`, `records` and the document's outlet `regions` in one statement; false when the document was
 * already stored.
 */
export async function putDocument(
  client: Queryable,
  doc: Document,
  records: OutputRecord[],
  regions?: DocumentRegions,
): Promise<boolean> {
  const stray = records.find((r) => r.doc !== doc.id);
  if (stray) throw new Error(`record ${stray.id} belongs to document ${stray.doc}, not ${doc.id}`);
  checkText(doc);
  const params: unknown[] = [];
  const bind = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const docValues = [
    doc.id,
    doc.contentHash,
    doc.title ?? null,
    doc.url ?? null,
    doc.published ?? null,
    doc.outlet ?? null,
    doc.origin,
    doc.text,
  ].map(bind);
  const rows = collect(records);
  const outletRegions = new Rows("outlet_regions", { doc_id: "text", outlet: "text", region: "text" });
  if (regions) for (const region of regionRows(regions)) outletRegions.push(doc.id, regions.outlet, region);
  const tables = [rows.events, rows.actors, rows.controls, rows.evidence, outletRegions];
  const guard = "EXISTS (SELECT 1 FROM d)";
  const ctes = tables
    .map((r) => r.insert(bind, guard))
    .filter((sql) => sql !== null)
    .map((sql, i) => `, r${i} AS (${sql})`);
  const text = `WITH d AS (
       INSERT INTO documents (id, content_hash, title, url, published, outlet, origin, text)
       VALUES (${docValues.join(", ")}) ON CONFLICT DO NOTHING RETURNING 1)
     ${ctes.join("\n")}
     SELECT count(*)::int AS n FROM d`;
  // At most 32 texts (which tables get no rows): prepared once per connection, by name.
  const name = `sitrep_put_${ctes.length}_${tables.map((r) => (r.length ? 1 : 0)).join("")}`;
  const { rows: out } = await client.query<{ n: number }>({ name, text, values: params });
  return out[0].n === 1;
}

function collect(records: OutputRecord[]) {
  const events = new Rows("events", {
    id: "text",
    doc_id: "text",
    type: "text",
    modality: "text",
    acled_event_type: "text",
    acled_sub_event_type: "text",
    lat: "float8",
    lon: "float8",
    radius_km: "float8",
    precision: "int4",
    time_start: "text",
    time_end: "text",
    fatalities: "float8",
    confidence: "float8",
    record_json: "text",
  });
  const actors = new Rows("event_actors", {
    event_id: "text",
    name: "text",
    canonical: "text",
    role: "text",
    inter: "int4",
    country: "text",
    search: "text",
  });
  const controls = new Rows("controls", {
    id: "text",
    doc_id: "text",
    place_name: "text",
    lat: "float8",
    lon: "float8",
    holder_name: "text",
    holder_canonical: "text",
    modality: "text",
    time_start: "text",
    time_end: "text",
    place_search: "text",
    holder_search: "text",
    record_json: "text",
  });
  const evidence = new Rows("evidence", {
    event_id: "text",
    control_id: "text",
    doc_id: "text",
    start: "int4",
    end: "int4",
    text: "text",
  });
  const putEvidence = (list: Evidence[], eventId: string | null, controlId: string | null) => {
    for (const e of list) evidence.push(eventId, controlId, e.doc, e.start, e.end, e.text);
  };
  const putEvent = (r: EventRecord) => {
    const loc = r.location;
    const json = JSON.stringify(r);
    events.push(
      r.id,
      r.doc,
      r.type,
      r.modality,
      r.acled?.event_type ?? null,
      r.acled?.sub_event_type ?? null,
      loc?.lat ?? null,
      loc?.lon ?? null,
      loc?.radius_km ?? null,
      loc?.precision ?? null,
      r.time.start,
      r.time.end,
      r.fatalities,
      r.confidence,
      json,
    );
    for (const a of r.actors) {
      actors.push(r.id, a.name, a.canonical, a.role, a.inter, a.country, `${a.name}\n${a.canonical}`.toLowerCase());
    }
    putEvidence(r.evidence, r.id, null);
  };
  const putControl = (r: ControlRecord) => {
    controls.push(
      r.id,
      r.doc,
      r.place.name,
      r.place.lat,
      r.place.lon,
      r.holder.name,
      r.holder.canonical,
      r.modality,
      r.time.start,
      r.time.end,
      r.place.name.toLowerCase(),
      `${r.holder.name}\n${r.holder.canonical}`.toLowerCase(),
      JSON.stringify(r),
    );
    putEvidence(r.evidence, null, r.id);
  };
  for (const r of records) {
    if (r.kind === "event") putEvent(r);
    else putControl(r);
  }
  return { events, actors, controls, evidence };
}
