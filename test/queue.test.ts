// The work queue end to end, against a real Redis and a real PostgreSQL (skipped unless SITREP_TEST_PG_URL and
// SITREP_TEST_REDIS_URL are set; `bash scripts/ci-services.sh` starts both): `sitrep worker` processes in child
// processes, a batch with repeated texts and a poison document, then a worker killed mid-batch.
import assert from "node:assert/strict";
import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";
import { extractDocument } from "../src/extract.ts";
import { readInputs } from "../src/ingest/index.ts";
import type { Document } from "../src/model/types.ts";
import { enqueueInputs, listDeadLetters, retryDeadLetters } from "../src/queue/index.ts";
import { parseSummary, startWorkerProcess, type WorkerProcess } from "../src/queue/spawn.ts";

const PG_URL = process.env.SITREP_TEST_PG_URL;
const REDIS_URL = process.env.SITREP_TEST_REDIS_URL;
const SKIP =
  PG_URL && REDIS_URL
    ? undefined
    : "queue integration tests not run: they need SITREP_TEST_PG_URL and SITREP_TEST_REDIS_URL " +
      '(as root: services=$(bash scripts/ci-services.sh) && eval "$services", then npm test)';

const dir = mkdtempSync(join(tmpdir(), "sitrep-queue-"));
const run = `${process.pid}_${Date.now().toString(36)}`;
const schemas: string[] = [];
const queues: string[] = [];
const children: ChildProcess[] = [];

after(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
  if (SKIP) return;
  const redis = new Redis(REDIS_URL as string, { maxRetriesPerRequest: 2 });
  for (const name of queues) {
    const q = new Queue(name, { connection: redis });
    await q.obliterate({ force: true });
    await q.close();
  }
  await redis.quit();
  await sql(async (c) => {
    for (const s of schemas) await c.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  });
});

async function sql<T>(use: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

const PLACES = ["Palmyra", "Homs", "Aleppo", "Raqqa", "Idlib", "Deir ez-Zor", "Hama", "Daraa"];

/** `n` short reports, all different, most with an event or two. */
function reports(prefix: string, n: number): { id: string; text: string; published: string }[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `${prefix}${i}`,
    text:
      `Syrian jets bombed ISIS positions near ${PLACES[i % PLACES.length]} on Monday, killing ${(i % 40) + 2} ` +
      `militants, a military source told reporters. Rebels shelled ${PLACES[(i + 3) % PLACES.length]} overnight. (${prefix} report ${i})`,
    published: "2017-01-16",
  }));
}

function jsonl(name: string, rows: object[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`);
  return path;
}

/** `sitrep worker` in a child process, storing into `schema`. */
function startWorker(queue: string, schema: string, args: string[]): WorkerProcess {
  const w = startWorkerProcess(queue, args, {
    SITREP_DATABASE_URL: PG_URL,
    SITREP_PG_SCHEMA: schema,
    SITREP_REDIS_URL: REDIS_URL,
  });
  children.push(w.child);
  return w;
}

/** Waits until every worker takes jobs; fails with its output if one exits before. */
async function allReady(workers: WorkerProcess[]): Promise<void> {
  await within(120_000, "workers starting", Promise.all(workers.map((w) => w.ready)));
  for (const w of workers) {
    assert.equal(w.child.exitCode, null, `a worker exited while starting:\n${w.stderr()}`);
  }
}

/** What a worker's closing line says it did. */
function summary(stderr: string) {
  const s = parseSummary(stderr);
  assert.ok(s, `no summary in worker output:\n${stderr}`);
  return s;
}

async function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: not done after ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Documents as the reader makes them, and how many records extraction gives each. */
async function expected(path: string): Promise<Map<string, { doc: Document; records: number }>> {
  const out = new Map<string, { doc: Document; records: number }>();
  for await (const item of readInputs([path])) {
    if ("contentHash" in item) out.set(item.id, { doc: item, records: extractDocument(item).records.length });
  }
  return out;
}

async function stored(schema: string): Promise<Map<string, number>> {
  return sql(async (c) => {
    const { rows } = await c.query(
      `SELECT d.id, (SELECT count(*) FROM "${schema}".events e WHERE e.doc_id = d.id)::int
                   + (SELECT count(*) FROM "${schema}".controls k WHERE k.doc_id = d.id)::int AS records
       FROM "${schema}".documents d`,
    );
    return new Map(rows.map((r) => [r.id as string, r.records as number]));
  });
}

/** Event records, their memberships of fused events (distinct records), and records waiting for fusion. */
async function fusion(schema: string): Promise<{ events: number; members: number; pending: number }> {
  return sql(
    async (c) =>
      (
        await c.query(
          `SELECT (SELECT count(*) FROM "${schema}".events)::int AS events,
                  (SELECT count(DISTINCT record_id) FROM "${schema}".fused_members)::int AS members,
                  (SELECT count(*) FROM "${schema}".fusion_pending)::int AS pending`,
        )
      ).rows[0],
  );
}

describe("work queue: Redis + BullMQ workers → PostgreSQL", { skip: SKIP }, () => {
  test("two workers store every good document exactly once; the poison one is dead-lettered", async () => {
    const queue = `sitrep-test-${run}-batch`;
    const schema = `sitrep_queue_${run}_batch`;
    queues.push(queue);
    schemas.push(schema);
    const connection = REDIS_URL as string;

    // 300 reports; 5 more lines repeating earlier texts under new ids; a document PostgreSQL refuses (NUL).
    const good = reports("r", 300);
    const repeats = good.slice(0, 5).map((r, i) => ({ ...r, id: `again${i}` }));
    const poison = { id: "poison", text: "Shelling hit \u0000 the old city of Homs on Monday." };
    const batch = jsonl("batch.jsonl", [...good.slice(0, 150), ...repeats, poison, ...good.slice(150)]);
    // A second producer sends 20 of the same reports again.
    const overlap = jsonl("overlap.jsonl", good.slice(100, 120));

    const opts = { connection, queue, attempts: 3, backoffMs: 100 };
    assert.deepEqual(await enqueueInputs([batch], opts), {
      documents: 301,
      enqueued: 301,
      alreadyQueued: 0,
      duplicates: 5,
      failed: 0,
    });
    assert.deepEqual(await enqueueInputs([overlap], opts), {
      documents: 20,
      enqueued: 0,
      alreadyQueued: 20,
      duplicates: 0,
      failed: 0,
    });

    // Hold the queue until both workers are up, so that both take part.
    const redis = new Redis(connection, { maxRetriesPerRequest: 2 });
    const q = new Queue(queue, { connection: redis });
    await q.pause();
    const workers = [0, 1].map(() =>
      startWorker(queue, schema, ["--concurrency", "2", "--drain", "--lock-ms", "10000", "--fuse-every", "1"]),
    );
    await allReady(workers);
    await q.resume();
    const codes = await within(240_000, "workers draining the queue", Promise.all(workers.map((w) => w.exited)));
    await q.close();
    await redis.quit();
    assert.deepEqual(codes, [0, 0], workers.map((w) => w.stderr()).join("\n"));

    const runs = workers.map((w) => summary(w.stderr()));
    assert.ok(
      runs.every((r) => r.stored > 0),
      `both workers stored documents: ${JSON.stringify(runs)}`,
    );
    assert.equal(
      runs.reduce((n, r) => n + r.stored, 0),
      300,
    );
    assert.equal(
      runs.reduce((n, r) => n + r.dead, 0),
      1,
    );
    // The workers fused what they stored, between jobs and before exiting, each record once.
    const fused = await fusion(schema);
    assert.ok(fused.events > 300, "the reports gave event records");
    assert.deepEqual(fused, { events: fused.events, members: fused.events, pending: 0 });
    assert.equal(
      runs.reduce((n, r) => n + r.fused, 0),
      fused.events,
    );
    assert.ok(runs.reduce((n, r) => n + r.fusePasses, 0) >= 2, JSON.stringify(runs));

    // Every good document is stored once, with exactly the records extraction gives it; nothing else is.
    const want = await expected(batch);
    const poisonHash = want.get("poison")?.doc.contentHash;
    want.delete("poison");
    const have = await stored(schema);
    assert.equal(have.size, 300);
    assert.deepEqual([...have.keys()].sort(), good.map((r) => r.id).sort());
    for (const [id, { records }] of want) assert.equal(have.get(id), records, `records of ${id}`);
    const totals = await sql(
      async (c) =>
        (
          await c.query(
            `SELECT count(*)::int AS docs, count(DISTINCT content_hash)::int AS texts FROM "${schema}".documents`,
          )
        ).rows[0],
    );
    assert.deepEqual(totals, { docs: 300, texts: 300 });
    assert.ok([...want.values()].reduce((n, w) => n + w.records, 0) > 300, "the reports gave events");

    // The poison document, and only it, is in the dead-letter list, after all its attempts.
    const dead = await listDeadLetters({ connection, queue });
    assert.equal(dead.length, 1);
    assert.equal(dead[0].doc, "poison");
    assert.equal(dead[0].id, poisonHash);
    assert.equal(dead[0].attempts, 3);
    assert.match(dead[0].reason, /NUL character/);

    // Done jobs no longer hold the text in Redis; dead ones keep it, to be retried.
    const inspectRedis = new Redis(connection, { maxRetriesPerRequest: 2 });
    const inspect = new Queue(queue, { connection: inspectRedis });
    const doneJob = await inspect.getJob(want.get("r7")?.doc.contentHash as string);
    assert.equal(doneJob?.data.text, "");
    assert.equal(doneJob?.data.id, "r7");
    assert.equal((await inspect.getJob(poisonHash as string))?.data.text, poison.text);
    await inspect.close();
    await inspectRedis.quit();

    // Enqueueing everything again adds nothing: done and dead jobs keep their ids.
    const again = await enqueueInputs([batch, overlap], opts);
    assert.equal(again.enqueued, 0);
    assert.equal(again.alreadyQueued, 301);

    // A retried dead letter fails again and comes back to the list; the store is unchanged.
    assert.equal(await retryDeadLetters({ connection, queue }), 1);
    const retry = startWorker(queue, schema, ["--drain", "--lock-ms", "10000"]);
    assert.equal(await within(120_000, "retry worker", retry.exited), 0, retry.stderr());
    assert.equal((await listDeadLetters({ connection, queue })).length, 1);
    assert.equal((await stored(schema)).size, 300);
  });

  test("a worker killed mid-batch loses nothing and stores nothing twice", async () => {
    const queue = `sitrep-test-${run}-kill`;
    const schema = `sitrep_queue_${run}_kill`;
    queues.push(queue);
    schemas.push(schema);
    const good = reports("k", 100);
    const input = jsonl("kill.jsonl", good);
    const redis = new Redis(REDIS_URL as string, { maxRetriesPerRequest: 2 });
    const q = new Queue(queue, { connection: redis });
    await enqueueInputs([input], { connection: redis, queue, attempts: 3, backoffMs: 100 });
    await q.pause();
    // A short lock so that the killed worker's jobs are taken over within seconds.
    const args = ["--concurrency", "4", "--drain", "--lock-ms", "2000"];
    const [victim, survivor] = [startWorker(queue, schema, args), startWorker(queue, schema, args)];
    await allReady([victim, survivor]);
    await q.resume();
    // Kill one worker once some documents are stored (it holds up to 4 jobs at that moment).
    await within(
      120_000,
      "first documents stored",
      (async () => {
        while ((await stored(schema)).size < 20) await new Promise((r) => setTimeout(r, 50));
      })(),
    );
    victim.child.kill("SIGKILL");
    assert.equal(await victim.exited, "SIGKILL");
    assert.equal(await within(180_000, "survivor draining", survivor.exited), 0, survivor.stderr());
    await q.close();
    await redis.quit();

    const have = await stored(schema);
    assert.deepEqual([...have.keys()].sort(), good.map((r) => r.id).sort());
    assert.deepEqual(await listDeadLetters({ connection: REDIS_URL, queue }), []);
    // The survivor's last pass fused the victim's records too.
    const fused = await fusion(schema);
    assert.deepEqual(fused, { events: fused.events, members: fused.events, pending: 0 });
  });
});
