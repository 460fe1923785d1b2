// One benchmark run in its own process, so that its peak RSS is its own: prints one JSON line (RunResult).
//
//   node --import tsx bench/run-one.ts --mode ingest|tokenize --input FILE [--workers N] [--db FILE]
//
// ingest: read JSONL → extract on the worker pool (stage timings on) → store into SQLite, exactly the path of
// `sitrep ingest`. tokenize: the same reading and pool, with wink-nlp's readDoc as the only work.
import { statSync } from "node:fs";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { StageTimings } from "../src/extract.ts";
import { isInputError, newStats, readInputs } from "../src/ingest/index.ts";
import type { Document, InputError } from "../src/model/types.ts";
import type { ExtractResult } from "../src/run/extract-worker.ts";
import { createExtractPool, type Settled, WorkerPool } from "../src/run/pool.ts";
import { openSqliteStore } from "../src/store/sqlite/index.ts";

export interface RunResult {
  mode: "ingest" | "tokenize";
  workers: number;
  documents: number;
  failed: number;
  records: number;
  /** Seconds from the start of the process's work to all workers ready (modules, model, gazetteer loaded). */
  startupS: number;
  /** Seconds from the first read to the last document stored and the database closed. */
  wallS: number;
  /** CPU seconds of the whole process (every thread) over `wallS`. */
  cpuS: number;
  /** Peak resident set of the process (all threads), bytes: the kernel's high-water mark. */
  peakRss: number;
  /** Largest sum of the workers' reported heaps, bytes. */
  peakWorkerHeap: number;
  /** Database file size after close, bytes (0 for tokenize). */
  dbBytes: number;
  /** Milliseconds summed over documents: read (main thread), each recogniser and assemble (workers), store. */
  stages: StageTimings;
  /** Share of the main thread's time spent busy during the run (event-loop utilisation). */
  mainBusy: number;
  loadBefore: number;
  loadAfter: number;
}

/** Reads with the time spent in the reader (parse, normalise, hash, dedupe) added to `stages.read`. */
async function* timedRead(
  paths: string[],
  stages: StageTimings,
): AsyncGenerator<Document | InputError, void, undefined> {
  const it = readInputs(paths, { stats: newStats() });
  for (;;) {
    const t = performance.now();
    const r = await it.next();
    stages.read = (stages.read ?? 0) + performance.now() - t;
    if (r.done) return;
    yield r.value;
  }
}

function addTimings(into: StageTimings, from: StageTimings | undefined): void {
  if (!from) return;
  for (const k in from) into[k] = (into[k] ?? 0) + from[k];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      mode: { type: "string" },
      input: { type: "string" },
      workers: { type: "string" },
      db: { type: "string" },
    },
  });
  const mode = values.mode === "tokenize" ? "tokenize" : "ingest";
  const input = values.input;
  if (!input) throw new Error("--input FILE is required");
  const workers = Number(values.workers ?? 2);
  const loadBefore = loadavg()[0];
  const t0 = performance.now();
  let peakWorkerHeap = 0;

  const stages: StageTimings = {};
  let documents = 0;
  let failed = 0;
  let records = 0;
  let dbBytes = 0;

  type Step = (doc: Document) => Settled<ExtractResult | number> | Promise<Settled<ExtractResult | number>>;
  let pool: WorkerPool<Document, ExtractResult | number> | undefined;
  let local: Step | undefined;
  if (workers > 0) {
    const started =
      mode === "ingest"
        ? createExtractPool({ task: "records", timings: true, warm: true }, { workers, memory: true })
        : new WorkerPool<Document, number>({
            handler: fileURLToPath(new URL("./tokenize-worker.ts", import.meta.url)),
            workers,
            memory: true,
          });
    pool = started as WorkerPool<Document, ExtractResult | number>;
    await pool.start();
  } else if (mode === "ingest") {
    const { createHandler } = await import("../src/run/extract-worker.ts");
    const h = createHandler({ task: "records", timings: true, warm: true });
    local = (doc) => ({ ok: true, value: h(doc) });
  } else {
    const { createHandler } = await import("./tokenize-worker.ts");
    const h = createHandler();
    local = (doc) => ({ ok: true, value: h(doc) });
  }
  const startupS = (performance.now() - t0) / 1000;

  const sampler = setInterval(() => {
    if (pool && pool.workerHeap > peakWorkerHeap) peakWorkerHeap = pool.workerHeap;
  }, 50);
  const dbPath = values.db ?? `${input}.db`;
  const store = mode === "ingest" ? openSqliteStore(dbPath, { group: 256 }) : undefined;

  const elu0 = performance.eventLoopUtilization();
  const cpu0 = process.cpuUsage();
  const t1 = performance.now();
  const items = timedRead([input], stages);
  const results = pool
    ? pool.map(items, (x) => (isInputError(x) ? undefined : x))
    : (async function* () {
        for await (const item of items) {
          yield { item, result: isInputError(item) ? undefined : await local!(item) };
        }
      })();
  for await (const { item, result } of results) {
    if (isInputError(item) || !result?.ok) {
      failed++;
      continue;
    }
    documents++;
    if (store && typeof result.value === "object") {
      addTimings(stages, result.value.timings);
      const out = result.value.records ?? [];
      const t = performance.now();
      await store.putDocument(item, out);
      stages.store = (stages.store ?? 0) + performance.now() - t;
      records += out.length;
    }
  }
  if (store) {
    const t = performance.now();
    await store.close();
    stages.store = (stages.store ?? 0) + performance.now() - t;
    dbBytes = statSync(dbPath).size;
  }
  const wallS = (performance.now() - t1) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const mainBusy = performance.eventLoopUtilization(elu0).utilization;
  clearInterval(sampler);
  if (pool) {
    peakWorkerHeap = Math.max(peakWorkerHeap, pool.workerHeap, pool.peakWorkerHeap);
    await pool.close();
  }
  const result: RunResult = {
    mode,
    workers,
    documents,
    failed,
    records,
    startupS,
    wallS,
    cpuS: (cpu.user + cpu.system) / 1e6,
    peakRss: process.resourceUsage().maxRSS * 1024,
    peakWorkerHeap,
    dbBytes,
    stages,
    mainBusy,
    loadBefore,
    loadAfter: loadavg()[0],
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`bench: ${(e as Error).stack ?? e}\n`);
  process.exitCode = 1;
});
