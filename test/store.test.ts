// The SQLite store on a temporary file: migrations, idempotent puts, every filter, atomicity, pragmas, paths.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import Database from "better-sqlite3";
import type {
  ControlRecord,
  Document,
  EventActor,
  EventRecord,
  LocationField,
  OutputRecord,
} from "../src/model/types.ts";
import type { Store } from "../src/store/interface.ts";
import { defaultDbPath } from "../src/store/paths.ts";
import { openSqliteStore } from "../src/store/sqlite/index.ts";
import { MIGRATIONS, migrate } from "../src/store/sqlite/migrations.ts";
import { ftsQuery } from "../src/store/sqlite/queries.ts";

const dir = mkdtempSync(join(tmpdir(), "sitrep-store-"));
after(() => rmSync(dir, { recursive: true, force: true }));

// ---------------------------------------------------------------------------------------------------------------
// Fixtures: two reports with their events and a control claim.

const textA =
  "A convoy of Russian special forces arrived in the western countryside of Palmyra on Saturday evening, " +
  "a military source in east Homs told Al-Masdar News. Syrian jets bombed ISIS positions near Deir ez-Zor on " +
  "Monday, killing 12 militants. Palmyra has been under ISIS control since December.";
const textB =
  "Organisers said students plan to rally in central Kyiv next week against the new law. " +
  "Some analysts speculated that Wagner Group mercenaries were involved. " +
  "Residents of Taveuni reported heavy shelling of the coast overnight.";

const docA: Document = {
  id: "a1",
  text: textA,
  title: "Russian special forces head to Palmyra",
  url: "https://example.org/a1",
  published: "2017-01-16",
  outlet: "Al-Masdar News",
  origin: "test.jsonl:1",
  contentHash: "hash-a1",
};
const docB: Document = { id: "b1", text: textB, origin: "test.jsonl:2", contentHash: "hash-b1" };

function span(text: string, phrase: string) {
  const start = text.indexOf(phrase);
  assert.ok(start >= 0, phrase);
  return { start, end: start + phrase.length };
}

function evidence(doc: Document, phrase: string) {
  return [{ doc: doc.id, ...span(doc.text, phrase), text: phrase }];
}

function loc(name: string, lat: number, lon: number, country: string): LocationField {
  return { name, lat, lon, radius_km: 5, precision: 1, country, start: 0, end: name.length };
}

function actor(name: string, canonical: string, role: EventActor["role"], inter: number): EventActor {
  return { name, canonical, country: null, inter, role, start: 0, end: name.length };
}

function event(id: string, doc: Document, over: Partial<EventRecord>): EventRecord {
  return {
    kind: "event",
    id,
    doc: doc.id,
    type: "ASSAULT",
    modality: "occurred",
    acled: null,
    actors: [],
    location: null,
    origin: null,
    time: { text: null, start: null, end: null, precision: null },
    size: null,
    fatalities: null,
    source: { outlet: doc.outlet ?? null, chain: [] },
    evidence: [],
    confidence: 0.7,
    trigger: { text: "", start: 0, end: 0 },
    ...over,
  };
}

const convoy = event("a1-e1", docA, {
  type: "MOBILIZE",
  acled: { event_type: "Strategic developments", sub_event_type: "Other" },
  actors: [actor("Russian special forces", "Military Forces of Russia (2000-)", "actor1", 8)],
  location: {
    ...loc("western countryside of Palmyra", 34.58, 38.05, "SY"),
    precision: 2,
    radius_km: 25,
    anchor: { name: "Palmyra", geonameid: 163808, lat: 34.5601, lon: 38.2805 },
  },
  time: { text: "on Saturday evening", start: "2017-01-14", end: "2017-01-14", precision: "day" },
  source: { outlet: "Al-Masdar News", chain: ["a military source in east Homs", "Al-Masdar News"] },
  evidence: evidence(docA, "A convoy of Russian special forces arrived in the western countryside of Palmyra"),
  trigger: { text: "arrived", ...span(textA, "arrived") },
});
const strike = event("a1-e2", docA, {
  acled: { event_type: "Explosions/Remote violence", sub_event_type: "Air/drone strike" },
  actors: [
    actor("Syrian jets", "Military Forces of Syria (2000-)", "actor1", 1),
    actor("ISIS", "Islamic State (Syria)", "actor2", 2),
  ],
  location: loc("Deir ez-Zor", 35.3359, 40.1408, "SY"),
  time: { text: "on Monday", start: "2017-01-16", end: "2017-01-16", precision: "day" },
  fatalities: 12,
  evidence: evidence(docA, "Syrian jets bombed ISIS positions near Deir ez-Zor on Monday, killing 12 militants."),
  trigger: { text: "bombed", ...span(textA, "bombed") },
});
const palmyraHeld: ControlRecord = {
  kind: "control",
  id: "a1-c1",
  doc: "a1",
  place: { ...loc("Palmyra", 34.5601, 38.2805, "SY"), ...span(textA, "Palmyra has") },
  holder: { name: "ISIS", canonical: "Islamic State (Syria)", country: null },
  modality: "occurred",
  time: { text: "since December", start: "2016-12-11", end: "2017-01-16", precision: "range" },
  basis: "under Y control",
  evidence: evidence(docA, "Palmyra has been under ISIS control since December."),
  source: { outlet: "Al-Masdar News", chain: [] },
};
const rally = event("b1-e1", docB, {
  type: "PROTEST",
  modality: "planned",
  acled: { event_type: "Protests", sub_event_type: "Peaceful protest" },
  actors: [actor("students", "Protesters (Ukraine)", "actor1", 6)],
  location: loc("Kyiv", 50.4547, 30.5238, "UA"),
  time: { text: "next week", start: "2022-02-21", end: "2022-02-27", precision: "week" },
  evidence: evidence(docB, "students plan to rally in central Kyiv next week"),
  trigger: { text: "rally", ...span(textB, "rally") },
});
const rumour = event("b1-e2", docB, {
  modality: "speculative",
  actors: [actor("Wagner Group mercenaries", "Wagner Group", "actor1", 8)],
  evidence: evidence(docB, "Wagner Group mercenaries were involved"),
});
const shelling = event("b1-e3", docB, {
  acled: { event_type: "Explosions/Remote violence", sub_event_type: "Shelling/artillery/missile attack" },
  location: loc("Taveuni", -16.85, 179.97, "FJ"),
  time: { text: "overnight", start: "2022-03-01", end: "2022-03-01", precision: "day" },
  evidence: [
    ...evidence(docB, "Residents of Taveuni reported heavy shelling of the coast overnight."),
    // After fusion an event may cite a report that is not stored itself.
    { doc: "z9", start: 0, end: 36, text: "The Fijian navy confirmed the bombardment." },
  ],
});

const recordsA: OutputRecord[] = [convoy, strike, palmyraHeld];
const recordsB: OutputRecord[] = [rally, rumour, shelling];

const ids = (records: { id: string }[]) => records.map((r) => r.id);

// ---------------------------------------------------------------------------------------------------------------

describe("migrations", () => {
  test("a new file gets every migration; re-opening applies nothing; only new ones are applied", async () => {
    const path = join(dir, "migrations.db");
    await openSqliteStore(path).close();
    await openSqliteStore(path).close();
    const db = new Database(path);
    try {
      const versions = db.prepare("SELECT version FROM schema_migrations ORDER BY version").pluck().all();
      assert.deepEqual(
        versions,
        MIGRATIONS.map((_, i) => i + 1),
      );
      assert.deepEqual(migrate(db), []);
      const next = [...MIGRATIONS, "CREATE TABLE extra (x INTEGER)"];
      assert.deepEqual(migrate(db, next), [MIGRATIONS.length + 1]);
      assert.deepEqual(migrate(db, next), []);
      assert.equal(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'extra'").pluck().get(), 1);
    } finally {
      db.close();
    }
    // The file is now newer than this code: opening it must refuse rather than guess.
    assert.throws(() => openSqliteStore(path), /newer/);
  });

  test("a failing migration leaves no trace", () => {
    const db = new Database(":memory:");
    try {
      migrate(db);
      const broken = [...MIGRATIONS, "CREATE TABLE half (x INTEGER); SELECT * FROM no_such_table;"];
      assert.throws(() => migrate(db, broken), /no_such_table/);
      assert.equal(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'half'").pluck().get(), 0);
      assert.equal(db.prepare("SELECT max(version) FROM schema_migrations").pluck().get(), MIGRATIONS.length);
    } finally {
      db.close();
    }
  });
});

describe("sqlite store", () => {
  const path = join(dir, "nested", "folder", "store.db");
  let store: Store;
  before(async () => {
    store = openSqliteStore(path);
    assert.deepEqual(await store.putDocument(docA, recordsA), { inserted: true });
    assert.deepEqual(await store.putDocument(docB, recordsB), { inserted: true });
  });
  after(() => store.close());

  test("creates the folder and counts what it stored", async () => {
    assert.ok(existsSync(path));
    assert.deepEqual(await store.stats(), { documents: 2, events: 5, controls: 1 });
  });

  test("re-putting a document (same id, or same content hash) changes nothing", async () => {
    assert.deepEqual(await store.putDocument(docA, recordsA), { inserted: false });
    const sameText = { ...docA, id: "a1-copy", origin: "other.jsonl:9" };
    const copied = recordsA.map((r) => ({ ...r, id: `${r.id}-copy`, doc: sameText.id }));
    assert.deepEqual(await store.putDocument(sameText, copied), { inserted: false });
    assert.deepEqual(await store.stats(), { documents: 2, events: 5, controls: 1 });
    assert.equal(await store.hasDocument("a1-copy"), false);
  });

  test("documents and events round-trip exactly", async () => {
    assert.equal(await store.hasDocument("a1"), true);
    assert.equal(await store.hasDocument("hash-b1"), true);
    assert.equal(await store.hasDocument("nope"), false);
    assert.deepEqual(await store.getDocument("a1"), docA);
    assert.deepEqual(await store.getDocument("b1"), docB);
    assert.equal(await store.getDocument("nope"), null);
    assert.deepEqual(await store.getEvent("a1-e1"), convoy);
    assert.equal(await store.getEvent("a1-c1"), null);
    assert.deepEqual(await store.queryControl(), [palmyraHeld]);
  });

  test("no filter: every event, dated ones first in date order", async () => {
    assert.deepEqual(ids(await store.queryEvents()), ["a1-e1", "a1-e2", "b1-e1", "b1-e3", "b1-e2"]);
    assert.deepEqual(ids(await store.queryEvents({ limit: 2, offset: 1 })), ["a1-e2", "b1-e1"]);
  });

  test("bbox, including one across the antimeridian", async () => {
    assert.deepEqual(ids(await store.queryEvents({ bbox: [37.5, 34, 38.5, 35] })), ["a1-e1"]);
    assert.deepEqual(ids(await store.queryEvents({ bbox: [35, 32, 42, 37.5] })), ["a1-e1", "a1-e2"]);
    assert.deepEqual(ids(await store.queryEvents({ bbox: [170, -20, -170, -10] })), ["b1-e3"]);
    assert.deepEqual(ids(await store.queryEvents({ bbox: [0, 0, 1, 1] })), []);
    await assert.rejects(store.queryEvents({ bbox: [0, 10, 1, 5] }), RangeError);
  });

  test("dates: overlap with the event's range, at day or month granularity", async () => {
    assert.deepEqual(ids(await store.queryEvents({ to: "2017-01-15" })), ["a1-e1"]);
    assert.deepEqual(ids(await store.queryEvents({ from: "2017-01-15", to: "2017-12-31" })), ["a1-e2"]);
    assert.deepEqual(ids(await store.queryEvents({ from: "2022-02-23", to: "2022-02-24" })), ["b1-e1"]);
    assert.deepEqual(ids(await store.queryEvents({ to: "2017-01" })), ["a1-e1", "a1-e2"]);
    assert.deepEqual(ids(await store.queryEvents({ from: "2017-01-16T18:00" })), ["a1-e2", "b1-e1", "b1-e3"]);
    await assert.rejects(store.queryEvents({ from: "last week" }), RangeError);
  });

  test("type, ACLED type, modality", async () => {
    assert.deepEqual(ids(await store.queryEvents({ type: ["PROTEST"] })), ["b1-e1"]);
    assert.deepEqual(ids(await store.queryEvents({ type: ["PROTEST", "MOBILIZE"] })), ["a1-e1", "b1-e1"]);
    assert.deepEqual(ids(await store.queryEvents({ type: [] })).length, 5);
    assert.deepEqual(ids(await store.queryEvents({ acledType: "air/drone strike" })), ["a1-e2"]);
    assert.deepEqual(ids(await store.queryEvents({ acledType: "Explosions/Remote violence" })), ["a1-e2", "b1-e3"]);
    assert.deepEqual(ids(await store.queryEvents({ modality: ["planned", "speculative"] })), ["b1-e1", "b1-e2"]);
  });

  test("actor: case-insensitive substring of name or canonical", async () => {
    assert.deepEqual(ids(await store.queryEvents({ actor: "RUSSIA" })), ["a1-e1"]);
    assert.deepEqual(ids(await store.queryEvents({ actor: "islamic state" })), ["a1-e2"]);
    assert.deepEqual(ids(await store.queryEvents({ actor: "wagner" })), ["b1-e2"]);
    assert.deepEqual(ids(await store.queryEvents({ actor: "forces" })), ["a1-e1", "a1-e2"]);
  });

  test("text: full-text over evidence and documents, stemmed, safe with FTS syntax", async () => {
    // Document text matches every event of the document ("bombing" stems to "bomb", as "bombed" does).
    assert.deepEqual(ids(await store.queryEvents({ text: "bombing" })), ["a1-e1", "a1-e2"]);
    // Evidence text matches its own event ("bombardment" appears in no stored document).
    assert.deepEqual(ids(await store.queryEvents({ text: "bombardment" })), ["b1-e3"]);
    // Titles count as document text ("head" is only in the title of a1).
    assert.deepEqual(ids(await store.queryEvents({ text: "head" })), ["a1-e1", "a1-e2"]);
    // "Organisers" is in document b1 but in no evidence: every event of b1 matches through the document text.
    assert.deepEqual(ids(await store.queryEvents({ text: "organisers" })), ["b1-e1", "b1-e3", "b1-e2"]);
    assert.deepEqual(ids(await store.queryEvents({ text: "Palm*" })), ["a1-e1", "a1-e2"]);
    assert.deepEqual(ids(await store.queryEvents({ text: '"ISIS" AND (NEAR' })), []);
    assert.equal(ftsQuery(' "ISIS" - x* '), '"""ISIS""" "x"*');
  });

  test("filters combine", async () => {
    const found = await store.queryEvents({ bbox: [30, 30, 45, 55], type: ["ASSAULT"], text: "jets" });
    assert.deepEqual(ids(found), ["a1-e2"]);
  });

  test("control claims by place, holder and bbox", async () => {
    assert.deepEqual(ids(await store.queryControl({ place: "palmyra" })), ["a1-c1"]);
    assert.deepEqual(ids(await store.queryControl({ holder: "islamic state" })), ["a1-c1"]);
    assert.deepEqual(ids(await store.queryControl({ holder: "kurdish" })), []);
    assert.deepEqual(ids(await store.queryControl({ bbox: [38, 34, 39, 35], from: "2017-01-01" })), ["a1-c1"]);
    assert.deepEqual(ids(await store.queryControl({ bbox: [30, 50, 31, 51] })), []);
  });

  test("a failing insert in the middle of a document leaves nothing behind", async () => {
    const docC: Document = { id: "c1", text: "Quokkas stormed the lighthouse.", origin: "-", contentHash: "hash-c1" };
    const ok = event("c1-e1", docC, { evidence: evidence(docC, "Quokkas stormed the lighthouse.") });
    const clash = { ...ok, actors: [actor("Quokkas", "Quokkas", "actor1", 4)] }; // same id: UNIQUE fails
    await assert.rejects(store.putDocument(docC, [ok, clash]), /UNIQUE/);
    assert.equal(await store.hasDocument("c1"), false);
    assert.deepEqual(await store.stats(), { documents: 2, events: 5, controls: 1 });
    assert.deepEqual(await store.queryEvents({ text: "quokkas" }), []);
    assert.deepEqual(await store.queryEvents({ actor: "quokka" }), []);
    // A record of another document is refused before anything is written.
    await assert.rejects(store.putDocument(docC, [{ ...ok, doc: "zz" }]), /belongs to document zz/);
    // And the document goes in cleanly once its records are right.
    assert.deepEqual(await store.putDocument(docC, [ok]), { inserted: true });
    assert.deepEqual(ids(await store.queryEvents({ text: "quokkas" })), ["c1-e1"]);
  });

  test("a process killed in the middle of a put leaves nothing behind", async () => {
    // The child stores one document; serialising its event calls a getter that SIGKILLs the process, after the
    // document row is written inside the still-open transaction.
    const crashPath = join(dir, "crash.db");
    const child = `
      const { openSqliteStore } = await import(process.argv[2]);
      const doc = { id: "k1", text: "Killed mid-write.", origin: "-", contentHash: "hash-k1" };
      const rec = { kind: "event", id: "k1-e1", doc: "k1", actors: [], time: {}, confidence: 1, trigger: {} };
      Object.defineProperty(rec, "evidence", { enumerable: true, get: () => process.kill(process.pid, "SIGKILL") });
      await openSqliteStore(process.argv[1]).putDocument(doc, [rec]);`;
    const moduleUrl = new URL("../src/store/sqlite/index.ts", import.meta.url).href;
    const run = spawnSync(process.execPath, [
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      child,
      crashPath,
      moduleUrl,
    ]);
    assert.equal(run.signal, "SIGKILL", run.stderr.toString());
    const reopened = openSqliteStore(crashPath);
    try {
      assert.deepEqual(await reopened.stats(), { documents: 0, events: 0, controls: 0 });
      assert.equal(await reopened.hasDocument("k1"), false);
    } finally {
      await reopened.close();
    }
  });

  test("the file is sound and in WAL mode", async () => {
    const db = new Database(path);
    try {
      assert.equal(db.pragma("integrity_check", { simple: true }), "ok");
      assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
      assert.deepEqual(db.pragma("foreign_key_check"), []);
      // FTS5's own check that the external-content indexes match their tables (throws when corrupt).
      for (const fts of ["documents_fts", "evidence_fts"]) {
        db.prepare(`INSERT INTO ${fts}(${fts}, rank) VALUES ('integrity-check', 1)`).run();
      }
    } finally {
      db.close();
    }
  });
});

describe("default database path", () => {
  test("SITREP_DB, then XDG_DATA_HOME, then the platform's data folder", () => {
    assert.equal(defaultDbPath({ SITREP_DB: "/x/y.db", XDG_DATA_HOME: "/d" }, "linux", "/home/u"), "/x/y.db");
    assert.equal(defaultDbPath({ XDG_DATA_HOME: "/d" }, "linux", "/home/u"), join("/d", "sitrep", "sitrep.db"));
    assert.equal(defaultDbPath({ XDG_DATA_HOME: "rel" }, "linux", "/home/u"), "/home/u/.local/share/sitrep/sitrep.db");
    assert.equal(
      defaultDbPath({}, "darwin", "/Users/u"),
      join("/Users/u", "Library", "Application Support", "sitrep", "sitrep.db"),
    );
    assert.equal(defaultDbPath({ APPDATA: "/appdata" }, "win32", "/h"), join("/appdata", "sitrep", "sitrep.db"));
  });
});
