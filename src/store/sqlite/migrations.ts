// Versioned schema: MIGRATIONS[i] is version i + 1. Append new entries; never edit an applied one.
// Text ids are the public keys; every table also has an INTEGER PRIMARY KEY `seq` so that FTS5 external
// content and the R-trees can point at stable integer rowids (implicit rowids may change on VACUUM).
import type { Database } from "better-sqlite3";

const V1_DOCUMENTS = `
CREATE TABLE documents (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  content_hash TEXT NOT NULL UNIQUE,
  title TEXT,
  url TEXT,
  published TEXT,
  outlet TEXT,
  origin TEXT NOT NULL,
  text TEXT NOT NULL,
  ingested_at TEXT NOT NULL
);
CREATE INDEX documents_published ON documents(published);
CREATE VIRTUAL TABLE documents_fts USING fts5(
  title, text, content='documents', content_rowid='seq', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_ai AFTER INSERT ON documents BEGIN
  INSERT INTO documents_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
CREATE TRIGGER documents_fts_ad AFTER DELETE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
END;
CREATE TRIGGER documents_fts_au AFTER UPDATE ON documents BEGIN
  INSERT INTO documents_fts(documents_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
  INSERT INTO documents_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
END;
`;

const V1_EVENTS = `
CREATE TABLE events (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  modality TEXT NOT NULL,
  acled_event_type TEXT,
  acled_sub_event_type TEXT,
  lat REAL,
  lon REAL,
  radius_km REAL,
  precision INTEGER,
  time_start TEXT,
  time_end TEXT,
  fatalities INTEGER,
  confidence REAL NOT NULL,
  record_json TEXT NOT NULL
);
CREATE INDEX events_doc ON events(doc_id);
CREATE INDEX events_type ON events(type);
CREATE INDEX events_acled ON events(acled_event_type);
CREATE INDEX events_time_start ON events(time_start);
CREATE INDEX events_time_end ON events(time_end);
CREATE VIRTUAL TABLE events_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon);
CREATE TRIGGER events_rtree_ad AFTER DELETE ON events BEGIN
  DELETE FROM events_rtree WHERE id = old.seq;
END;

CREATE TABLE event_actors (
  event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  canonical TEXT NOT NULL,
  role TEXT NOT NULL,
  inter INTEGER,
  country TEXT,
  search TEXT NOT NULL -- lower-cased name and canonical, for substring search
);
CREATE INDEX event_actors_event ON event_actors(event_id);
`;

const V1_CONTROLS = `
CREATE TABLE controls (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  place_name TEXT NOT NULL,
  lat REAL,
  lon REAL,
  holder_name TEXT NOT NULL,
  holder_canonical TEXT NOT NULL,
  modality TEXT NOT NULL,
  time_start TEXT,
  time_end TEXT,
  place_search TEXT NOT NULL,
  holder_search TEXT NOT NULL,
  record_json TEXT NOT NULL
);
CREATE INDEX controls_doc ON controls(doc_id);
CREATE INDEX controls_time_start ON controls(time_start);
CREATE INDEX controls_time_end ON controls(time_end);
CREATE VIRTUAL TABLE controls_rtree USING rtree(id, min_lat, max_lat, min_lon, max_lon);
CREATE TRIGGER controls_rtree_ad AFTER DELETE ON controls BEGIN
  DELETE FROM controls_rtree WHERE id = old.seq;
END;
`;

const V1_EVIDENCE = `
CREATE TABLE evidence (
  seq INTEGER PRIMARY KEY,
  event_id TEXT REFERENCES events(id) ON DELETE CASCADE,
  control_id TEXT REFERENCES controls(id) ON DELETE CASCADE,
  doc_id TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  text TEXT NOT NULL,
  CHECK ((event_id IS NULL) <> (control_id IS NULL))
);
CREATE INDEX evidence_event ON evidence(event_id);
CREATE INDEX evidence_control ON evidence(control_id);
CREATE INDEX evidence_doc ON evidence(doc_id);
CREATE VIRTUAL TABLE evidence_fts USING fts5(
  text, content='evidence', content_rowid='seq', tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER evidence_fts_ai AFTER INSERT ON evidence BEGIN
  INSERT INTO evidence_fts(rowid, text) VALUES (new.seq, new.text);
END;
CREATE TRIGGER evidence_fts_ad AFTER DELETE ON evidence BEGIN
  INSERT INTO evidence_fts(evidence_fts, rowid, text) VALUES ('delete', old.seq, old.text);
END;
CREATE TRIGGER evidence_fts_au AFTER UPDATE ON evidence BEGIN
  INSERT INTO evidence_fts(evidence_fts, rowid, text) VALUES ('delete', old.seq, old.text);
  INSERT INTO evidence_fts(rowid, text) VALUES (new.seq, new.text);
END;
`;

// Version 2: fused events (docs/fusion.md). `fused_members` lists every fused record with its cluster in joining
// order (`seq`), so the in-memory fusion state can be rebuilt without matching again; `fusion_state` holds the
// highest events.seq fused so far (`events_seq`) and a counter bumped by every fusion pass (`generation`), by which
// a process tells that another one has fused since. The order indexes let unfiltered pages walk an index.
const ORDER = "(COALESCE(time_start, time_end) IS NULL), COALESCE(time_start, time_end), seq";
const V2_FUSION = `
CREATE TABLE fused_events (
  seq INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL,
  modality TEXT NOT NULL,
  lat REAL,
  lon REAL,
  time_start TEXT,
  time_end TEXT,
  members INTEGER NOT NULL,
  sources INTEGER NOT NULL,
  fused_json TEXT NOT NULL
);
CREATE INDEX fused_events_sources ON fused_events(sources);
CREATE INDEX fused_events_order ON fused_events(${ORDER});
CREATE TABLE fused_members (
  record_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
  cluster_id TEXT NOT NULL REFERENCES fused_events(id),
  seq INTEGER NOT NULL UNIQUE,
  fold_time INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX fused_members_cluster ON fused_members(cluster_id);
CREATE TABLE fusion_state (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
INSERT INTO fusion_state (key, value) VALUES ('generation', 0), ('events_seq', 0);
CREATE INDEX events_order ON events(${ORDER});
`;

/**
 * Dated events in time, and dated located events in space and time (days since 1970, see ../days.ts): a date
 * query, or a bbox + date query (the map's usual one), narrows down by both at once instead of walking or sorting
 * every event in the box (measured in bench/query.ts). Undated events are left out: no date filter keeps them.
 */
const DAY = (column: string) => `julianday(substr(${column}, 1, 10)) - 2440587.5`;
const V3_TIME_INDEXES = `
CREATE VIRTUAL TABLE events_days USING rtree(id, min_day, max_day);
CREATE VIRTUAL TABLE events_space_time USING rtree(id, min_lat, max_lat, min_lon, max_lon, min_day, max_day);
CREATE TEMP TABLE event_days AS
  SELECT seq, lat, lon, min(d1, d2) AS lo, max(d1, d2) AS hi FROM (
    SELECT seq, lat, lon,
      COALESCE(${DAY("COALESCE(time_start, time_end)")}, -1e6) AS d1,
      COALESCE(${DAY("COALESCE(time_end, time_start)")}, 1e6) AS d2
    FROM events WHERE time_start IS NOT NULL OR time_end IS NOT NULL);
INSERT INTO events_days SELECT seq, lo, hi FROM event_days;
INSERT INTO events_space_time SELECT seq, lat, lat, lon, lon, lo, hi FROM event_days
  WHERE lat IS NOT NULL AND lon IS NOT NULL;
DROP TABLE event_days;
CREATE TRIGGER events_time_indexes_ad AFTER DELETE ON events BEGIN
  DELETE FROM events_days WHERE id = old.seq;
  DELETE FROM events_space_time WHERE id = old.seq;
END;
`;

/**
 * What each document's places say of its outlet's home (src/store/outlet-rows.ts): region "" is the document
 * itself, "SY" a country, "SY\tHoms" a first-order division. Documents stored before this version have no rows.
 */
const V4_OUTLET_REGIONS = `
CREATE TABLE outlet_regions (
  doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  outlet TEXT NOT NULL,
  region TEXT NOT NULL,
  PRIMARY KEY (doc_id, region)
) WITHOUT ROWID;
CREATE INDEX outlet_regions_outlet ON outlet_regions(outlet, region);
`;

/** Ordered schema migrations; version = index + 1. */
export const MIGRATIONS: readonly string[] = [
  V1_DOCUMENTS + V1_EVENTS + V1_CONTROLS + V1_EVIDENCE,
  V2_FUSION,
  V3_TIME_INDEXES,
  V4_OUTLET_REGIONS,
];

/**
 * Applies the migrations newer than the database's version, each in its own IMMEDIATE transaction together
 * with its `schema_migrations` row, so two processes opening the same file cannot apply one twice.
 * Returns the versions applied (empty when up to date).
 */
export function migrate(db: Database, migrations: readonly string[] = MIGRATIONS): number[] {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
  const current = () =>
    (db.prepare("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations").get() as { v: number }).v;
  const found = current();
  if (found > migrations.length) {
    throw new Error(`database schema version ${found} is newer than this sitrep knows (${migrations.length})`);
  }
  const applied: number[] = [];
  const insert = db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)");
  for (let version = found + 1; version <= migrations.length; version++) {
    const apply = db.transaction(() => {
      if (current() >= version) return; // another process got there first
      db.exec(migrations[version - 1]);
      insert.run(version, new Date().toISOString());
      applied.push(version);
    });
    apply.immediate();
  }
  return applied;
}
