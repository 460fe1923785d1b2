// The producer side: read inputs as `sitrep ingest` does and put one job per document on the queue. The job id
// is the document's content hash, so enqueueing the same text again (same run, another run, another producer)
// adds nothing while the first job is queued, running, failed or kept as completed.
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { formatInputError, isInputError, newStats, readInputs } from "../ingest/index.ts";
import type { Document, InputError } from "../model/types.ts";
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  describeRedis,
  KEEP_COMPLETED_S,
  producerConnection,
  queueName,
  redisUrl,
} from "./connection.ts";

export interface EnqueueOptions {
  /** A Redis URL, or an ioredis client (left open). Default: $SITREP_REDIS_URL, else redis://127.0.0.1:6379. */
  connection?: string | Redis;
  /** Publication date for inputs that lack one (as `sitrep ingest --published`). */
  published?: string;
  /** Queue name (default $SITREP_QUEUE, else "sitrep-ingest"). */
  queue?: string;
  /** Tries per document before it goes to the dead-letter list (default 5). */
  attempts?: number;
  /** First retry delay in ms, doubled at each retry (default 2000). */
  backoffMs?: number;
  /** Called for each unreadable input; default: a line on stderr, as `sitrep ingest` prints. */
  onInputError?: (e: InputError) => void;
  /** Jobs sent to Redis per round trip (default 200). */
  batchSize?: number;
}

export interface EnqueueResult {
  /** Documents read (after the reader's own removal of repeated texts). */
  documents: number;
  /** New jobs put on the queue. */
  enqueued: number;
  /** Documents whose job (same content hash) was already on the queue, running, failed or kept as done. */
  alreadyQueued: number;
  /** Repeated texts among the inputs, skipped by the reader. */
  duplicates: number;
  /** Inputs (files or lines) that could not be read. */
  failed: number;
}

/** The job a worker gets: the document, as read. */
export type IngestJob = Document;

/** Reads `paths` and enqueues one job per document; see the module comment for idempotence. */
export async function enqueueInputs(paths: string[], opts: EnqueueOptions = {}): Promise<EnqueueResult> {
  const own = typeof opts.connection === "object" ? undefined : producerConnection(opts.connection ?? redisUrl());
  const connection = own ?? (opts.connection as Redis);
  const queue = new Queue<IngestJob>(queueName(opts.queue), { connection });
  const jobOptions = {
    attempts: opts.attempts ?? DEFAULT_ATTEMPTS,
    backoff: { type: "exponential" as const, delay: opts.backoffMs ?? DEFAULT_BACKOFF_MS },
    removeOnComplete: { age: KEEP_COMPLETED_S },
    removeOnFail: false,
  };
  const batchSize = opts.batchSize ?? 200;
  const onInputError = opts.onInputError ?? ((e) => process.stderr.write(`sitrep: ${formatInputError(e)}\n`));
  const stats = newStats();
  const result: EnqueueResult = { documents: 0, enqueued: 0, alreadyQueued: 0, duplicates: 0, failed: 0 };
  let batch: Document[] = [];

  const flush = async () => {
    if (!batch.length) return;
    const docs = batch;
    batch = [];
    // Which of these ids exist already (for the counts; BullMQ itself ignores a job whose id exists).
    const pipeline = connection.pipeline();
    for (const d of docs) pipeline.exists(queue.toKey(d.contentHash));
    const exists = (await pipeline.exec()) ?? [];
    const known = exists.filter(([err, n]) => !err && n === 1).length;
    await queue.addBulk(
      docs.map((d) => ({ name: "document", data: d, opts: { ...jobOptions, jobId: d.contentHash } })),
    );
    result.alreadyQueued += known;
    result.enqueued += docs.length - known;
  };

  try {
    for await (const item of readInputs(paths, { published: opts.published, stats })) {
      if (isInputError(item)) {
        result.failed++;
        onInputError(item);
        continue;
      }
      result.documents++;
      batch.push(item);
      if (batch.length >= batchSize) await flush();
    }
    await flush();
    result.duplicates = stats.duplicates;
    return result;
  } finally {
    await queue.close();
    if (own) await own.quit().catch(() => own.disconnect());
  }
}

/**
 * `sitrep ingest --queue PATH…`: enqueues the inputs on $SITREP_QUEUE (else sitrep-ingest) at $SITREP_REDIS_URL,
 * prints one summary line on stderr and returns the exit status (1 when some input could not be read).
 */
export async function ingestToQueue(paths: string[], published?: string): Promise<number> {
  const url = redisUrl();
  const r = await enqueueInputs(paths, { connection: url, published });
  process.stderr.write(
    `sitrep: ${r.documents} documents read, ${r.enqueued} queued, ${r.alreadyQueued} already queued, ` +
      `${r.duplicates} duplicates, ${r.failed} failed (queue ${queueName(undefined)} on ${describeRedis(url)})\n`,
  );
  return r.failed ? 1 : 0;
}
