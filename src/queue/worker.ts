// The consumer side: a BullMQ worker that extracts each queued document and stores it, one transaction per
// document. Stores are idempotent (same id or content hash → nothing written), so a job run twice — a worker
// killed after committing, a stalled job taken over — still leaves each document stored exactly once.
import { type Job, Queue, Worker } from "bullmq";
import { extractDocument } from "../extract.ts";
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
  const { records } = extractDocument(doc);
  const { inserted } = await store.putDocument(doc, records);
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
    seconds: 0,
    cpuSeconds: 0,
  };
  const started = performance.now();
  const cpu = process.cpuUsage();

  const worker = new Worker<IngestJob, JobResult>(name, (job: Job<IngestJob>) => processJob(opts.store, job), {
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
    `${s.cpuSeconds.toFixed(1)} s CPU)`
  );
}
