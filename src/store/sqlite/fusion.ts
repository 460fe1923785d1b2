// Fusion in the SQLite store: event records stored since the last pass are fused into the stored clusters, in
// one IMMEDIATE transaction that writes the new memberships and the changed clusters. The fusion state is kept
// in memory between passes (fusion is incremental); it is rebuilt from `fused_members` when another process
// has fused since (the `generation` counter moved) or when a pass failed.
import type { Database } from "better-sqlite3";
import {
  type DocMeta,
  type FuseCounts,
  type FusionState,
  fuseUpdate,
  restoreFusionState,
  type StoredMember,
} from "../../fuse/index.ts";
import type { EventRecord } from "../../model/types.ts";
import { FUSION_CHUNK, fusedRow, RECORD_COLUMNS, type RecordRow, toRecord } from "../fused-row.ts";

export interface SqliteFusion {
  /** Whether event records were stored since the last pass. */
  pending(): boolean;
  /** Fuses them; the caller must not hold a transaction open. */
  fuse(): FuseCounts;
}

export function prepareFusion(db: Database, chunkSize = FUSION_CHUNK): SqliteFusion {
  const getState = db.prepare("SELECT value FROM fusion_state WHERE key = ?").pluck();
  const setState = db.prepare("UPDATE fusion_state SET value = ? WHERE key = ?");
  const lastEvent = db.prepare("SELECT COALESCE(max(seq), 0) FROM events").pluck();
  const lastMember = db.prepare("SELECT COALESCE(max(seq), 0) FROM fused_members").pluck();
  const stored = db.prepare(
    `SELECT m.cluster_id, m.fold_time, ${RECORD_COLUMNS}
     FROM fused_members m JOIN events e ON e.id = m.record_id JOIN documents d ON d.id = e.doc_id ORDER BY m.seq`,
  );
  const fresh = db.prepare(
    `SELECT e.seq, ${RECORD_COLUMNS} FROM events e JOIN documents d ON d.id = e.doc_id WHERE e.seq > ?
     ORDER BY e.seq LIMIT ?`,
  );
  const upsertFused = db.prepare(
    `INSERT INTO fused_events (id, type, modality, lat, lon, time_start, time_end, members, sources, fused_json)
     VALUES (@id, @type, @modality, @lat, @lon, @timeStart, @timeEnd, @members, @sources, @json)
     ON CONFLICT(id) DO UPDATE SET type = excluded.type, modality = excluded.modality, lat = excluded.lat,
       lon = excluded.lon, time_start = excluded.time_start, time_end = excluded.time_end,
       members = excluded.members, sources = excluded.sources, fused_json = excluded.fused_json`,
  );
  const insertMember = db.prepare(
    "INSERT INTO fused_members (record_id, cluster_id, seq, fold_time) VALUES (?, ?, ?, ?)",
  );

  let cache: { generation: number; state: FusionState } | null = null;

  const restore = (): FusionState => {
    const docs = new Map<string, DocMeta>();
    const rows = stored.iterate() as Iterable<RecordRow & { cluster_id: string; fold_time: number }>;
    function* members(): Generator<StoredMember> {
      for (const row of rows) {
        yield { record: toRecord(row, docs), cluster: row.cluster_id, foldTime: row.fold_time === 1 };
      }
    }
    return restoreFusionState(members(), docs);
  };

  /** The next chunk of records stored after event `after` (seq), in storing order, and the last seq read. */
  const chunk = (after: number) => {
    const docs = new Map<string, DocMeta>();
    const records: EventRecord[] = [];
    let last = after;
    for (const row of fresh.iterate(after, chunkSize) as Iterable<RecordRow & { seq: number }>) {
      records.push(toRecord(row, docs));
      last = row.seq;
    }
    return { docs, records, last };
  };

  const pass = db.transaction((): FuseCounts => {
    let next = chunk(getState.get("events_seq") as number);
    if (!next.records.length) return { records: 0, clusters: 0 };
    // restored only when there is something to fuse: a pass right after another process's finds nothing
    const generation = getState.get("generation") as number;
    if (!cache || cache.generation !== generation) cache = { generation, state: restore() };
    let records = 0;
    const changed = new Set<string>();
    let seq = lastMember.get() as number;
    for (;;) {
      const update = fuseUpdate(cache.state, next.records, next.docs);
      for (const ev of update.clusters) upsertFused.run(fusedRow(ev));
      for (const m of update.members) insertMember.run(m.record, m.cluster, ++seq, m.foldTime ? 1 : 0);
      for (const ev of update.clusters) changed.add(ev.id);
      records += update.members.length;
      setState.run(next.last, "events_seq");
      if (next.records.length < chunkSize) break;
      next = chunk(next.last);
      if (!next.records.length) break;
    }
    setState.run(generation + 1, "generation");
    cache.generation = generation + 1;
    return { records, clusters: changed.size };
  });

  return {
    pending: () => (lastEvent.get() as number) > (getState.get("events_seq") as number),
    fuse() {
      try {
        return pass.immediate();
      } catch (err) {
        cache = null; // the pass may have changed the state before failing
        throw err;
      }
    },
  };
}
