// Redis connections and the queue's names and defaults, shared by the producer (enqueueInputs), the workers and
// the dead-letter tools.
import { Redis } from "ioredis";

/** The BullMQ queue sitrep's ingest jobs go through, unless told otherwise (--queue, $SITREP_QUEUE). */
export const DEFAULT_QUEUE = "sitrep-ingest";

/** Tries per document before it is dead-lettered, and the first retry delay (doubled at each retry). */
export const DEFAULT_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_MS = 2000;

/** How long completed jobs are kept (so re-enqueueing the same text is a no-op for that long), in seconds. */
export const KEEP_COMPLETED_S = 7 * 24 * 3600;

/** $SITREP_REDIS_URL, else a local Redis on the default port. */
export function redisUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.SITREP_REDIS_URL || "redis://127.0.0.1:6379";
}

export function queueName(name: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const q = name ?? (env.SITREP_QUEUE || DEFAULT_QUEUE);
  if (!/^[\w.-]{1,100}$/.test(q)) throw new RangeError(`queue name must be letters, digits, "_", "-", ".": ${q}`);
  return q;
}

/**
 * A connection for short-lived clients (enqueueing, listing): a Redis that cannot be reached fails the command
 * within a few seconds instead of retrying forever.
 */
export function producerConnection(url: string): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: 2,
    connectTimeout: 5000,
    retryStrategy: (times) => (times > 5 ? null : Math.min(times * 200, 1000)),
  });
}

/** A connection for workers: BullMQ needs maxRetriesPerRequest null; it reconnects for as long as it takes. */
export function workerConnection(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null });
}

/** The URL for messages, password masked. */
export function describeRedis(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(Redis)";
  }
}
