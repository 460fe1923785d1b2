// Crash safety of `sitrep ingest`: the real command on a generated batch, SIGKILLed at random (seeded) moments
// at least 20 times, then run to completion. Afterwards every document is stored exactly once, no record lacks its
// document, every sampled document has exactly the records extraction gives it (nothing half-written), and
// SQLite's integrity checks pass. SITREP_CRASH_SEED=N replays a run.
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { extractDocument } from "../src/extract.ts";
import { documentFromText } from "../src/ingest/index.ts";
import { seededRandom } from "../src/util/random.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dir = mkdtempSync(join(tmpdir(), "sitrep-crash-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const SEED = Number(process.env.SITREP_CRASH_SEED ?? 20261125);
const DOCUMENTS = 6000;
const KILLS = 20;

const ACTORS = ["Turkish troops", "Syrian government forces", "ISIS fighters", "Russian jets", "Rebels", "The YPG"];
const VERBS = ["shelled", "attacked", "bombed", "captured", "withdrew from", "arrived in"];
const PLACES = ["Afrin", "Aleppo", "Homs", "Idlib", "Raqqa", "Daraa", "Douma", "Palmyra", "Jableh", "Manbij"];
const DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

function batch(n: number): { id: string; text: string; published: string }[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `crash-${i}`,
    text:
      `Report ${i}: ${ACTORS[i % 6]} ${VERBS[(i >> 1) % 6]} ${PLACES[i % 10]} on ${DAYS[i % 7]}, ` +
      `killing ${(i % 9) + 2} people, activists said.`,
    published: `2017-0${(i % 9) + 1}-1${i % 10}`,
  }));
}

function startIngest(input: string, db: string): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "src/serve/cli/main.ts", "ingest", input, "--db", db], {
    cwd: root,
    stdio: ["ignore", "ignore", "pipe"],
  });
}

/** Stored document ids, read with a connection of our own (WAL: readers never block the writer). */
function storedIds(db: string): Set<string> {
  let conn: Database.Database | undefined;
  try {
    conn = new Database(db, { fileMustExist: true, timeout: 5000 });
    return new Set(conn.prepare("SELECT id FROM documents").pluck().all() as string[]);
  } catch {
    return new Set(); // not created yet, or still migrating
  } finally {
    conn?.close();
  }
}

interface Round {
  killed: boolean;
  afterMs: number;
  stored: number;
}

/**
 * One run, killed at a random moment: in the first round anywhere from start-up on (migrations included), later
 * between 30% of the time the last run took to its first commit and `afterCommitMs` after it, so most kills land
 * while documents are being written (a group transaction open, or committing). `afterCommitMs` shrinks on a fast
 * machine so that the batch outlasts the kills.
 */
async function killedRun(
  input: string,
  db: string,
  random: () => number,
  firstCommitMs: number,
  afterCommitMs: number,
  first: boolean,
) {
  const before = storedIds(db).size;
  const child = startIngest(input, db);
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const lo = first ? 0 : 0.3 * firstCommitMs;
  const killAt = lo + random() * (firstCommitMs + afterCommitMs - lo);
  const t0 = Date.now();
  let committedAt: number | undefined;
  let done = false;
  exited.then(() => {
    done = true;
  });
  while (!done && Date.now() - t0 < killAt) {
    await sleep(25);
    if (committedAt === undefined && storedIds(db).size > before) committedAt = Date.now() - t0;
  }
  const killed = !done;
  if (killed) child.kill("SIGKILL");
  const code = await exited;
  if (!killed) assert.equal(code, 0, `an ingest that was not killed failed:\n${stderr}`);
  return { round: { killed, afterMs: Math.round(Date.now() - t0), stored: storedIds(db).size }, committedAt };
}

test(`ingest killed ${KILLS}+ times, then completed: every document once, nothing half-written (seed ${SEED})`, async () => {
  const random = seededRandom(SEED);
  const docs = batch(DOCUMENTS);
  const full = join(dir, "batch.jsonl");
  writeFileSync(full, `${docs.map((d) => JSON.stringify(d)).join("\n")}\n`);
  const db = join(dir, "crash.db");
  const rounds: Round[] = [];
  let firstCommitMs = 4000;
  let perMs = 0; // documents stored per ms once a run is writing, measured on the killed runs
  while (rounds.filter((r) => r.killed).length < KILLS) {
    // Resume where the store is (as an operator re-running the command would, minus what is done), with a few
    // stored documents in front so the "already stored" path runs in the middle of writes too.
    const stored = storedIds(db);
    const missing = docs.filter((d) => !stored.has(d.id));
    if (missing.length === 0) break;
    const overlap = docs.filter((d) => stored.has(d.id)).slice(-Math.floor(random() * 30));
    const input = join(dir, `round-${rounds.length}.jsonl`);
    writeFileSync(input, `${[...overlap, ...missing].map((d) => JSON.stringify(d)).join("\n")}\n`);
    // Time after the first commit for this run: leave room for the kills still to come (and a margin of 3).
    const killsLeft = KILLS - rounds.filter((r) => r.killed).length;
    const budgetMs = perMs > 0 ? missing.length / (killsLeft + 3) / perMs : 1000;
    const afterCommitMs = Math.max(50, Math.min(1000, budgetMs));
    const before = stored.size;
    const { round, committedAt } = await killedRun(
      input,
      db,
      random,
      firstCommitMs,
      afterCommitMs,
      rounds.length === 0,
    );
    if (committedAt !== undefined) {
      firstCommitMs = committedAt;
      const writing = round.afterMs - committedAt;
      if (round.killed && writing > 100 && round.stored > before) perMs = (round.stored - before) / writing;
    } else if (round.killed && round.stored === before) {
      // killed before its first commit: start-up takes longer here than assumed, so aim later next time
      firstCommitMs = Math.max(firstCommitMs, round.afterMs * 1.3);
    }
    rounds.push(round);
  }
  const kills = rounds.filter((r) => r.killed).length;
  const log = rounds
    .map((r) => `${r.killed ? "killed" : "finished"} at ${r.afterMs} ms, ${r.stored} stored`)
    .join("\n");
  assert.ok(kills >= KILLS, `only ${kills} kills before the batch was stored; make the batch larger\n${log}`);
  const afterWrites = rounds.filter((r, i) => r.killed && r.stored > (i > 0 ? rounds[i - 1].stored : 0)).length;
  assert.ok(afterWrites >= 2, `only ${afterWrites} kills landed after documents were being written\n${log}`);
  process.stderr.write(
    `${kills} kills (${afterWrites} after this run had committed documents), stored after each: ` +
      `${rounds.map((r) => r.stored).join(" ")}\n`,
  );

  // Re-run the whole batch to completion.
  const last = startIngest(full, db);
  let stderr = "";
  last.stderr?.on("data", (d) => {
    stderr += d;
  });
  const code = await new Promise<number | null>((resolve) => last.on("exit", (c) => resolve(c)));
  assert.equal(code, 0, stderr);
  assert.doesNotMatch(stderr, /\n\s+at /, "no stack trace");

  const conn = new Database(db);
  try {
    const one = (sql: string) => conn.prepare(sql).pluck().get();
    assert.equal(one("PRAGMA integrity_check"), "ok");
    assert.deepEqual(conn.prepare("PRAGMA foreign_key_check").all(), []);
    const ids = conn.prepare("SELECT id FROM documents ORDER BY id").pluck().all() as string[];
    assert.equal(ids.length, DOCUMENTS, `${ids.length} documents stored for ${DOCUMENTS}\n${log}`);
    assert.deepEqual(new Set(ids), new Set(docs.map((d) => d.id)), "each document of the batch once");
    assert.equal(one("SELECT count(DISTINCT content_hash) FROM documents"), DOCUMENTS);
    for (const [what, sql] of [
      ["events without their document", "SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT id FROM documents)"],
      [
        "controls without their document",
        "SELECT count(*) FROM controls WHERE doc_id NOT IN (SELECT id FROM documents)",
      ],
      [
        "evidence without its record",
        "SELECT count(*) FROM evidence WHERE event_id NOT IN (SELECT id FROM events) " +
          "OR control_id NOT IN (SELECT id FROM controls)",
      ],
      ["evidence of another document", "SELECT count(*) FROM evidence WHERE doc_id NOT IN (SELECT id FROM documents)"],
      ["actors without their event", "SELECT count(*) FROM event_actors WHERE event_id NOT IN (SELECT id FROM events)"],
      ["events without evidence", "SELECT count(*) FROM events WHERE id NOT IN (SELECT event_id FROM evidence)"],
      [
        "events missing from the R-tree",
        "SELECT count(*) FROM events WHERE lat IS NOT NULL AND seq NOT IN (SELECT id FROM events_rtree)",
      ],
    ] as const) {
      assert.equal(one(sql), 0, what);
    }
    // FTS5's own consistency checks: they throw when an index does not match its table.
    for (const fts of ["documents_fts", "evidence_fts"])
      conn.exec(`INSERT INTO ${fts}(${fts}) VALUES('integrity-check')`);
    assert.equal(one("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH 'report'"), DOCUMENTS);

    // A seeded sample: stored records are exactly what extraction gives (no document half-written).
    const perDoc = conn.prepare("SELECT id FROM events WHERE doc_id = ? ORDER BY id").pluck();
    for (let k = 0; k < 150; k++) {
      const d = docs[Math.floor(random() * docs.length)];
      const doc = documentFromText(d.text, { origin: "sample", id: d.id, published: d.published });
      const expected = extractDocument(doc)
        .records.filter((r) => r.kind === "event")
        .map((r) => r.id)
        .sort();
      assert.deepEqual(perDoc.all(d.id), expected, `events of ${d.id}`);
    }
  } finally {
    conn.close();
  }
});
