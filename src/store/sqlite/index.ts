// The SQLite Store: one file, WAL journal, foreign keys on, schema brought up to date on open.
import Database from "better-sqlite3";
import type { ControlRecord, Document, EventRecord } from "../../model/types.ts";
import { type ControlFilter, checkFilter, type EventFilter, type Store } from "../interface.ts";
import { ensureDbDir } from "../paths.ts";
import { migrate } from "./migrations.ts";
import { controlQuery, eventQuery } from "./queries.ts";
import { preparePut } from "./write.ts";

interface DocumentRow {
  id: string;
  content_hash: string;
  title: string | null;
  url: string | null;
  published: string | null;
  outlet: string | null;
  origin: string;
  text: string;
}

/** Opens (creating if needed, with its folder) the database at `path` and applies pending migrations. */
export function openSqliteStore(path: string): Store {
  ensureDbDir(path);
  const db = new Database(path);
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = NORMAL");
    db.pragma("foreign_keys = ON");
    db.pragma("busy_timeout = 5000");
    migrate(db);
  } catch (err) {
    db.close();
    throw err;
  }

  const put = preparePut(db);
  const hasDoc = db.prepare("SELECT 1 FROM documents WHERE id = ? OR content_hash = ? LIMIT 1").pluck();
  const getDoc = db.prepare(
    "SELECT id, content_hash, title, url, published, outlet, origin, text FROM documents WHERE id = ?",
  );
  const getEvent = db.prepare("SELECT record_json FROM events WHERE id = ?").pluck();
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck();
  const counts = { documents: count("documents"), events: count("events"), controls: count("controls") };

  return {
    async putDocument(doc, records) {
      return { inserted: put(doc, records) };
    },
    async hasDocument(idOrHash) {
      return hasDoc.get(idOrHash, idOrHash) !== undefined;
    },
    async getDocument(id) {
      const row = getDoc.get(id) as DocumentRow | undefined;
      return row ? toDocument(row) : null;
    },
    async getEvent(id) {
      const json = getEvent.get(id) as string | undefined;
      return json === undefined ? null : (JSON.parse(json) as EventRecord);
    },
    async queryEvents(filter: EventFilter = {}) {
      checkFilter(filter);
      const { sql, params } = eventQuery(filter);
      const rows = db.prepare(sql).pluck().all(params) as string[];
      return rows.map((json) => JSON.parse(json) as EventRecord);
    },
    async queryControl(filter: ControlFilter = {}) {
      checkFilter(filter);
      const { sql, params } = controlQuery(filter);
      const rows = db.prepare(sql).pluck().all(params) as string[];
      return rows.map((json) => JSON.parse(json) as ControlRecord);
    },
    async stats() {
      return {
        documents: counts.documents.get() as number,
        events: counts.events.get() as number,
        controls: counts.controls.get() as number,
      };
    },
    async close() {
      if (!db.open) return;
      db.pragma("optimize");
      db.close();
    },
  };
}

function toDocument(row: DocumentRow): Document {
  const doc: Document = { id: row.id, text: row.text, origin: row.origin, contentHash: row.content_hash };
  if (row.title !== null) doc.title = row.title;
  if (row.url !== null) doc.url = row.url;
  if (row.published !== null) doc.published = row.published;
  if (row.outlet !== null) doc.outlet = row.outlet;
  return doc;
}
