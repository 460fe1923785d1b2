// The SQLite Store: one file, WAL journal, foreign keys on, schema brought up to date on open.
import Database from "better-sqlite3";
import type { FusedEvent, FusedRef } from "../../fuse/index.ts";
import type { DocumentRegions } from "../../ground/outlets.ts";
import type { ControlRecord, Document, EventRecord, OutputRecord } from "../../model/types.ts";
import { type DocumentRow, toDocument } from "../document-row.ts";
import { type ControlFilter, checkFilter, type EventFilter, type Store } from "../interface.ts";
import { type RegionCount, talliesFromRows } from "../outlet-rows.ts";
import { ensureDbDir } from "../paths.ts";
import { prepareFusion } from "./fusion.ts";
import { migrate } from "./migrations.ts";
import { controlQuery, eventQuery, fusedQuery } from "./queries.ts";
import { prepareWriter, type Writer } from "./write.ts";

export interface SqliteStoreOptions {
  /**
   * Group up to this many `putDocument` calls in one transaction (default 1: every put commits at once). Each
   * document still goes in all or nothing (a savepoint inside the group); the group commits when full, after
   * `groupMs`, before any read, and on close. A bulk ingest gains much from it: FTS5 writes one index segment
   * per transaction, and a commit writes every page it touched again.
   */
  group?: number;
  /** Records a fusion pass reads and fuses at a time (default FUSION_CHUNK). */
  fusionChunk?: number;
  /** Longest time a group stays open, in ms (default 1000), so that a slow stream still commits. */
  groupMs?: number;
}

/** Opens (creating if needed, with its folder) the database at `path` and applies pending migrations. */
export function openSqliteStore(path: string, options: SqliteStoreOptions = {}): Store {
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

  const writer = prepareWriter(db);
  const group = groupWrites(db, writer, options);
  if (group) db.pragma(`cache_size = -${GROUP_CACHE_KIB}`);
  const hasDoc = db.prepare("SELECT 1 FROM documents WHERE id = ? OR content_hash = ? LIMIT 1").pluck();
  const getDoc = db.prepare(
    "SELECT id, content_hash, title, url, published, outlet, origin, text FROM documents WHERE id = ?",
  );
  const getEvent = db.prepare("SELECT record_json FROM events WHERE id = ?").pluck();
  const getFused = db.prepare("SELECT fused_json FROM fused_events WHERE id = ?").pluck();
  const getMembers = db
    .prepare(
      `SELECT e.record_json FROM fused_members m JOIN events e ON e.id = m.record_id
       WHERE m.cluster_id = ? ORDER BY m.seq`,
    )
    .pluck();
  const fusedRefs = db.prepare(
    `SELECT m.record_id, f.id, f.members, f.sources FROM fused_members m JOIN fused_events f ON f.id = m.cluster_id
     WHERE m.record_id IN (SELECT value FROM json_each(?))`,
  );
  const fusion = prepareFusion(db, options.fusionChunk);
  /** Commits a write group and fuses what is waiting, so that reads of fused events are current. */
  const fused = () => {
    group?.commit();
    if (fusion.pending()) fusion.fuse();
  };
  const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck();
  const counts = { documents: count("documents"), events: count("events"), controls: count("controls") };

  return {
    async putDocument(doc, records, regions) {
      return { inserted: group ? group.put(doc, records, regions) : writer.put(doc, records, regions) };
    },
    async outletTallies(outlets) {
      group?.commit();
      const sql = `SELECT outlet, region, count(*) AS n FROM outlet_regions ${
        outlets ? "WHERE outlet IN (SELECT value FROM json_each(?))" : ""
      } GROUP BY outlet, region`;
      return talliesFromRows(db.prepare(sql).all(...(outlets ? [JSON.stringify(outlets)] : [])) as RegionCount[]);
    },
    async hasDocument(idOrHash) {
      group?.commit();
      return hasDoc.get(idOrHash, idOrHash) !== undefined;
    },
    async getDocument(id) {
      group?.commit();
      const row = getDoc.get(id) as DocumentRow | undefined;
      return row ? toDocument(row) : null;
    },
    async getEvent(id) {
      group?.commit();
      const json = getEvent.get(id) as string | undefined;
      return json === undefined ? null : (JSON.parse(json) as EventRecord);
    },
    async queryEvents(filter: EventFilter = {}) {
      checkFilter(filter);
      if (filter.minSources !== undefined) fused();
      else group?.commit();
      const { sql, params } = eventQuery(filter);
      const rows = db.prepare(sql).pluck().all(params) as string[];
      return rows.map((json) => JSON.parse(json) as EventRecord);
    },
    async fuse() {
      group?.commit();
      return fusion.fuse();
    },
    async queryFused(filter: EventFilter = {}) {
      checkFilter(filter);
      fused();
      const { sql, params } = fusedQuery(filter);
      const rows = db.prepare(sql).pluck().all(params) as string[];
      return rows.map((json) => JSON.parse(json) as FusedEvent);
    },
    async getFused(id) {
      fused();
      const json = getFused.get(id) as string | undefined;
      if (json === undefined) return null;
      const records = (getMembers.all(id) as string[]).map((r) => JSON.parse(r) as EventRecord);
      return { fused: JSON.parse(json) as FusedEvent, records };
    },
    async fusedOf(recordIds) {
      fused();
      const rows = fusedRefs.all(JSON.stringify(recordIds)) as (FusedRef & { record_id: string })[];
      return new Map(rows.map(({ record_id, ...ref }) => [record_id, ref]));
    },
    async queryControl(filter: ControlFilter = {}) {
      checkFilter(filter);
      group?.commit();
      const { sql, params } = controlQuery(filter);
      const rows = db.prepare(sql).pluck().all(params) as string[];
      return rows.map((json) => JSON.parse(json) as ControlRecord);
    },
    async stats() {
      group?.commit();
      return {
        documents: counts.documents.get() as number,
        events: counts.events.get() as number,
        controls: counts.controls.get() as number,
      };
    },
    async close() {
      if (!db.open) return;
      group?.commit();
      db.pragma("optimize");
      db.close();
    },
  };
}

/**
 * Page cache of a store that groups writes (KiB): bulk loads touch many index pages (SQLite's default is 2 MB).
 * 32 MB, measured against 64 MB on 100k documents (1.05M records, 2.5 GB): store 6.6 against 7.4 ms thread time
 * per document (no slower; different loads), peak RSS 574 against 601 MB (docs/performance.md).
 */
const GROUP_CACHE_KIB = 32768;

/**
 * Keeps one IMMEDIATE transaction open over up to `group` documents (see SqliteStoreOptions); undefined for 1.
 * Documents go in without savepoints while all is well; when one fails, the group is rolled back and its earlier
 * documents written again, each in a savepoint, so that only the failing one is left out.
 */
function groupWrites(db: Database.Database, writer: Writer, options: SqliteStoreOptions) {
  const size = Math.floor(options.group ?? 1);
  if (!(size > 1)) return undefined;
  const maxMs = options.groupMs ?? 1000;
  const begin = db.prepare("BEGIN IMMEDIATE");
  const end = db.prepare("COMMIT");
  const rollback = db.prepare("ROLLBACK");
  let held: [Document, OutputRecord[], DocumentRegions | undefined][] = [];
  let open = false;
  let openedAt = 0;
  let timer: NodeJS.Timeout | undefined;
  const start = () => {
    begin.run();
    open = true;
    openedAt = Date.now();
    timer = setTimeout(commit, maxMs);
    timer.unref();
  };
  function commit() {
    if (timer) clearTimeout(timer);
    timer = undefined;
    held = [];
    if (!open) return;
    open = false;
    if (db.inTransaction) end.run();
  }
  return {
    commit,
    put(doc: Document, records: OutputRecord[], regions?: DocumentRegions): boolean {
      if (!open) start();
      let inserted: boolean;
      try {
        inserted = writer.putInTransaction(doc, records, regions);
      } catch (e) {
        const again = held;
        if (db.inTransaction) rollback.run();
        open = false;
        held = [];
        if (again.length) {
          start();
          for (const [d, r, g] of again) writer.put(d, r, g);
          commit();
        } else commit();
        throw e;
      }
      held.push([doc, records, regions]);
      if (held.length >= size || Date.now() - openedAt >= maxMs) commit();
      return inserted;
    },
  };
}
