// Versioned schema for PostgreSQL + PostGIS: MIGRATIONS[i] is version i + 1. Append new entries; never edit an
// applied one. Same tables and columns as the SQLite backend, with PostGIS points (GiST) in place of the R-trees
// and stored tsvector columns (GIN) in place of FTS5. Objects are created in the first schema of search_path.
import type { ClientBase } from "pg";

/**
 * Full text: English Snowball stemming with no stop words (so every query word must match, as with FTS5's
 * porter tokenizer) after unaccent (FTS5's remove_diacritics). Numbers keep the `simple` mapping of `english`.
 */
const V1_TEXT_SEARCH = `
CREATE TEXT SEARCH DICTIONARY sitrep_stem (TEMPLATE = pg_catalog.snowball, Language = english);
CREATE TEXT SEARCH CONFIGURATION sitrep_fts (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION sitrep_fts
  ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part WITH unaccent, sitrep_stem;
`;

// Dates are ISO strings compared as text: COLLATE "C" makes that byte order whatever the database locale.
const V1_DOCUMENTS = `
CREATE TABLE documents (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL UNIQUE,
  content_hash text NOT NULL UNIQUE,
  title text,
  url text,
  published text COLLATE "C",
  outlet text,
  origin text NOT NULL,
  text text NOT NULL,
  ingested_at timestamptz NOT NULL DEFAULT now(),
  fts tsvector NOT NULL GENERATED ALWAYS AS (to_tsvector('sitrep_fts', coalesce(title, '') || E'\\n' || text)) STORED
);
CREATE INDEX documents_published ON documents (published);
CREATE INDEX documents_fts ON documents USING gin (fts);
`;

const point = `GENERATED ALWAYS AS (
    CASE WHEN lat IS NULL OR lon IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(lon, lat), 4326) END) STORED`;
const order = (t: string) =>
  `CREATE INDEX ${t}_order ON ${t} ((COALESCE(time_start, time_end) IS NULL), (COALESCE(time_start, time_end)), seq);`;

const V1_EVENTS = `
CREATE TABLE events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL UNIQUE,
  doc_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  type text NOT NULL,
  modality text NOT NULL,
  acled_event_type text,
  acled_sub_event_type text,
  lat double precision,
  lon double precision,
  geom geometry(Point, 4326) ${point},
  radius_km double precision,
  precision smallint,
  time_start text COLLATE "C",
  time_end text COLLATE "C",
  fatalities double precision,
  confidence double precision NOT NULL,
  record_json text NOT NULL
);
CREATE INDEX events_doc ON events (doc_id);
CREATE INDEX events_type ON events (type);
CREATE INDEX events_acled ON events (lower(acled_event_type));
CREATE INDEX events_acled_sub ON events (lower(acled_sub_event_type));
CREATE INDEX events_time_start ON events (time_start);
CREATE INDEX events_time_end ON events (time_end);
CREATE INDEX events_geom ON events USING gist (geom);
${order("events")}

CREATE TABLE event_actors (
  event_id text NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  name text NOT NULL,
  canonical text NOT NULL,
  role text NOT NULL,
  inter integer,
  country text,
  search text NOT NULL -- lower-cased name and canonical, for substring search
);
CREATE INDEX event_actors_event ON event_actors (event_id);
`;

const V1_CONTROLS = `
CREATE TABLE controls (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL UNIQUE,
  doc_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  place_name text NOT NULL,
  lat double precision,
  lon double precision,
  geom geometry(Point, 4326) ${point},
  holder_name text NOT NULL,
  holder_canonical text NOT NULL,
  modality text NOT NULL,
  time_start text COLLATE "C",
  time_end text COLLATE "C",
  place_search text NOT NULL,
  holder_search text NOT NULL,
  record_json text NOT NULL
);
CREATE INDEX controls_doc ON controls (doc_id);
CREATE INDEX controls_time_start ON controls (time_start);
CREATE INDEX controls_time_end ON controls (time_end);
CREATE INDEX controls_geom ON controls USING gist (geom);
${order("controls")}
`;

const V1_EVIDENCE = `
CREATE TABLE evidence (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id text REFERENCES events (id) ON DELETE CASCADE,
  control_id text REFERENCES controls (id) ON DELETE CASCADE,
  doc_id text NOT NULL,
  start integer NOT NULL,
  "end" integer NOT NULL,
  text text NOT NULL,
  fts tsvector NOT NULL GENERATED ALWAYS AS (to_tsvector('sitrep_fts', text)) STORED,
  CHECK ((event_id IS NULL) <> (control_id IS NULL))
);
CREATE INDEX evidence_event ON evidence (event_id);
CREATE INDEX evidence_control ON evidence (control_id);
CREATE INDEX evidence_doc ON evidence (doc_id);
CREATE INDEX evidence_fts ON evidence USING gin (fts);
`;

// Version 2: fused events, as in the SQLite backend (src/store/sqlite/migrations.ts). Records not yet fused are
// found by an anti-join on fused_members (identity values may commit out of order, so no high-water mark).
const V2_FUSION = `
CREATE TABLE fused_events (
  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  id text NOT NULL UNIQUE,
  type text NOT NULL,
  modality text NOT NULL,
  lat double precision,
  lon double precision,
  time_start text COLLATE "C",
  time_end text COLLATE "C",
  members integer NOT NULL,
  sources integer NOT NULL,
  fused_json text NOT NULL
);
CREATE INDEX fused_events_sources ON fused_events (sources);
${order("fused_events")}
CREATE TABLE fused_members (
  record_id text PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
  cluster_id text NOT NULL REFERENCES fused_events (id),
  seq bigint NOT NULL UNIQUE,
  fold_time boolean NOT NULL
);
CREATE INDEX fused_members_cluster ON fused_members (cluster_id);
CREATE TABLE fusion_state (key text PRIMARY KEY, value bigint NOT NULL);
INSERT INTO fusion_state (key, value) VALUES ('generation', 0);
`;

// Version 3: the records not yet fused, kept in a table of their own by a statement-level trigger on events, so
// that "is anything waiting?" and the fusion pass read only the waiting rows. The anti-join of version 2 read every
// event (an index probe each) on every read that needs fused data: 630-840 ms at 1M events, all fused, against
// 0.1-0.5 ms for the pending table (measured 2026-11-25 with generate_series on the CI cluster, load ~7).
const V3_FUSION_PENDING = `
CREATE TABLE fusion_pending (record_id text PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE);
INSERT INTO fusion_pending (record_id)
  SELECT e.id FROM events e WHERE NOT EXISTS (SELECT 1 FROM fused_members m WHERE m.record_id = e.id);
CREATE FUNCTION sitrep_fusion_pending() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO fusion_pending (record_id) SELECT id FROM new_events;
  RETURN NULL;
END $$;
CREATE TRIGGER events_fusion_pending AFTER INSERT ON events
  REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION sitrep_fusion_pending();
`;

/** What each document's places say of its outlet's home: as in SQLite (src/store/outlet-rows.ts). */
const V4_OUTLET_REGIONS = `
CREATE TABLE outlet_regions (
  doc_id text NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  outlet text NOT NULL,
  region text NOT NULL,
  PRIMARY KEY (doc_id, region)
);
CREATE INDEX outlet_regions_outlet ON outlet_regions (outlet, region);
`;

/** Ordered schema migrations; version = index + 1. */
export const MIGRATIONS: readonly string[] = [
  V1_TEXT_SEARCH + V1_DOCUMENTS + V1_EVENTS + V1_CONTROLS + V1_EVIDENCE,
  V2_FUSION,
  V3_FUSION_PENDING,
  V4_OUTLET_REGIONS,
];

/** Extensions the schema needs; a superuser creates them once per database (scripts/ci-services.sh does). */
export const EXTENSIONS = ["postgis", "unaccent"] as const;

/**
 * Applies the migrations newer than the schema's version, each in its own transaction together with its
 * `schema_migrations` row, under a transaction-level advisory lock keyed on the schema: two processes opening
 * the same database at once apply each migration exactly once (the second waits, then finds nothing to do).
 * Returns the versions applied (empty when up to date). Throws when the schema is newer than `migrations`.
 */
export async function migrate(client: ClientBase, migrations: readonly string[] = MIGRATIONS): Promise<number[]> {
  await checkExtensions(client);
  const applied: number[] = [];
  for (;;) {
    await client.query("BEGIN");
    try {
      await client.query("SELECT pg_advisory_xact_lock(hashtext('sitrep-migrate:' || current_schema()))");
      await client.query(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL)",
      );
      const { rows } = await client.query<{ v: number }>(
        "SELECT COALESCE(MAX(version), 0)::integer AS v FROM schema_migrations",
      );
      const found = rows[0].v;
      if (found > migrations.length) {
        throw new Error(`database schema version ${found} is newer than this sitrep knows (${migrations.length})`);
      }
      if (found === migrations.length) {
        await client.query("COMMIT");
        return applied;
      }
      const version = found + 1;
      await client.query(migrations[version - 1]);
      await client.query("INSERT INTO schema_migrations (version, applied_at) VALUES ($1, now())", [version]);
      await client.query("COMMIT");
      applied.push(version);
    } catch (err) {
      await client.query("ROLLBACK").catch(() => {});
      throw err;
    }
  }
}

async function checkExtensions(client: ClientBase): Promise<void> {
  const { rows } = await client.query<{ extname: string }>(
    "SELECT extname FROM pg_extension WHERE extname = ANY($1::text[])",
    [EXTENSIONS],
  );
  const missing = EXTENSIONS.filter((e) => !rows.some((r) => r.extname === e));
  if (!missing.length) return;
  try {
    // Works for a superuser (or for trusted extensions such as unaccent, with CREATE on the database).
    for (const e of missing) await client.query(`CREATE EXTENSION IF NOT EXISTS ${e}`);
  } catch (err) {
    throw new Error(
      `PostgreSQL extension(s) ${missing.join(", ")} missing and not creatable by this user ` +
        `(${(err as Error).message}); as a superuser run: ${missing.map((e) => `CREATE EXTENSION ${e};`).join(" ")}`,
    );
  }
}
