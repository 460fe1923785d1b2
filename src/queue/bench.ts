// Throughput of the queue pipeline and of its parts, for docs/scaling.md. Needs a PostgreSQL and a Redis
// (scripts/ci-services.sh starts both and prints SITREP_TEST_PG_URL / SITREP_TEST_REDIS_URL):
//
//   node --import tsx src/queue/bench.ts [CORPUS.jsonl] [--workers 1,2] [--concurrency 1,2] [--limit N]
//
// Measures, on the same documents: extraction alone (in this process), PostgreSQL writes alone (sequential, then
// 8 at once), BullMQ with a no-op job, then end to end: N `sitrep worker` processes draining the queue into a
// fresh schema, for each N of --workers and each --concurrency (both comma-separated lists). Beside wall-clock
// times it reports CPU time per document of the client side (this process; for end to end, the workers' own
// count), of PostgreSQL and of redis-server (from /proc: every process of that name, with its reaped children),
// since a shared machine's load moves wall-clock times far more. Everything it creates is removed at the end.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";
import { extractDocument } from "../extract.ts";
import { readInputs } from "../ingest/index.ts";
import type { Document, OutputRecord } from "../model/types.ts";
import { openPostgresStore } from "../store/postgres/index.ts";
import { enqueueInputs } from "./enqueue.ts";
import { parseSummary, startWorkerProcess } from "./spawn.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    workers: { type: "string", default: "1,2" },
    concurrency: { type: "string", default: "1" },
    limit: { type: "string" },
  },
});
const corpus = positionals[0] ?? new URL("../../../shared/corpus/fakes.jsonl", import.meta.url).pathname;
const PG_URL = process.env.SITREP_TEST_PG_URL ?? process.env.SITREP_DATABASE_URL;
const REDIS_URL = process.env.SITREP_TEST_REDIS_URL ?? process.env.SITREP_REDIS_URL;
if (!PG_URL || !REDIS_URL) {
  process.stderr.write("bench: set SITREP_TEST_PG_URL and SITREP_TEST_REDIS_URL (bash scripts/ci-services.sh)\n");
  process.exit(2);
}
const tmp = mkdtempSync(join(tmpdir(), "sitrep-bench-"));
const tag = `${process.pid}_${Date.now().toString(36)}`;
const schemas: string[] = [];
const queues: string[] = [];
const rows: string[][] = [];
const notes: string[] = [];

async function sql(text: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}
const log = (s: string) => process.stderr.write(`bench: ${s}\n`);

/**
 * CPU seconds (user + system) used so far by the processes named `name`: the live ones, plus what their exited
 * children used (counted in the parent once reaped): PostgreSQL's backends come and go with connections.
 */
function cpuOf(name: string): number {
  let ticks = 0;
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      if (stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")) !== name) continue;
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]); // utime stime cutime cstime
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks / 100;
}

/** Wall time, and CPU seconds of this process (`self`), of PostgreSQL and of Redis, while `fn` runs. */
async function measure<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; s: number; self: number; pg: number; redis: number }> {
  const self0 = process.cpuUsage();
  const [pg0, r0] = [cpuOf("postgres"), cpuOf("redis-server")];
  const t = performance.now();
  const value = await fn();
  const s = (performance.now() - t) / 1000;
  const self = process.cpuUsage(self0);
  return {
    value,
    s,
    self: (self.user + self.system) / 1e6,
    pg: cpuOf("postgres") - pg0,
    redis: cpuOf("redis-server") - r0,
  };
}

/** One line of the table; `workerCpu` is the CPU of the process(es) doing the stage (default: this one). */
function row(stage: string, n: number, m: { s: number; self: number; pg: number; redis: number }, workerCpu?: number) {
  const per = (x: number) => `${((x / n) * 1000).toFixed(1)}`;
  rows.push([
    stage,
    String(n),
    m.s.toFixed(1),
    (n / m.s).toFixed(1),
    per(workerCpu ?? m.self),
    per(m.pg),
    per(m.redis),
  ]);
  log(`${stage}: ${(n / m.s).toFixed(1)} docs/s`);
}

const schema = (label: string) => {
  const s = `sitrep_bench_${tag}_${label}`;
  schemas.push(s);
  return s;
};
const queueName = (label: string) => {
  const q = `sitrep-bench-${tag}-${label}`;
  queues.push(q);
  return q;
};

async function main() {
  const docs: Document[] = [];
  for await (const item of readInputs([corpus])) if ("contentHash" in item) docs.push(item);
  docs.splice(values.limit ? Number(values.limit) : docs.length);
  // The documents as read, in one file that every stage reads.
  const input = join(tmp, "input.jsonl");
  writeFileSync(
    input,
    docs.map((d) => `${JSON.stringify({ id: d.id, text: d.text, title: d.title, published: d.published })}\n`).join(""),
  );
  const chars = docs.reduce((n, d) => n + d.text.length, 0);
  log(`${docs.length} documents from ${corpus}, ${Math.round(chars / docs.length)} characters on average`);

  // 1. Extraction alone, one core.
  extractDocument(docs[0]); // loads the gazetteer and models once
  const records: OutputRecord[][] = [];
  const ex = await measure(async () => {
    for (const d of docs) records.push(extractDocument(d).records);
  });
  row("extract only (in process)", docs.length, ex);
  const nRecords = records.reduce((n, r) => n + r.length, 0);
  log(`${nRecords} records`);

  // 2. PostgreSQL writes alone: one at a time, then 8 connections at once (group commit).
  const walLsn = async () => (await sql("SELECT pg_current_wal_lsn()::text AS lsn"))[0].lsn as string;
  for (const parallel of [1, 8]) {
    const s = schema(`put${parallel}`);
    const store = await openPostgresStore(PG_URL as string, { schema: s, max: parallel });
    const wal0 = await walLsn();
    let next = 0;
    const m = await measure(() =>
      Promise.all(
        Array.from({ length: parallel }, async () => {
          while (next < docs.length) {
            const i = next++;
            await store.putDocument(docs[i], records[i]);
          }
        }),
      ),
    );
    await store.close();
    row(`PostgreSQL putDocument only, ${parallel} connection(s)`, docs.length, m);
    if (parallel === 1) {
      const [w] = await sql("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)::float8 AS bytes", [wal0]);
      const sizes = await sql(
        `SELECT c.relname AS name, pg_total_relation_size(c.oid)::float8 AS bytes FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY 2 DESC`,
        [s],
      );
      const total = sizes.reduce((t, r) => t + r.bytes, 0);
      notes.push(
        `PostgreSQL, per document: ${(w.bytes / docs.length / 1024).toFixed(1)} KiB of WAL, ` +
          `${(total / docs.length / 1024).toFixed(1)} KiB on disk with indexes ` +
          `(${sizes.map((r) => `${r.name} ${(r.bytes / docs.length / 1024).toFixed(1)}`).join(", ")})`,
      );
    }
  }

  // 3. Redis + BullMQ alone: enqueue, then a no-op worker.
  {
    const q = queueName("noop");
    const m = await measure(() => enqueueInputs([input], { connection: REDIS_URL, queue: q }));
    row("enqueueInputs (read + add to Redis)", docs.length, m);
    for (const concurrency of [1, 8]) {
      const connection = new Redis(REDIS_URL as string, { maxRetriesPerRequest: null });
      const queue = new Queue(q, { connection });
      if (concurrency > 1) await queue.retryJobs({ state: "completed", count: 1000 });
      const n = docs.length;
      let done = 0;
      const mm = await measure(
        () =>
          new Promise<void>((resolve) => {
            const w = new Worker(q, async () => null, { connection, concurrency });
            w.on("completed", () => {
              if (++done === n) void w.close().then(resolve);
            });
          }),
      );
      await queue.close();
      await connection.quit();
      row(`BullMQ no-op job, concurrency ${concurrency}`, n, mm);
    }
  }

  // 4. End to end: N worker processes.
  const list = (v: string | boolean | undefined) => String(v).split(",").map(Number);
  for (const concurrency of list(values.concurrency))
    for (const n of list(values.workers)) await endToEnd(n, concurrency, input);

  const header = [
    "stage",
    "docs",
    "wall s",
    "docs/s",
    "worker CPU ms/doc",
    "PostgreSQL CPU ms/doc",
    "Redis CPU ms/doc",
  ];
  process.stdout.write(
    `${docs.length} documents (${Math.round(chars / docs.length)} chars avg), ${nRecords} records; ` +
      `${cpus().length} cores, load average ${loadavg()
        .map((x) => x.toFixed(1))
        .join(" ")} at the end\n\n`,
  );
  process.stdout.write(`| ${header.join(" | ")} |\n|${header.map(() => "---").join("|")}|\n`);
  for (const r of rows) process.stdout.write(`| ${r.join(" | ")} |\n`);
  for (const n of notes) process.stdout.write(`\n${n}\n`);
}

async function endToEnd(n: number, concurrency: number, input: string) {
  const q = queueName(`w${n}c${concurrency}`);
  const s = schema(`w${n}c${concurrency}`);
  // Create the schema first so that the workers' start-up is not a migration race.
  await (await openPostgresStore(PG_URL as string, { schema: s })).close();
  await enqueueInputs([input], { connection: REDIS_URL, queue: q });
  const connection = new Redis(REDIS_URL as string, { maxRetriesPerRequest: 2 });
  const queue = new Queue(q, { connection });
  await queue.pause();
  const env = { SITREP_DATABASE_URL: PG_URL, SITREP_PG_SCHEMA: s, SITREP_REDIS_URL: REDIS_URL };
  const args = ["--drain", "--concurrency", String(concurrency)];
  const workers = Array.from({ length: n }, () => startWorkerProcess(q, args, env));
  await Promise.all(workers.map((w) => w.ready));
  const m = await measure(async () => {
    await queue.resume();
    return Promise.all(workers.map((w) => w.exited));
  });
  await queue.close();
  await connection.quit();
  const sums = workers.map((w) => parseSummary(w.stderr()));
  if (sums.some((x) => !x)) throw new Error(`a worker failed:\n${workers.map((w) => w.stderr()).join("\n")}`);
  const stored = sums.reduce((t, x) => t + (x?.stored ?? 0), 0);
  const cpu = sums.reduce((t, x) => t + (x?.cpuSeconds ?? 0), 0);
  // The workers' own count starts before the resume and ends after the drain check (≈0.5 s): subtract neither.
  row(`end to end: ${n} worker process(es), concurrency ${concurrency}`, stored, m, cpu);
  const fused = sums.reduce((t, x) => t + (x?.fused ?? 0), 0);
  const passes = sums.reduce((t, x) => t + (x?.fusePasses ?? 0), 0);
  const fuseSeconds = sums.reduce((t, x) => t + (x?.fuseSeconds ?? 0), 0);
  notes.push(
    `${n} worker(s): fusion in the workers (every 30 s and at the end) joined ${fused} records in ${passes} ` +
      `passes, ${fuseSeconds.toFixed(1)} s of the workers' time in all`,
  );
}

async function cleanup() {
  rmSync(tmp, { recursive: true, force: true });
  const connection = new Redis(REDIS_URL as string, { maxRetriesPerRequest: 2 });
  for (const q of queues) {
    const queue = new Queue(q, { connection });
    await queue.obliterate({ force: true });
    await queue.close();
  }
  await connection.quit();
  for (const s of schemas) await sql(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
}

try {
  await main();
} finally {
  await cleanup();
}
