// The PostgreSQL + PostGIS Store: a connection pool, the schema brought up to date on open (advisory-locked
// migrations), one statement (so one transaction) per document, parameters only. Many processes may share one
// database.
import pg from "pg";
import type { FusedEvent, FusedRef } from "../../fuse/index.ts";
import type { ControlRecord, EventRecord } from "../../model/types.ts";
import { type DocumentRow, toDocument } from "../document-row.ts";
import { type ControlFilter, checkFilter, type EventFilter, type Store } from "../interface.ts";
import { type RegionCount, talliesFromRows } from "../outlet-rows.ts";
import { pgFusion } from "./fusion.ts";
import { MIGRATIONS, migrate } from "./migrations.ts";
import { controlQuery, eventQuery, fusedQuery } from "./queries.ts";
import { putDocument } from "./write.ts";

export interface PostgresOptions {
  /**
   * Schema that holds sitrep's tables (created when missing); default `public`. Several sitrep databases can
   * live side by side in one PostgreSQL database this way (the tests use a fresh schema per run).
   */
  schema?: string;
  /** Most connections the pool opens (default 10). */
  max?: number;
  /** Records a fusion pass reads and fuses at a time (default FUSION_CHUNK). */
  fusionChunk?: number;
  /** Migrations to apply (tests only). */
  migrations?: readonly string[];
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Connects to the database at `url` (postgres://user:password@host:port/db), creates the schema if needed and
 * applies pending migrations. The PostGIS and unaccent extensions must exist in the database (or be creatable
 * by this user); the error says what to run otherwise.
 */
export async function openPostgresStore(url: string, opts: PostgresOptions = {}): Promise<Store> {
  const schema = opts.schema ?? "public";
  if (!SCHEMA_NAME.test(schema)) throw new RangeError(`not a plain schema name: ${schema}`);
  // Identifiers cannot be bound as parameters; the name is checked above and quoted.
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    options: `-c search_path="${schema}",public`,
  });
  // An idle client losing its connection (server restart) must not crash the process; the next query reconnects.
  pool.on("error", (err) => process.stderr.write(`sitrep: PostgreSQL connection lost: ${err.message}\n`));
  try {
    const client = await pool.connect();
    try {
      if (schema !== "public") await createSchema(client, schema);
      await migrate(client, opts.migrations ?? MIGRATIONS);
    } finally {
      client.release();
    }
  } catch (err) {
    await pool.end();
    throw err;
  }

  let closed = false;
  const rows = async (sql: string, params: unknown[] = []) => (await pool.query(sql, params)).rows;
  const fusion = pgFusion(pool, opts.fusionChunk);
  /** Fuses what is waiting, so that reads of fused events are current. */
  const fused = async () => {
    if (await fusion.pending()) await fusion.fuse();
  };

  return {
    async putDocument(doc, records, regions) {
      return { inserted: await putDocument(pool, doc, records, regions) };
    },
    async outletTallies(outlets) {
      const where = outlets ? "WHERE outlet = ANY($1::text[])" : "";
      const sql = `SELECT outlet, region, count(*) AS n FROM outlet_regions ${where} GROUP BY outlet, region`;
      return talliesFromRows((await rows(sql, outlets ? [outlets] : [])) as RegionCount[]);
    },
    async hasDocument(idOrHash) {
      return (await rows("SELECT 1 FROM documents WHERE id = $1 OR content_hash = $1 LIMIT 1", [idOrHash])).length > 0;
    },
    async getDocument(id) {
      const [row] = (await rows(
        "SELECT id, content_hash, title, url, published, outlet, origin, text FROM documents WHERE id = $1",
        [id],
      )) as DocumentRow[];
      return row ? toDocument(row) : null;
    },
    async getEvent(id) {
      const [row] = await rows("SELECT record_json FROM events WHERE id = $1", [id]);
      return row ? (JSON.parse(row.record_json) as EventRecord) : null;
    },
    async queryEvents(filter: EventFilter = {}) {
      checkFilter(filter);
      if (filter.minSources !== undefined) await fused();
      const { sql, params } = eventQuery(filter);
      return (await rows(sql, params)).map((r) => JSON.parse(r.record_json) as EventRecord);
    },
    fuse: () => fusion.fuse(),
    async queryFused(filter: EventFilter = {}) {
      checkFilter(filter);
      await fused();
      const { sql, params } = fusedQuery(filter);
      return (await rows(sql, params)).map((r) => JSON.parse(r.fused_json) as FusedEvent);
    },
    async getFused(id) {
      await fused();
      const [row] = await rows("SELECT fused_json FROM fused_events WHERE id = $1", [id]);
      if (!row) return null;
      const members = await rows(
        `SELECT e.record_json FROM fused_members m JOIN events e ON e.id = m.record_id
         WHERE m.cluster_id = $1 ORDER BY m.seq`,
        [id],
      );
      const records = members.map((r) => JSON.parse(r.record_json) as EventRecord);
      return { fused: JSON.parse(row.fused_json) as FusedEvent, records };
    },
    async fusedOf(recordIds) {
      await fused();
      const found = (await rows(
        `SELECT m.record_id, f.id, f.members, f.sources FROM fused_members m JOIN fused_events f ON f.id = m.cluster_id
         WHERE m.record_id = ANY($1::text[])`,
        [recordIds],
      )) as (FusedRef & { record_id: string })[];
      return new Map(found.map(({ record_id, ...ref }) => [record_id, ref]));
    },
    async queryControl(filter: ControlFilter = {}) {
      checkFilter(filter);
      const { sql, params } = controlQuery(filter);
      return (await rows(sql, params)).map((r) => JSON.parse(r.record_json) as ControlRecord);
    },
    async stats() {
      const [r] = await rows(
        `SELECT (SELECT count(*) FROM documents)::integer AS documents, (SELECT count(*) FROM events)::integer AS events,
                (SELECT count(*) FROM controls)::integer AS controls`,
      );
      return { documents: r.documents, events: r.events, controls: r.controls };
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** CREATE SCHEMA IF NOT EXISTS races with itself (unique violation in pg_namespace): take a lock first. */
async function createSchema(client: pg.PoolClient, schema: string): Promise<void> {
  await client.query("BEGIN");
  try {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('sitrep-schema:' || $1))", [schema]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  }
}
