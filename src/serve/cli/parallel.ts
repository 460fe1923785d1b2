// Runs a batch through the worker pool (src/run/pool.ts): documents are read and handled here, in input order,
// while the workers extract them. `--workers 0` keeps everything on this thread (the plain runBatch path).
import { pathToFileURL } from "node:url";
import {
  addTally,
  type DocumentRegions,
  documentRegions,
  homesOf,
  tallyRegions,
  withHome,
} from "../../ground/outlets.ts";
import { formatInputError, isInputError, newStats, readInputs } from "../../ingest/index.ts";
import type { Document, Home, InputError } from "../../model/types.ts";
import type { createHandler, ExtractOptions, ExtractResult } from "../../run/extract-worker.ts";
import { createExtractPool, defaultWorkers, WorkerPool } from "../../run/pool.ts";
import type { Store } from "../../store/interface.ts";
import { UsageError } from "./args.ts";
import { type BatchResult, runBatch } from "./batch.ts";
import { Progress } from "./progress.ts";

export const WORKERS_HELP = `  --workers N         worker threads for extraction (default: the number of cores, here ${defaultWorkers()});
                      0 runs everything on the main thread. Output order does not depend on it.`;

/** The `--workers` option: a non-negative integer, default the number of cores. */
export function workersOption(v: string | boolean | undefined): number {
  if (typeof v !== "string") return defaultWorkers();
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n)) throw new UsageError("--workers must be 0 or more");
  return n;
}

function reportFailure(doc: Document, message: string, stack?: string): void {
  process.stderr.write(`sitrep: ${doc.origin}: could not process this document: ${message}\n`);
  if (process.env.SITREP_DEBUG && stack) process.stderr.write(`${stack}\n`);
}

/**
 * Reads `paths`, extracts every document (on `workers` threads) and calls `step` with each document and its
 * result, in input order. A bad input or a document that fails is reported on stderr and the batch goes on.
 */
export async function runParallelBatch(
  paths: string[],
  published: string | undefined,
  options: ExtractOptions & {
    workers: number;
    /** Another handler module than ../../run/extract-worker.ts, with the same shape (tests use this). */
    handler?: string;
    /** Outlet → home region (`learnHomes`): each document of a listed outlet is read with its home. */
    homes?: Map<string, Home>;
  },
  step: (doc: Document, result: ExtractResult) => void | Promise<void>,
): Promise<BatchResult> {
  const { workers, handler, homes, ...task } = options;
  if (workers < 1) {
    const mod = (await import(handler ? pathToFileURL(handler).href : "../../run/extract-worker.ts")) as {
      createHandler: typeof createHandler;
    };
    const handle = mod.createHandler(task);
    return runBatch(paths, published, (doc) => {
      const read = withHome(doc, homes);
      return step(read, handle(read));
    });
  }
  const stats = newStats();
  const progress = new Progress("reading");
  const pool = handler
    ? new WorkerPool<Document, ExtractResult>({ handler, options: task, workers })
    : createExtractPool(task, { workers });
  let failed = 0;
  let ok = 0;
  try {
    const items = withHomes(readInputs(paths, { published, stats }), homes);
    for await (const { item, result } of pool.map(items, (x) => (isInputError(x) ? undefined : x))) {
      if (isInputError(item)) {
        failed++;
        progress.tick(false);
        process.stderr.write(`sitrep: ${formatInputError(item)}\n`);
        continue;
      }
      if (!result?.ok) {
        failed++;
        progress.tick(false);
        reportFailure(item, result?.error ?? "no result", result?.ok === false ? result.stack : undefined);
        continue;
      }
      try {
        await step(item, result.value);
        ok++;
        progress.tick(true);
      } catch (e) {
        failed++;
        progress.tick(false);
        reportFailure(item, (e as Error).message, (e as Error).stack);
      }
    }
  } finally {
    progress.done();
    await pool.close();
  }
  return { documents: ok, failed, duplicates: stats.duplicates };
}

/** The inputs, each document with its outlet's home (`homes` absent: as they are). */
async function* withHomes<T extends Document | InputError>(
  items: AsyncIterable<T>,
  homes: ReadonlyMap<string, Home> | undefined,
): AsyncGenerator<T | Document> {
  for await (const x of items) yield homes && !isInputError(x) ? withHome(x, homes) : x;
}

export const OUTLET_HOMES_HELP = `  --outlet-homes      read the inputs twice: first learn each outlet's home region from the places found in
                      its documents (an outlet needs 3 or more), then read every document with its outlet's
                      home, which settles names like "Alexandria" in a local paper. Needs files, not -.`;

/** What `learnHomes` learned: each outlet's home, and what each new document said of its outlet's home. */
export interface LearnedHomes {
  homes: Map<string, Home>;
  /** Document id → its regions, read without a home (what `sitrep ingest` stores for later batches). */
  regions: Map<string, DocumentRegions>;
}

/** What `learnHomes` needs of a store: the documents already counted, and their tallies. */
type HomeStore = Pick<Store, "hasDocument" | "outletTallies">;

/**
 * Each outlet's home region (`homesOf`), learned from a first, silent places-only reading of the documents in
 * `paths` that name their outlet, together with what `store` holds of the same outlets from earlier batches
 * (documents it holds already are not counted twice). Bad inputs are left to the second reading to report. The
 * inputs are read twice, so stdin is refused.
 */
export async function learnHomes(
  paths: string[],
  published: string | undefined,
  workers: number,
  store?: HomeStore,
): Promise<LearnedHomes> {
  if (paths.includes("-")) throw new UsageError("--outlet-homes reads the inputs twice: give files, not -");
  // only what the tallies need of each document: a batch's texts are not held
  const read: { id: string; contentHash: string; regions: DocumentRegions }[] = [];
  const items = readInputs(paths, { published, stats: newStats() });
  const keep = (doc: Document, result: ExtractResult | undefined) => {
    if (!doc.outlet || !result?.places) return;
    read.push({ id: doc.id, contentHash: doc.contentHash, regions: documentRegions(doc.outlet, result.places) });
  };
  if (workers < 1) {
    const { createHandler } = await import("../../run/extract-worker.ts");
    const handle = createHandler({ task: "places" });
    for await (const x of items) if (!isInputError(x) && x.outlet) keep(x, handle(x));
  } else {
    const pool = createExtractPool({ task: "places" }, { workers });
    try {
      for await (const { item, result } of pool.map(items, (x) => (isInputError(x) || !x.outlet ? undefined : x)))
        if (!isInputError(item) && result?.ok) keep(item, result.value);
    } finally {
      await pool.close();
    }
  }
  const regions = new Map<string, DocumentRegions>();
  for (const d of read) {
    if (store && ((await store.hasDocument(d.id)) || (await store.hasDocument(d.contentHash)))) continue;
    regions.set(d.id, d.regions);
  }
  const tallies = tallyRegions(regions.values());
  if (store) {
    for (const stored of await store.outletTallies([...tallies.keys()])) {
      const t = tallies.get(stored.outlet);
      if (t) addTally(t, stored);
    }
  }
  return { homes: homesOf(tallies.values()), regions };
}
