// The consumer side: a BullMQ worker that extracts each queued document and stores it, one transaction per
// document. Stores are idempotent (same id or content hash → nothing written), so a job run twice — a worker
// killed after committing, a stalled job taken over — still leaves each document stored exactly once.
// Workers also fuse what they store (docs/fusion.md): at most every `fuseEverySeconds` between jobs and once more
// before exiting, so that readers find fused events ready instead of paying for a first pass over everything the
// workers stored. The store serialises passes (an advisory lock on PostgreSQL) and they are incremental.
import { type Job, Queue, Worker } from "bullmq";
import { extractDocument, placeRecords } from "../extract.ts";
import { documentRegions } from "../ground/outlets.ts";
import type { Store } from "../store/interface.ts";
import { describeRedis, queueName, redisUrl, workerConnection } from "./connection.ts";
import type { IngestJob } from "./enqueue.ts";

export interface WorkerOptions {
  store: Store;
  /** Redis URL (default $SITREP_REDIS_URL, else redis://127.0.0.1:6379). */
  redis?: string;
  queue?: string;
  /** Jobs handled at once in this process (default 1). Extraction is CPU-bound: scale with processes. */
  concurrency?: number;
  /** Exit once the queue has nothing waiting, delayed or running (default: run until stopped). */
  drain?: boolean;
  /**
   * Job lock in ms (default 60000): a job whose worker stops renewing it (killed, or its event loop blocked
   * longer than this) is taken over by another worker after about this long.
   */
  lockMs?: number;
  /**
   * Fuse the stored records at most this often, in seconds, between jobs, and once before exiting (default 30;
   * 0: never, leaving fusion to the first reader that needs fused events).
   */
  fuseEverySeconds?: number;
  /** Messages (default: stderr). */
  log?: (line: string) => void;
  /** Resolves when the worker should stop (default: SIGINT or SIGTERM). */
  stop?: Promise<unknown>;
}

export interface WorkerSummary {
  /** Jobs completed by this worker. */
  done: number;
  /** Of those, documents this worker stored (the rest were already stored). */
  stored: number;
  records: number;
  /** Failed attempts (each is retried with backoff until the job's attempts run out). */
  failedAttempts: number;
  /** Jobs this worker moved to the dead-letter list (their last attempt failed here). */
  dead: number;
  /** Records this worker's fusion passes joined to fused events (other workers' records included). */
  fused: number;
  /** Fusion passes run, and the seconds they took (within `seconds`). */
  fusePasses: number;
  fuseSeconds: number;
  seconds: number;
  /** CPU time (user + system) this process used meanwhile, in seconds. */
  cpuSeconds: number;
}

export interface JobResult {
  inserted: boolean;
  records: number;
}

/** Extracts and stores one document; the per-job step, exported for tests and benchmarks. */
export async function processDocument(store: Store, doc: IngestJob): Promise<JobResult> {
  // A document stored already (an earlier run, a retried job) costs one lookup, not an extraction.
  if (await store.hasDocument(doc.contentHash)) return { inserted: false, records: 0 };
  if (!doc.text)
    throw new Error(`job of document ${doc.id} has no text (released after storing?) and it is not stored`);
  const { records, annotated } = extractDocument(doc);
  const regions = doc.outlet ? documentRegions(doc.outlet, placeRecords(annotated)) : undefined;
  const { inserted } = await store.putDocument(doc, records, regions);
  return { inserted, records: inserted ? records.length : 0 };
}

/**
 * The job processor: store, then drop the text from the job's data. A completed job is kept for a week so that
 * its id (the content hash) keeps re-enqueued copies out, and it should not hold the text in Redis meanwhile;
 * if the job runs again anyway (the worker died before completing it), the document is found stored first.
 */
async function processJob(store: Store, job: Job<IngestJob>): Promise<JobResult> {
  const result = await processDocument(store, job.data);
  if (job.data.text) await job.updateData({ ...job.data, text: "" });
  return result;
}

function onSignal(): Promise<string> {
  return new Promise((resolve) => {
    for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => resolve(sig));
  });
}

/** Fuses the records waiting in the store when due: at most every `everyMs` while storing, and at `flush`. */
function fusionSchedule(store: Store, everyMs: number, summary: WorkerSummary, log: (line: string) => void) {
  let last = performance.now();
  let waiting = false;
  let running: Promise<void> = Promise.resolve();
  const pass = async () => {
    waiting = false;
    last = performance.now();
    try {
      const c = await store.fuse();
      summary.fused += c.records;
      summary.fusePasses++;
    } catch (err) {
      waiting = true; // the records stay pending in the store: the next pass takes them
      log(`sitrep worker: fusion pass failed: ${(err as Error).message}`);
    }
    summary.fuseSeconds += (performance.now() - last) / 1000;
  };
  const run = () => {
    running = running.then(pass);
    return running;
  };
  return {
    /** After a job that stored a document: a pass if one is due (one at a time in this process). */
    stored(): Promise<void> {
      waiting = true;
      return everyMs > 0 && performance.now() - last >= everyMs ? run() : Promise.resolve();
    },
    /** Before exiting: fuse what is still waiting. */
    flush(): Promise<void> {
      return everyMs > 0 && waiting ? run() : Promise.resolve();
    },
  };
}

/** Runs a worker until `stop` (or, with `drain`, until the queue is empty); returns what it did. */
export async function runWorker(opts: WorkerOptions): Promise<WorkerSummary> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const url = opts.redis ?? redisUrl();
  const name = queueName(opts.queue);
  const lockDuration = opts.lockMs ?? 60_000;
  const connection = workerConnection(url);
  const summary: WorkerSummary = {
    done: 0,
    stored: 0,
    records: 0,
    failedAttempts: 0,
    dead: 0,
    fused: 0,
    fusePasses: 0,
    fuseSeconds: 0,
    seconds: 0,
    cpuSeconds: 0,
  };
  const started = performance.now();
  const cpu = process.cpuUsage();

  const fusion = fusionSchedule(opts.store, (opts.fuseEverySeconds ?? 30) * 1000, summary, log);
  const handle = async (job: Job<IngestJob>) => {
    const result = await processJob(opts.store, job);
    if (result.inserted) await fusion.stored();
    return result;
  };
  const worker = new Worker<IngestJob, JobResult>(name, handle, {
    connection,
    concurrency: opts.concurrency ?? 1,
    lockDuration,
    stalledInterval: Math.min(lockDuration, 30_000),
    // A job whose worker died is taken over; only after several such losses is it given up as dead.
    maxStalledCount: 3,
    autorun: false,
  });
  worker.on("completed", (_job, result: JobResult) => {
    summary.done++;
    if (result.inserted) summary.stored++;
    summary.records += result.records;
  });
  worker.on("failed", (job, err) => {
    summary.failedAttempts++;
    if (!job) return;
    const tries = job.opts.attempts ?? 1;
    const last = job.attemptsMade >= tries;
    if (last) summary.dead++;
    log(
      `sitrep worker: ${job.data?.origin ?? job.id}: attempt ${job.attemptsMade}/${tries} failed: ${err.message}` +
        (last ? " — moved to the dead-letter list" : " — will retry"),
    );
  });
  worker.on("error", (err) => log(`sitrep worker: ${err.message}`));

  let drainTimer: NodeJS.Timeout | undefined;
  const stops: Promise<unknown>[] = [opts.stop ?? onSignal()];
  let queue: Queue | undefined;
  if (opts.drain) {
    // Empty means nothing waiting, delayed (a retry's backoff), prioritised or running anywhere, twice in a row.
    queue = new Queue(name, { connection });
    const q = queue;
    stops.push(
      new Promise<void>((resolve) => {
        let idle = 0;
        drainTimer = setInterval(async () => {
          try {
            const c = await q.getJobCounts("waiting", "delayed", "prioritized", "active", "waiting-children");
            idle = Object.values(c).every((n) => n === 0) ? idle + 1 : 0;
            if (idle >= 2) resolve();
          } catch (err) {
            log(`sitrep worker: ${(err as Error).message}`);
          }
        }, 250);
      }),
    );
  }

  log(`sitrep worker: queue ${name} on ${describeRedis(url)}, concurrency ${opts.concurrency ?? 1}`);
  const running = worker.run();
  try {
    await Promise.race([...stops, running]);
  } finally {
    clearInterval(drainTimer);
    await worker.close();
    await running.catch(() => {});
    await fusion.flush();
    await queue?.close();
    await connection.quit().catch(() => connection.disconnect());
  }
  summary.seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  summary.cpuSeconds = (used.user + used.system) / 1e6;
  return summary;
}

export function formatSummary(s: WorkerSummary): string {
  const rate = s.seconds > 0 ? (s.done / s.seconds).toFixed(1) : "0";
  return (
    `sitrep worker: ${s.done} jobs done (${s.stored} stored, ${s.done - s.stored} already stored, ${s.records} records), ` +
    `${s.failedAttempts} failed attempts, ${s.dead} dead-lettered, in ${s.seconds.toFixed(1)} s (${rate} jobs/s, ` +
    `${s.cpuSeconds.toFixed(1)} s CPU); fused ${s.fused} records in ${s.fusePasses} passes (${s.fuseSeconds.toFixed(1)} s)`
  );
}
