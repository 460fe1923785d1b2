// `sitrep worker`: consumes the ingest queue (Redis) and stores into PostgreSQL; also lists or retries the
// dead-letter list. The queue modules (BullMQ, ioredis: over a second to load) are imported only when it runs.
import { describeTarget, openStore, storeTarget } from "../../../store/open.ts";
import { parse, str, UsageError } from "../args.ts";
import type { Command } from "./types.ts";

function positiveInt(v: string | undefined, name: string, dflt: number): number {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a positive integer`);
  return n;
}

export const worker: Command = {
  summary: "process queued documents (Redis) into the PostgreSQL database; list or retry dead letters",
  help: `Usage: sitrep worker [--concurrency N] [--drain] [--queue NAME] [--redis URL] [--database-url URL]
       sitrep worker --dead-letters | --retry-dead [--queue NAME] [--redis URL]

Takes documents from the work queue (filled by "sitrep ingest --queue"), extracts events and control claims
and stores each document in one transaction. Run as many workers as you like, on as many machines: each
document is stored exactly once (a document already stored is skipped). A failing document is retried with
exponential backoff; after its last attempt it goes to the dead-letter list.

Options:
  --concurrency N      documents in progress at once in this process (default 1; extraction uses one CPU
                       core per process, so run one worker per core rather than raising this)
  --drain              exit once the queue has nothing waiting, delayed or running
  --queue NAME         queue name (default: $SITREP_QUEUE, else sitrep-ingest)
  --redis URL          Redis (default: $SITREP_REDIS_URL, else redis://127.0.0.1:6379)
  --database-url URL   PostgreSQL (default: $SITREP_DATABASE_URL); schema $SITREP_PG_SCHEMA, else public
  --db FILE            store into a SQLite file instead (one worker only)
  --lock-ms MS         a job whose worker stops answering is taken over after about MS (default 60000)
  --fuse-every S       fuse the stored events into fused events at most every S seconds between documents,
                       and once before exiting (default 30; 0: never, the first read needing them fuses)
  --dead-letters       print the dead-letter list (JSON Lines: id, doc, origin, reason, attempts, failedAt)
  --retry-dead         put every dead-lettered document back on the queue, with fresh attempts

Examples:
  export SITREP_DATABASE_URL=postgres://sitrep:secret@db.internal/sitrep SITREP_REDIS_URL=redis://queue:6379
  sitrep ingest --queue news/*.jsonl && sitrep worker --concurrency 2
  sitrep worker --dead-letters

Exit status: 0 stopped cleanly (SIGINT/SIGTERM, or --drain with an empty queue); 2 usage error;
3 cannot reach Redis or the database.
`,
  async run(args) {
    const { values, positionals } = parse(args, {
      concurrency: { type: "string" },
      drain: { type: "boolean" },
      queue: { type: "string" },
      redis: { type: "string" },
      "database-url": { type: "string" },
      db: { type: "string" },
      "lock-ms": { type: "string" },
      "fuse-every": { type: "string" },
      "dead-letters": { type: "boolean" },
      "retry-dead": { type: "boolean" },
    });
    if (positionals.length) throw new UsageError(`worker takes no PATH (got ${positionals[0]})`);
    const { describeRedis, formatSummary, listDeadLetters, redisUrl, retryDeadLetters, runWorker } = await import(
      "../../../queue/index.ts"
    );
    const redis = str(values.redis) ?? redisUrl();
    const queue = str(values.queue);
    if (values["dead-letters"]) {
      for (const d of await listDeadLetters({ connection: redis, queue }))
        process.stdout.write(`${JSON.stringify(d)}\n`);
      return 0;
    }
    if (values["retry-dead"]) {
      const n = await retryDeadLetters({ connection: redis, queue });
      process.stderr.write(`sitrep: ${n} dead-lettered document(s) back on the queue (${describeRedis(redis)})\n`);
      return 0;
    }
    const concurrency = positiveInt(str(values.concurrency), "--concurrency", 1);
    const lockMs = positiveInt(str(values["lock-ms"]), "--lock-ms", 60_000);
    const fuseEvery = str(values["fuse-every"]) ?? "30";
    const fuseEverySeconds = Number(fuseEvery);
    if (!(fuseEvery.trim() !== "" && Number.isFinite(fuseEverySeconds) && fuseEverySeconds >= 0)) {
      throw new UsageError("--fuse-every must be a number of seconds (0: never)");
    }
    const url = str(values["database-url"]);
    const db = str(values.db);
    const target = storeTarget({ url, db });
    if (!url && !db && !process.env.SITREP_DATABASE_URL) {
      throw new UsageError(
        "worker needs a PostgreSQL database: set SITREP_DATABASE_URL or pass --database-url " +
          "(or --db FILE to use a SQLite file with a single worker)",
      );
    }
    const store = await openStore({ url, db });
    try {
      process.stderr.write(`sitrep worker: storing into ${describeTarget(target)}\n`);
      const summary = await runWorker({
        store,
        redis,
        queue,
        concurrency,
        lockMs,
        fuseEverySeconds,
        drain: values.drain === true,
      });
      process.stderr.write(`${formatSummary(summary)}\n`);
      return 0;
    } finally {
      await store.close();
    }
  },
};
