// A pool of worker threads running one handler over many payloads, with results in submission order.
//
// The handler is a TypeScript module exporting `createHandler(options) => (payload) => value` (see
// ./extract-worker.ts); each worker loads it once. Workers start on demand, up to `workers`: a single document
// starts one, a batch starts all. `map` keeps at most `workers × depth` payloads in flight and yields results in
// input order, so output and database order do not depend on which worker finished first.
//
// Failures stay with their payload: an exception in the handler answers that payload with {ok: false, error}
// and the batch goes on. A worker that dies (out of memory, process.exit) is replaced; the payloads it held
// are retried once on another worker, and fail with the reason if it dies again while holding them.

import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { ensureGazetteerCache } from "../ground/gazetteer/index.ts";
import type { Document } from "../model/types.ts";
import type { ExtractOptions, ExtractResult } from "./extract-worker.ts";

const ENTRY = fileURLToPath(new URL("./worker-entry.cjs", import.meta.url));

export interface PoolOptions {
  /** Path (or file: URL) of the handler module, a .ts file exporting `createHandler(options)`. */
  handler: string | URL;
  /** Given to `createHandler` in every worker; must be cloneable. */
  options?: unknown;
  /** Number of worker threads (default: the number of cores). */
  workers?: number;
  /** Payloads in flight per worker (default 4): enough to keep it busy while results travel back. */
  depth?: number;
  /** Have workers report their heap size (see `peakWorkerHeap`). */
  memory?: boolean;
  /**
   * Old-generation heap limit of each worker, in MB (default: V8's own, which lets garbage pile up to several
   * times the live set). A worker that needs more dies with "reached its memory limit"; its payloads are retried
   * once on a fresh worker, then fail with that reason.
   */
  maxHeapMb?: number;
}

/** A payload's outcome: the handler's value, or its error (`stack` when the handler threw). */
export type Settled<R> = { ok: true; value: R } | { ok: false; error: string; stack?: string };

interface Task<P, R> {
  id: number;
  payload: P;
  attempts: number;
  resolve: (r: Settled<R>) => void;
}

interface Slot<P, R> {
  worker: Worker;
  ready: boolean;
  tasks: Map<number, Task<P, R>>;
  heapUsed: number;
  /** Set once the worker has failed or exited; the slot then takes no more tasks. */
  dead: boolean;
}

type Reply<R> =
  | { id: number; ok: true; value: R }
  | { id: number; ok: false; error: string; stack?: string }
  | { ready: true }
  | { fatal: string }
  | { heapUsed: number };

/** Default worker count: the cores this process may use. */
export function defaultWorkers(): number {
  return availableParallelism();
}

/** Flags of this process that worker threads should not repeat: tsx's ESM loader does not work there. */
function workerExecArgv(): string[] {
  const out: string[] = [];
  const argv = process.execArgv;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if ((a === "--import" || a === "--loader" || a === "--experimental-loader") && /tsx/.test(argv[i + 1] ?? "")) {
      i++;
      continue;
    }
    if (/^--(import|loader|experimental-loader)=.*tsx/.test(a)) continue;
    out.push(a);
  }
  return out;
}

export class WorkerPool<P, R> {
  readonly size: number;
  private readonly depth: number;
  private readonly handler: string;
  private readonly slots: Slot<P, R>[] = [];
  private readonly queue: Task<P, R>[] = [];
  private nextId = 0;
  private closed = false;
  /** Set when a worker could not load the handler: every task then fails with it. */
  private fatal: string | undefined;
  private peakHeap = 0;
  private started = 0;
  private readyWaiters: (() => void)[] = [];

  constructor(private readonly opts: PoolOptions) {
    this.size = Math.max(1, Math.floor(opts.workers ?? defaultWorkers()));
    this.depth = Math.max(1, Math.floor(opts.depth ?? 4));
    this.handler = opts.handler instanceof URL ? fileURLToPath(opts.handler) : opts.handler;
  }

  /** Starts every worker now and resolves when all have loaded the handler (rejects if one cannot). */
  async start(): Promise<void> {
    while (this.live().length < this.size) this.spawn();
    await new Promise<void>((resolve) => {
      const check = () => {
        if (this.fatal || this.live().every((s) => s.ready)) resolve();
        else this.readyWaiters.push(check);
      };
      check();
    });
    if (this.fatal) throw new Error(this.fatal);
  }

  /** Runs one payload on some worker. Never rejects: a failure is `{ok: false, error}`. */
  run(payload: P): Promise<Settled<R>> {
    if (this.closed) return Promise.resolve({ ok: false, error: "pool is closed" });
    if (this.fatal) return Promise.resolve({ ok: false, error: this.fatal });
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, payload, attempts: 0, resolve });
      this.pump();
    });
  }

  /**
   * Runs `payloadOf(item)` for every item (items for which it returns undefined pass through without a
   * result) and yields `{item, result}` in the order of `items`, with at most `size × depth` in flight. A result
   * is yielded as soon as it and those before it are in: a slow source (a feed on stdin) does not hold it back.
   */
  async *map<T>(
    items: AsyncIterable<T> | Iterable<T>,
    payloadOf: (item: T) => P | undefined,
  ): AsyncGenerator<{ item: T; result?: Settled<R> }> {
    const window = this.size * this.depth;
    const pending: { item: T; result?: Promise<Settled<R>> }[] = [];
    const it =
      Symbol.asyncIterator in items
        ? (items as AsyncIterable<T>)[Symbol.asyncIterator]()
        : (items as Iterable<T>)[Symbol.iterator]();
    let done = false;
    let reading: Promise<IteratorResult<T>> | undefined;
    const take = (next: IteratorResult<T>) => {
      reading = undefined;
      if (next.done) done = true;
      else {
        const payload = payloadOf(next.value);
        pending.push({ item: next.value, result: payload === undefined ? undefined : this.run(payload) });
      }
    };
    try {
      for (;;) {
        if (!done && !reading && pending.length < window) reading = Promise.resolve(it.next());
        const head = pending[0];
        if (!head) {
          if (!reading) return;
          take(await reading);
          continue;
        }
        if (head.result && reading) {
          // whichever comes first: the oldest result, or the next item to hand out
          const first = await Promise.race([head.result.then(() => false), reading.then(() => true)]);
          if (first) {
            take(await reading);
            continue;
          }
        }
        pending.shift();
        yield head.result ? { item: head.item, result: await head.result } : { item: head.item };
      }
    } finally {
      if (!done) await it.return?.();
    }
  }

  /** The largest heap a worker reported (bytes; with `memory: true`). */
  get peakWorkerHeap(): number {
    return this.peakHeap;
  }

  /** Sum of the workers' last reported heaps (bytes; with `memory: true`). */
  get workerHeap(): number {
    return this.live().reduce((n, s) => n + s.heapUsed, 0);
  }

  /** Workers started so far, including replacements. */
  get workersStarted(): number {
    return this.started;
  }

  /** Stops every worker; tasks not yet answered fail with "pool is closed". */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const t of this.queue.splice(0)) t.resolve({ ok: false, error: "pool is closed" });
    const slots = this.slots.splice(0);
    for (const s of slots) {
      s.dead = true;
      for (const t of s.tasks.values()) t.resolve({ ok: false, error: "pool is closed" });
      s.tasks.clear();
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private live(): Slot<P, R>[] {
    return this.slots.filter((s) => !s.dead);
  }

  private spawn(): Slot<P, R> {
    const worker = new Worker(ENTRY, {
      workerData: { handler: this.handler, options: this.opts.options, memory: this.opts.memory === true },
      execArgv: workerExecArgv(),
      ...(this.opts.maxHeapMb ? { resourceLimits: { maxOldGenerationSizeMb: this.opts.maxHeapMb } } : {}),
      stdout: false,
      stderr: false,
    });
    const slot: Slot<P, R> = { worker, ready: false, tasks: new Map(), heapUsed: 0, dead: false };
    this.started++;
    this.slots.push(slot);
    worker.on("message", (m: Reply<R>) => this.onMessage(slot, m));
    worker.on("error", (e: Error) => this.onDeath(slot, `worker failed: ${e.message}`));
    worker.on("exit", (code) => this.onDeath(slot, `worker exited with code ${code}`));
    return slot;
  }

  private onMessage(slot: Slot<P, R>, m: Reply<R>): void {
    if ("id" in m) {
      const task = slot.tasks.get(m.id);
      if (!task) return;
      slot.tasks.delete(m.id);
      task.resolve(m.ok ? { ok: true, value: m.value } : { ok: false, error: m.error, stack: m.stack });
      this.pump();
    } else if ("ready" in m) {
      slot.ready = true;
      this.wakeReady();
    } else if ("fatal" in m) {
      this.fatal = `worker could not load ${this.handler}: ${m.fatal.split("\n")[0]}`;
      this.failAll(this.fatal);
    } else if ("heapUsed" in m) {
      slot.heapUsed = m.heapUsed;
      if (m.heapUsed > this.peakHeap) this.peakHeap = m.heapUsed;
    }
  }

  private onDeath(slot: Slot<P, R>, reason: string): void {
    if (slot.dead) return;
    slot.dead = true;
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    if (!this.closed) void slot.worker.terminate();
    // retry once what the dead worker held, oldest first; a second death fails them
    const held = [...slot.tasks.values()].sort((a, b) => a.id - b.id);
    slot.tasks.clear();
    const retry: Task<P, R>[] = [];
    for (const t of held) {
      if (this.closed || this.fatal || ++t.attempts > 1) t.resolve({ ok: false, error: this.fatal ?? reason });
      else retry.push(t);
    }
    this.queue.unshift(...retry);
    this.wakeReady();
    this.pump();
  }

  private failAll(error: string): void {
    for (const t of this.queue.splice(0)) t.resolve({ ok: false, error });
    for (const s of this.slots) {
      for (const t of s.tasks.values()) t.resolve({ ok: false, error });
      s.tasks.clear();
    }
    this.wakeReady();
  }

  private wakeReady(): void {
    const waiters = this.readyWaiters.splice(0);
    for (const w of waiters) w();
  }

  /** Hands queued tasks to the least-loaded workers, starting a worker when all are busy and one is allowed. */
  private pump(): void {
    if (this.closed || this.fatal) return;
    while (this.queue.length) {
      const live = this.live();
      let best: Slot<P, R> | undefined;
      for (const s of live) if (s.tasks.size < this.depth && (!best || s.tasks.size < best.tasks.size)) best = s;
      if ((!best || best.tasks.size > 0) && live.length < this.size) best = this.spawn();
      if (!best) return;
      const task = this.queue.shift()!;
      best.tasks.set(task.id, task);
      best.worker.postMessage({ id: task.id, payload: task.payload });
    }
  }
}

/**
 * Old-generation limit of an extraction worker, MB. Its live set is about 60 MB (wink model, gazetteer index,
 * memo tables); left to V8's defaults each worker's heap grew to ~135 MB of mostly garbage before a full
 * collection, and two of them put `npm run bench` over 600 MB. With 256 MB: peak RSS 646 → 526 MB at 10k
 * documents, same CPU per document (docs/performance.md); the largest document ingest accepts (2 MB of text)
 * peaks at ~150 MB of heap.
 */
export const EXTRACT_WORKER_HEAP_MB = 256;

/**
 * A pool running sitrep's pipeline (./extract-worker.ts): payloads are Documents. The gazetteer cache is brought
 * up to date here first: built inside a worker (after an upgrade changed its inputs) it would not fit the
 * worker's heap limit, and every document would fail with "reached its memory limit".
 */
export function createExtractPool(
  options: ExtractOptions,
  pool: Omit<PoolOptions, "handler" | "options"> = {},
): WorkerPool<Document, ExtractResult> {
  ensureGazetteerCache();
  return new WorkerPool({
    maxHeapMb: EXTRACT_WORKER_HEAP_MB,
    ...pool,
    handler: new URL("./extract-worker.ts", import.meta.url),
    options,
  });
}
