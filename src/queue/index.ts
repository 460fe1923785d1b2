// Public API of the work queue (Redis + BullMQ): producers enqueue documents, workers extract and store them.
export {
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  DEFAULT_QUEUE,
  describeRedis,
  queueName,
  redisUrl,
} from "./connection.ts";
export { type DeadLetter, listDeadLetters, retryDeadLetters } from "./dead.ts";
export { type EnqueueOptions, type EnqueueResult, enqueueInputs, type IngestJob, ingestToQueue } from "./enqueue.ts";
export { formatSummary, type JobResult, processDocument, runWorker, type WorkerSummary } from "./worker.ts";
