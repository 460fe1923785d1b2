// The scale-out commands as a user types them, against a real Redis and PostgreSQL (skipped unless
// SITREP_TEST_PG_URL and SITREP_TEST_REDIS_URL are set; `bash scripts/ci-services.sh` starts both):
// `sitrep ingest --queue` twice (the second adds nothing), `sitrep worker --drain`, then `sitrep events` and
// `sitrep ingest` with $SITREP_DATABASE_URL, all through the CLI's entry point.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { Queue } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";

const PG_URL = process.env.SITREP_TEST_PG_URL;
const REDIS_URL = process.env.SITREP_TEST_REDIS_URL;
const SKIP =
  PG_URL && REDIS_URL
    ? undefined
    : "scale-out CLI tests not run: they need SITREP_TEST_PG_URL and SITREP_TEST_REDIS_URL " +
      '(as root: services=$(bash scripts/ci-services.sh) && eval "$services", then npm test)';

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dir = mkdtempSync(join(tmpdir(), "sitrep-cli-scale-"));
const run = `${process.pid}_${Date.now().toString(36)}`;
const queue = `sitrep-cli-${run}`;
const schema = `sitrep_cli_${run}`;

after(async () => {
  rmSync(dir, { recursive: true, force: true });
  if (SKIP) return;
  const redis = new Redis(REDIS_URL as string, { maxRetriesPerRequest: 2 });
  const q = new Queue(queue, { connection: redis });
  await q.obliterate({ force: true });
  await q.close();
  await redis.quit();
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});

function sitrep(args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/serve/cli/main.ts", ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 180_000,
    env: {
      ...process.env,
      SITREP_DATABASE_URL: PG_URL,
      SITREP_PG_SCHEMA: schema,
      SITREP_REDIS_URL: REDIS_URL,
      SITREP_QUEUE: queue,
    },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const TEXTS = [
  "Syrian jets bombed ISIS positions near Palmyra on Monday, killing 12 militants, a military source said.",
  "Rebels shelled government-held districts of Aleppo on Sunday, activists said.",
  "Turkish troops entered Afrin on Saturday after the YPG withdrew, Anadolu reported.",
];

describe("scale-out from the command line: ingest --queue, worker, events on PostgreSQL", { skip: SKIP }, () => {
  test("queued once, stored once, queried back", () => {
    const input = join(dir, "batch.jsonl");
    writeFileSync(
      input,
      `${TEXTS.map((text, i) => JSON.stringify({ id: `cli-${i}`, text, published: "2017-01-16" })).join("\n")}\n`,
    );
    const first = sitrep(["ingest", "--queue", input]);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /3 documents read, 3 queued, 0 already queued/);
    const again = sitrep(["ingest", "--queue", input]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stderr, /0 queued, 3 already queued/);

    const worker = sitrep(["worker", "--drain"]);
    assert.equal(worker.code, 0, worker.stderr);
    assert.match(worker.stderr, /3 jobs done \(3 stored/);

    const events = sitrep(["events", "--format", "jsonl"]);
    assert.equal(events.code, 0, events.stderr);
    const docs = new Set(
      events.stdout
        .trim()
        .split("\n")
        .map((l) => (JSON.parse(l) as { doc: string }).doc),
    );
    assert.deepEqual([...docs].sort(), ["cli-0", "cli-1", "cli-2"]);

    // Direct ingest into the same database: everything is already there.
    const direct = sitrep(["ingest", input, "--workers", "0"]);
    assert.equal(direct.code, 0, direct.stderr);
    assert.match(direct.stderr, /3 documents read, 0 new/);
    assert.match(direct.stderr, /postgres:\/\/[^ ]*\*\*\*/, "the password is masked in messages");
  });

  test("usage: --queue and --db do not go together", () => {
    const r = sitrep(["ingest", "--queue", "--db", "x.db", "nothing.jsonl"]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--queue and --db/);
  });
});
