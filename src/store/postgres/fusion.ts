// Fusion in the PostgreSQL store: the same pass as the SQLite backend (src/store/sqlite/fusion.ts), in one
// transaction under an advisory lock keyed on the schema, so that processes sharing the database fuse one at a
// time. Records not yet fused are listed in fusion_pending (filled by a trigger on events, emptied by the pass that
// fuses them: migration 3); the in-memory state is rebuilt from fused_members when another process has fused since
// (the `generation` counter moved) or when a pass failed.
import type pg from "pg";
import {
  type DocMeta,
  emptyFusionState,
  type FuseCounts,
  type FusionState,
  fuseUpdate,
  restoreInto,
} from "../../fuse/index.ts";
import { FUSION_CHUNK, type FusedRow, fusedRow, RECORD_COLUMNS, type RecordRow, toRecord } from "../fused-row.ts";

export interface PgFusion {
  pending(): Promise<boolean>;
  fuse(): Promise<FuseCounts>;
}

export function pgFusion(pool: pg.Pool, chunkSize = FUSION_CHUNK): PgFusion {
  let cache: { generation: number; state: FusionState } | null = null;

  /** The state from the stored memberships, read a chunk at a time in joining order. */
  async function restore(client: pg.PoolClient): Promise<FusionState> {
    const state = emptyFusionState();
    let after = 0;
    for (;;) {
      const { rows } = await client.query<RecordRow & { seq: string; cluster_id: string; fold_time: boolean }>(
        `SELECT m.seq, m.cluster_id, m.fold_time, ${RECORD_COLUMNS}
         FROM fused_members m JOIN events e ON e.id = m.record_id JOIN documents d ON d.id = e.doc_id
         WHERE m.seq > $1 ORDER BY m.seq LIMIT $2`,
        [after, chunkSize],
      );
      if (!rows.length) return state;
      const docs = new Map<string, DocMeta>();
      const members = rows.map((row) => ({
        record: toRecord(row, docs),
        cluster: row.cluster_id,
        foldTime: row.fold_time,
      }));
      restoreInto(state, members, docs);
      after = Number(rows[rows.length - 1].seq);
      if (rows.length < chunkSize) return state;
    }
  }

  /** The next chunk of waiting records after event `after` (seq), in storing order. */
  async function waiting(client: pg.PoolClient, after: number) {
    const { rows } = await client.query<RecordRow & { seq: string }>(
      `SELECT e.seq, ${RECORD_COLUMNS} FROM fusion_pending p JOIN events e ON e.id = p.record_id
       JOIN documents d ON d.id = e.doc_id WHERE e.seq > $1 ORDER BY e.seq LIMIT $2`,
      [after, chunkSize],
    );
    const docs = new Map<string, DocMeta>();
    const records = rows.map((r) => toRecord(r, docs));
    return {
      docs,
      records,
      last: rows.length ? Number(rows[rows.length - 1].seq) : after,
      full: rows.length === chunkSize,
    };
  }

  async function write(
    client: pg.PoolClient,
    rows: FusedRow[],
    members: { record: string; cluster: string; foldTime: boolean }[],
  ) {
    // One JSON parameter rather than ten arrays: node-postgres escapes every element of a text[] in JavaScript,
    // which cost more than the insert itself for fused_json (2 KB a row); JSON.stringify is native. 7,192 rows
    // of FA-KES: 2.2 s → see docs/fusion.md.
    await client.query(
      `INSERT INTO fused_events (id, type, modality, lat, lon, time_start, time_end, members, sources, fused_json)
       SELECT id, type, modality, lat, lon, "timeStart", "timeEnd", members, sources, json
       FROM json_to_recordset($1::json) AS x(id text, type text, modality text, lat float8, lon float8,
                                            "timeStart" text, "timeEnd" text, members int, sources int, json text)
       ON CONFLICT (id) DO UPDATE SET type = excluded.type, modality = excluded.modality, lat = excluded.lat,
         lon = excluded.lon, time_start = excluded.time_start, time_end = excluded.time_end,
         members = excluded.members, sources = excluded.sources, fused_json = excluded.fused_json`,
      [JSON.stringify(rows)],
    );
    const { rows: last } = await client.query<{ n: string }>("SELECT COALESCE(max(seq), 0) AS n FROM fused_members");
    const first = Number(last[0].n) + 1;
    await client.query(
      `INSERT INTO fused_members (record_id, cluster_id, seq, fold_time)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::boolean[])`,
      [
        members.map((m) => m.record),
        members.map((m) => m.cluster),
        members.map((_, i) => first + i),
        members.map((m) => m.foldTime),
      ],
    );
  }

  async function pass(client: pg.PoolClient): Promise<FuseCounts> {
    await client.query("SELECT pg_advisory_xact_lock(hashtext('sitrep-fuse:' || current_schema()))");
    const { rows: g } = await client.query<{ v: string }>(
      "SELECT value AS v FROM fusion_state WHERE key = 'generation'",
    );
    const generation = Number(g[0].v);
    let next = await waiting(client, 0);
    if (!next.records.length) return { records: 0, clusters: 0 };
    // restored only when there is something to fuse: a pass right after another process's finds nothing
    if (!cache || cache.generation !== generation) cache = { generation, state: await restore(client) };
    let records = 0;
    const changed = new Set<string>();
    for (;;) {
      const update = fuseUpdate(cache.state, next.records, next.docs);
      await write(client, update.clusters.map(fusedRow), update.members);
      // by id: records that arrived while this pass ran stay pending for the next one
      const ids = next.records.map((r) => r.id);
      await client.query("DELETE FROM fusion_pending WHERE record_id = ANY($1::text[])", [ids]);
      for (const ev of update.clusters) changed.add(ev.id);
      records += update.members.length;
      if (!next.full) break;
      next = await waiting(client, next.last);
      if (!next.records.length) break;
    }
    await client.query("UPDATE fusion_state SET value = $1 WHERE key = 'generation'", [generation + 1]);
    cache.generation = generation + 1;
    return { records, clusters: changed.size };
  }

  return {
    async pending() {
      const { rows } = await pool.query("SELECT 1 FROM fusion_pending LIMIT 1");
      return rows.length > 0;
    },
    async fuse() {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const counts = await pass(client);
        await client.query("COMMIT");
        return counts;
      } catch (err) {
        cache = null; // the pass may have changed the state before failing
        await client.query("ROLLBACK").catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
  };
}
