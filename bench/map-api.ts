// The map and API at scale (`npm run bench:api`): a temporary SQLite store filled with 10k, then 100k synthetic
// events (bench/synthetic-events.ts: real FA-KES records perturbed over Syria, Iraq and Ukraine and 2014–2023),
// fused as ingest fuses them; at each size the real HTTP server on 127.0.0.1 with the built web map, and
//   - API latency (p50/p95 of sequential requests) of a bbox + date query against an unfiltered one, same page
//     size, per record and per fused event (?fused=true);
//   - time to first render of the map in headless Chromium (bench/map-render.ts), median of fresh contexts.
// Options: --sizes 10000,100000  --requests 40  --renders 3  --seed-docs 150  --corpus FILE  --dist DIR (a
// built web app; default: built into the temp dir)  --keep (leave the temp dir). Writes out/bench/map-api.json.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startServer } from "../src/serve/http/server.ts";
import { openSqliteStore } from "../src/store/sqlite/index.ts";
import { chromiumBinary, launchBrowser, type RenderTiming, timeFirstRender } from "./map-render.ts";
import { extractSeeds, syntheticDocuments } from "./synthetic-events.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values: opts } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,100000" },
    requests: { type: "string", default: "40" },
    renders: { type: "string", default: "3" },
    "seed-docs": { type: "string", default: "150" },
    corpus: { type: "string", default: join(root, "../shared/corpus/fakes.jsonl") },
    dist: { type: "string" },
    keep: { type: "boolean", default: false },
  },
});
const sizes = opts.sizes.split(",").map(Number);
const REQUESTS = Number(opts.requests);
const WARMUP = 10;
const PAGE = 500;

/** A year of Syria and its neighbourhood, the map's typical zoomed-in view, against everything. */
const QUERIES = {
  "bbox+date": `bbox=35.5,32.3,42.4,37.4&from=2016-01-01&to=2016-12-31&limit=${PAGE}`,
  unfiltered: `limit=${PAGE}`,
  "bbox+date, fused": `bbox=35.5,32.3,42.4,37.4&from=2016-01-01&to=2016-12-31&limit=${PAGE}&fused=true`,
  "unfiltered, fused": `limit=${PAGE}&fused=true`,
};

const log = (s: string) => process.stderr.write(`${s}\n`);
const seconds = (ms: number) => Math.round(ms / 100) / 10;
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function latency(base: string, query: string) {
  const url = new URL(`api/events?${query}`, base);
  const times: number[] = [];
  let features = 0;
  for (let i = 0; i < WARMUP + REQUESTS; i++) {
    const t = performance.now();
    const res = await fetch(url);
    const body = (await res.json()) as { features: unknown[] };
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    if (i >= WARMUP) times.push(performance.now() - t);
    features = body.features.length;
  }
  times.sort((a, b) => a - b);
  const ms = (x: number) => Math.round(x * 10) / 10;
  return { p50: ms(percentile(times, 50)), p95: ms(percentile(times, 95)), features };
}

function buildWeb(dir: string): string {
  if (opts.dist) return opts.dist;
  const dist = join(dir, "dist");
  log("building the web map…");
  const r = spawnSync("npm", ["run", "-s", "build:web", "--", "--outDir", dist, "--emptyOutDir"], {
    cwd: root,
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`build:web failed:\n${r.stdout}\n${r.stderr}`);
  return dist;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "sitrep-bench-api-"));
  const load = [loadavg()[0]];
  const results: Record<string, unknown>[] = [];
  const binary = chromiumBinary();
  const browser = binary ? await launchBrowser(binary) : null;
  if (!browser) log("no Chromium at /usr/bin/chromium ($SITREP_CHROMIUM): map render not measured");
  try {
    const dist = buildWeb(dir);
    let t = performance.now();
    const seeds = extractSeeds(opts.corpus, Number(opts["seed-docs"]));
    log(`${seeds.length} seed records from ${opts["seed-docs"]} documents in ${seconds(performance.now() - t)} s`);
    const dbPath = join(dir, "bench.db");
    const store = openSqliteStore(dbPath, { group: 256 });
    let stored = 0;
    for (const [batch, size] of sizes.entries()) {
      t = performance.now();
      for (const { doc, records } of syntheticDocuments(seeds, size - stored, batch)) {
        await store.putDocument(doc, records);
      }
      stored = size;
      const fillMs = performance.now() - t;
      t = performance.now();
      const fused = await store.fuse();
      const fuseMs = performance.now() - t;
      const clusters = await store.queryFused({ minSources: 1, limit: 1_000_000 });
      const stats = await store.stats();
      log(
        `${stats.events} events in ${stats.documents} documents: stored in ${seconds(fillMs)} s, ` +
          `${fused.records} fused in ${seconds(fuseMs)} s → ${clusters.length} fused events`,
      );
      const server = await startServer({ store, port: 0, staticDir: dist, log: (e) => log(String(e)) });
      try {
        const api: Record<string, Awaited<ReturnType<typeof latency>>> = {};
        for (const [name, query] of Object.entries(QUERIES)) {
          api[name] = await latency(server.url, query);
          log(`  ${name}: p50 ${api[name].p50} ms, p95 ${api[name].p95} ms (${api[name].features} features)`);
        }
        const renders: RenderTiming[] = [];
        for (let i = 0; browser && i < Number(opts.renders); i++) {
          renders.push(await timeFirstRender(browser, server.url));
          const r = renders.at(-1)!;
          log(`  map: markers after ${Math.round(r.firstMarkersMs)} ms (events loaded ${Math.round(r.loadedMs)} ms)`);
        }
        load.push(loadavg()[0]);
        results.push({
          events: stats.events,
          documents: stats.documents,
          fusedEvents: clusters.length,
          fillSeconds: seconds(fillMs),
          fuseSeconds: seconds(fuseMs),
          dbMB: Math.round(statSync(dbPath).size / 1e6),
          api,
          mapFirstMarkersMs: renders.length ? Math.round(median(renders.map((r) => r.firstMarkersMs))) : null,
          mapEventsLoadedMs: renders.length ? Math.round(median(renders.map((r) => r.loadedMs))) : null,
        });
      } finally {
        await server.close();
      }
    }
    await store.close();
  } finally {
    await browser?.close();
    if (!opts.keep) rmSync(dir, { recursive: true, force: true });
    else log(`kept ${dir}`);
  }
  const report = {
    date: new Date().toISOString().slice(0, 10),
    machine: `${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}`,
    loadAverage: { min: Math.min(...load), max: Math.max(...load) },
    pageSize: PAGE,
    requests: REQUESTS,
    results,
  };
  const out = join(root, "out/bench");
  if (!existsSync(out)) mkdirSync(out, { recursive: true });
  writeFileSync(join(out, "map-api.json"), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
}

await main();
