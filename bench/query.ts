// Query speed at scale (`npm run bench:query`): a SQLite store filled with synthetic-but-realistic events
// (bench/synthetic-events.ts: real FA-KES records perturbed over Syria, Iraq and Ukraine and 2014–2023), then
// the store's own queries (R-tree for the box, the time and type indexes) timed against the same filters
// evaluated by a full scan of the events table (`NOT INDEXED`, no R-tree), side by side in the same run, and the
// map API (GET /api/events on the real server on loopback) for the same filters.
//
//   node --import tsx bench/query.ts [--events 1000000] [--db FILE] [--requests 30] [--seed-docs 150] [--no-api]
//
// --no-api measures the store's queries only (no fusion, no server).
//
// --db keeps the filled database (a second run with the same file and size skips the fill). The store is fused
// before the API is measured, as after an ingest (bench/map-api.ts measures the fused queries at 10k–100k).
import { existsSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { startServer } from "../src/serve/http/server.ts";
import type { EventFilter } from "../src/store/interface.ts";
import { openSqliteStore } from "../src/store/sqlite/index.ts";
import { eventQuery } from "../src/store/sqlite/queries.ts";
import { extractSeeds, syntheticDocuments } from "./synthetic-events.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values: opts } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    db: { type: "string" },
    requests: { type: "string", default: "30" },
    "seed-docs": { type: "string", default: "150" },
    corpus: { type: "string", default: join(root, "../shared/corpus/fakes.jsonl") },
    "no-api": { type: "boolean", default: false },
  },
});
const EVENTS = Number(opts.events);
const REQUESTS = Number(opts.requests);
const PAGE = 500;
const log = (s: string) => process.stderr.write(`${s}\n`);

const SYRIA: EventFilter["bbox"] = [35.5, 32.3, 42.4, 37.4];
const FILTERS: Record<string, EventFilter> = {
  "bbox + date + type": { bbox: SYRIA, from: "2016-01-01", to: "2016-12-31", type: ["ASSAULT"], limit: PAGE },
  "bbox + date": { bbox: SYRIA, from: "2016-01-01", to: "2016-12-31", limit: PAGE },
  "small bbox (Aleppo)": { bbox: [36.9, 36.0, 37.4, 36.4], limit: PAGE },
  "one month": { from: "2017-01-01", to: "2017-01-31", limit: PAGE },
  unfiltered: { limit: PAGE },
};

/** The store's SQL for `f` as it was before the time trees (schema 2): the 2-D R-tree and the b-tree indexes. */
function withoutTimeTrees(f: EventFilter) {
  const q = eventQuery(f);
  const sql = q.sql
    .replace("events_space_time r", "events_rtree r")
    .replace(" AND r.max_day >= @fromDay AND r.min_day <= @toDay", "")
    .replace(/e\.seq IN \(SELECT r\.id FROM events_days r WHERE [^)]*\)\s+AND /, "")
    .replace(/e\.seq IN \(SELECT r\.id FROM events_days r WHERE [^)]*\)/, "1");
  return { sql, params: q.params };
}

/** The store's SQL for `f` with every index taken away: the R-tree clause dropped, the table NOT INDEXED. */
function fullScan(f: EventFilter) {
  const q = eventQuery(f);
  const sql = q.sql
    .replace(/e\.seq IN \(SELECT r\.id FROM events_(?:rtree|space_time|days) r WHERE [^)]*\)\s+AND /, "")
    .replace(/e\.seq IN \(SELECT r\.id FROM events_(?:rtree|space_time|days) r WHERE [^)]*\)/, "1")
    .replace("FROM events e", "FROM events e NOT INDEXED");
  return { sql, params: q.params };
}

function timed(n: number, run: () => number): { p50: number; p95: number; rows: number } {
  const times: number[] = [];
  let rows = 0;
  for (let i = 0; i < n + 2; i++) {
    const t = performance.now();
    rows = run();
    if (i >= 2) times.push(performance.now() - t); // two warm-up runs
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))] * 10) / 10;
  return { p50: at(0.5), p95: at(0.95), rows };
}

function apiQuery(f: EventFilter): string {
  const p = new URLSearchParams({ limit: String(PAGE) });
  if (f.bbox) p.set("bbox", f.bbox.join(","));
  if (f.from) p.set("from", f.from);
  if (f.to) p.set("to", f.to);
  if (f.type) p.set("type", f.type.join(","));
  return p.toString();
}

/** p95 of REQUESTS GETs of `url` (after two warm-up requests), in ms. */
async function apiP95(url: URL): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < REQUESTS + 2; i++) {
    const t = performance.now();
    // A warm-up request may meet a kept-alive connection that the server closed while the store's own queries
    // ran (ECONNRESET): it is tried once more; timed requests are not.
    const res = await fetch(url).catch((err) => (i < 2 ? fetch(url) : Promise.reject(err)));
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    if (i >= 2) times.push(performance.now() - t);
  }
  times.sort((x, y) => x - y);
  return Math.round(times[Math.min(times.length - 1, Math.floor(0.95 * times.length))] * 10) / 10;
}

async function main() {
  const db = opts.db ?? join(tmpdir(), `sitrep-bench-query-${EVENTS}.db`);
  const raw0 = existsSync(db) ? new Database(db, { readonly: true }) : null;
  const have = raw0 ? (raw0.prepare("SELECT count(*) FROM events").pluck().get() as number) : 0;
  raw0?.close();
  if (have < EVENTS) {
    const t = performance.now();
    const seeds = extractSeeds(opts.corpus, Number(opts["seed-docs"]));
    const store = openSqliteStore(db, { group: 1000 });
    let n = 0;
    for (const { doc, records } of syntheticDocuments(seeds, EVENTS - have, have)) {
      await store.putDocument(doc, records);
      n += records.length;
      if (n % 100_000 < records.length)
        log(`  ${have + n} events stored (${Math.round((performance.now() - t) / 1000)} s)`);
    }
    await store.close();
    log(`filled ${db}: ${EVENTS} events in ${Math.round((performance.now() - t) / 1000)} s`);
  }
  const mb = Math.round((statSync(db).size + (existsSync(`${db}-wal`) ? statSync(`${db}-wal`).size : 0)) / 1e6);
  const conn = new Database(db, { readonly: true });
  conn.pragma("cache_size = -65536");
  const total = conn.prepare("SELECT count(*) FROM events").pluck().get() as number;
  log(`${total} events, ${mb} MB; ${cpus().length} cores, load ${loadavg()[0].toFixed(1)}`);

  // The API serves fused events (each feature says which fused event it belongs to), as after any ingest.
  const store = openSqliteStore(db);
  const api = !opts["no-api"];
  if (api) {
    const t = performance.now();
    const fused = await store.fuse();
    const s = Math.round((performance.now() - t) / 1000);
    if (fused.records) log(`fused ${fused.records} records into ${fused.clusters} fused events in ${s} s`);
  }
  const server = api ? await startServer({ store, staticDir: "" }) : null;
  const rows: string[] = [];
  try {
    for (const [name, f] of Object.entries(FILTERS)) {
      const indexed = eventQuery(f);
      const byIndex = conn.prepare(indexed.sql);
      const scan = fullScan(f);
      const byScan = conn.prepare(scan.sql);
      const a = timed(REQUESTS, () => byIndex.all(indexed.params).length);
      const b = timed(Math.max(3, Math.floor(REQUESTS / 5)), () => byScan.all(scan.params).length);
      const v2 = withoutTimeTrees(f);
      const byV2 = conn.prepare(v2.sql);
      const c = timed(Math.max(3, Math.floor(REQUESTS / 2)), () => byV2.all(v2.params).length);
      if (a.rows !== c.rows) throw new Error(`${name}: ${a.rows} rows with the time trees, ${c.rows} without`);
      if (a.rows !== b.rows) throw new Error(`${name}: ${a.rows} rows with indexes, ${b.rows} by a full scan`);
      const p95 = server ? await apiP95(new URL(`api/events?${apiQuery(f)}`, server.url)) : "–";
      rows.push(
        `| ${name} | ${a.rows} | ${a.p50} / ${a.p95} | ${c.p50} / ${c.p95} | ${b.p50} / ${b.p95} | ${Math.round(b.p50 / Math.max(0.1, a.p50))}× | ${p95} |`,
      );
      log(`${name}: indexed p50 ${a.p50} ms, without time trees ${c.p50} ms, full scan ${b.p50} ms, API p95 ${p95} ms`);
    }
  } finally {
    await server?.close();
    await store.close();
    conn.close();
  }
  process.stdout.write(
    `\n${total} events (${mb} MB), page ${PAGE}, ${cpus().length} cores, load ${loadavg()[0].toFixed(1)}\n\n` +
      "| query | rows | indexed p50 / p95 ms | without the time trees (schema 2) | full scan p50 / p95 ms | speed-up over the scan | API p95 ms |\n" +
      `|---|---|---|---|---|---|---|\n${rows.join("\n")}\n`,
  );
}

await main();
