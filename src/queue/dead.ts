// The dead-letter list: jobs that failed on every try. BullMQ moves a job to the queue's "failed" set only after
// its last attempt (earlier failures go back to "delayed" with backoff), atomically, in Redis; that set is the
// dead-letter list. It is kept (removeOnFail: false) until its jobs are retried or removed.
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { producerConnection, queueName, redisUrl } from "./connection.ts";
import type { IngestJob } from "./enqueue.ts";

export interface DeadLetter {
  /** The job id: the document's content hash. */
  id: string;
  doc: string;
  origin: string;
  /** The last error message. */
  reason: string;
  attempts: number;
  /** ISO time of the last failure. */
  failedAt: string | null;
}

export interface DeadLetterOptions {
  connection?: string | Redis;
  queue?: string;
}

async function withQueue<T>(opts: DeadLetterOptions, use: (q: Queue<IngestJob>) => Promise<T>): Promise<T> {
  const own = typeof opts.connection === "object" ? undefined : producerConnection(opts.connection ?? redisUrl());
  const queue = new Queue<IngestJob>(queueName(opts.queue), { connection: own ?? (opts.connection as Redis) });
  try {
    return await use(queue);
  } finally {
    await queue.close();
    if (own) await own.quit().catch(() => own.disconnect());
  }
}

/** The dead-lettered jobs, oldest first. */
export async function listDeadLetters(opts: DeadLetterOptions = {}): Promise<DeadLetter[]> {
  return withQueue(opts, async (queue) => {
    const jobs = (await queue.getFailed(0, -1)).filter((j) => j !== undefined);
    return jobs
      .map((j) => ({
        id: String(j.id),
        doc: j.data?.id ?? "?",
        origin: j.data?.origin ?? "?",
        reason: j.failedReason ?? "",
        attempts: j.attemptsMade,
        failedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
      }))
      .sort((a, b) => (a.failedAt ?? "").localeCompare(b.failedAt ?? ""));
  });
}

/** Puts every dead-lettered job back on the queue with a fresh set of attempts; returns how many. */
export async function retryDeadLetters(opts: DeadLetterOptions = {}): Promise<number> {
  return withQueue(opts, async (queue) => {
    const n = await queue.getFailedCount();
    if (n) await queue.retryJobs({ state: "failed", count: 1000 });
    return n;
  });
}
