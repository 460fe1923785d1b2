// The store contract, run against every backend: SQLite on a temporary file always, and PostgreSQL + PostGIS
// when SITREP_TEST_PG_URL is set (a fresh schema per run, dropped afterwards). The same tests cover idempotent
// puts, every filter, atomicity and a process killed mid-write; then each backend's own checks (migrations,
// pragmas or indexes).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import Database from "better-sqlite3";
import pg from "pg";
import type { FusedEvent } from "../src/fuse/index.ts";
import { homesOf } from "../src/ground/outlets.ts";
import type { ControlRecord, Document, EventRecord, OutputRecord } from "../src/model/types.ts";
import type { Store } from "../src/store/interface.ts";
import { describeTarget, type OpenOptions, openStore, storeTarget } from "../src/store/open.ts";
import { defaultDbPath } from "../src/store/paths.ts";
import { openPostgresStore } from "../src/store/postgres/index.ts";
import { MIGRATIONS as PG_MIGRATIONS, migrate as pgMigrate } from "../src/store/postgres/migrations.ts";
import { tsQuery } from "../src/store/postgres/queries.ts";
import { openSqliteStore } from "../src/store/sqlite/index.ts";
import { MIGRATIONS, migrate } from "../src/store/sqlite/migrations.ts";
import { ftsQuery } from "../src/store/sqlite/queries.ts";
import { actorOf, eventRecord, evidenceOf, location, spanOf } from "./records.ts";

const dir = mkdtempSync(join(tmpdir(), "sitrep-store-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const PG_URL = process.env.SITREP_TEST_PG_URL;
const PG_SKIP = PG_URL
  ? undefined
  : "PostgreSQL backend not tested: SITREP_TEST_PG_URL is not set " +
    '(as root: services=$(bash scripts/ci-services.sh) && eval "$services", then npm test)';

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

const convoy = eventRecord("a1-e1", docA, {
  type: "MOBILIZE",
  acled: { event_type: "Strategic developments", sub_event_type: "Other" },
  actors: [actorOf("Russian special forces", "Military Forces of Russia (2000-)", "actor1", 8)],
  location: {
    ...location("western countryside of Palmyra", 34.58, 38.05, "SY"),
    precision: 2,
    radius_km: 25,
    anchor: { name: "Palmyra", geonameid: 163808, lat: 34.5601, lon: 38.2805 },
  },
  time: { text: "on Saturday evening", start: "2017-01-14", end: "2017-01-14", precision: "day" },
  source: { outlet: "Al-Masdar News", chain: ["a military source in east Homs", "Al-Masdar News"] },
  evidence: evidenceOf(docA, "A convoy of Russian special forces arrived in the western countryside of Palmyra"),
  trigger: { text: "arrived", ...spanOf(textA, "arrived") },
});
const strike = eventRecord("a1-e2", docA, {
  acled: { event_type: "Explosions/Remote violence", sub_event_type: "Air/drone strike" },
  actors: [
    actorOf("Syrian jets", "Military Forces of Syria (2000-)", "actor1", 1),
    actorOf("ISIS", "Islamic State (Syria)", "actor2", 2),
  ],
  location: location("Deir ez-Zor", 35.3359, 40.1408, "SY"),
  time: { text: "on Monday", start: "2017-01-16", end: "2017-01-16", precision: "day" },
  fatalities: 12,
  evidence: evidenceOf(docA, "Syrian jets bombed ISIS positions near Deir ez-Zor on Monday, killing 12 militants."),
  trigger: { text: "bombed", ...spanOf(textA, "bombed") },
});
const palmyraHeld: ControlRecord = {
  kind: "control",
  id: "a1-c1",
  doc: "a1",
  place: { ...location("Palmyra", 34.5601, 38.2805, "SY"), ...spanOf(textA, "Palmyra has") },
  holder: { name: "ISIS", canonical: "Islamic State (Syria)", country: null },
  modality: "occurred",
  time: { text: "since December", start: "2016-12-11", end: "2017-01-16", precision: "range" },
  basis: "under Y control",
  evidence: evidenceOf(docA, "Palmyra has been under ISIS control since December."),
  source: { outlet: "Al-Masdar News", chain: [] },
};
const rally = eventRecord("b1-e1", docB, {
  type: "PROTEST",
  modality: "planned",
  acled: { event_type: "Protests", sub_event_type: "Peaceful protest" },
  actors: [actorOf("students", "Protesters (Ukraine)", "actor1", 6)],
  location: location("Kyiv", 50.4547, 30.5238, "UA"),
  time: { text: "next week", start: "2022-02-21", end: "2022-02-27", precision: "week" },
  evidence: evidenceOf(docB, "students plan to rally in central Kyiv next week"),
  trigger: { text: "rally", ...spanOf(textB, "rally") },
});
const rumour = eventRecord("b1-e2", docB, {
  modality: "speculative",
  actors: [actorOf("Wagner Group mercenaries", "Wagner Group", "actor1", 8)],
  evidence: evidenceOf(docB, "Wagner Group mercenaries were involved"),
});
const shelling = eventRecord("b1-e3", docB, {
  acled: { event_type: "Explosions/Remote violence", sub_event_type: "Shelling/artillery/missile attack" },
  location: location("Taveuni", -16.85, 179.97, "FJ"),
  time: { text: "overnight", start: "2022-03-01", end: "2022-03-01", precision: "day" },
  evidence: [
    ...evidenceOf(docB, "Residents of Taveuni reported heavy shelling of the coast overnight."),
    // After fusion an event may cite a report that is not stored itself.
    { doc: "z9", start: 0, end: 36, text: "The Fijian navy confirmed the bombardment." },
  ],
});

const recordsA: OutputRecord[] = [convoy, strike, palmyraHeld];
const recordsB: OutputRecord[] = [rally, rumour, shelling];

const ids = (records: { id: string }[]) => records.map((r) => r.id);

// ---------------------------------------------------------------------------------------------------------------
// Backends: how to get a fresh, empty store of each kind, and each one's own soundness checks.

interface Backend {
  name: string;
  /** Why this backend's tests are skipped, when they are. */
  skip?: string;
  /** Options that open a new, empty store (a new file, or a new PostgreSQL schema). */
  fresh(label: string): OpenOptions;
  /** Backend-specific checks on a store the shared suite has written to (still open in the test). */
  sound(opts: OpenOptions): Promise<void>;
}

/** Schemas made by `fresh` in this run; dropped at the end. */
const pgSchemas: string[] = [];
const pgSchema = (label: string) => {
  const name = `sitrep_test_${process.pid}_${label}`;
  pgSchemas.push(name);
  return name;
};

async function withPg<T>(schema: string | undefined, use: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: PG_URL,
    ...(schema ? { options: `-c search_path=${schema},public` } : {}),
  });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

after(async () => {
  if (!PG_URL || !pgSchemas.length) return;
  await withPg(undefined, async (c) => {
    for (const s of pgSchemas) await c.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  });
});

const sqlite: Backend = {
  name: "sqlite",
  fresh: (label) => ({ db: join(dir, label, "store.db") }),
  async sound(opts) {
    const db = new Database(opts.db as string);
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
  },
};

const postgres: Backend = {
  name: "postgres",
  skip: PG_SKIP,
  fresh: (label) => ({ url: PG_URL, schema: pgSchema(label) }),
  async sound(opts) {
    await withPg(opts.schema, async (c) => {
      const one = async (sql: string) => (await c.query(sql)).rows[0];
      assert.deepEqual(
        (await c.query("SELECT version FROM schema_migrations ORDER BY version")).rows.map((r) => r.version),
        PG_MIGRATIONS.map((_, i) => i + 1),
      );
      // The PostGIS point is the stored lat/lon, and exists exactly when both do.
      const geom = await one(`SELECT count(*)::int AS bad FROM events
        WHERE (geom IS NULL) <> (lat IS NULL OR lon IS NULL) OR ST_X(geom) <> lon OR ST_Y(geom) <> lat`);
      assert.equal(geom.bad, 0);
      assert.equal((await one("SELECT ST_SRID(geom) AS srid FROM controls")).srid, 4326);
      // Bbox and text filters can use the GiST and GIN indexes (the planner prefers a scan on tiny tables).
      await c.query("SET enable_seqscan = off");
      const plan = async (sql: string) =>
        (await c.query(`EXPLAIN ${sql}`)).rows.map((r) => r["QUERY PLAN"] as string).join("\n");
      assert.match(
        await plan("SELECT id FROM events WHERE geom && ST_MakeEnvelope(35, 32, 42, 37.5, 4326)"),
        /events_geom/,
      );
      assert.match(
        await plan("SELECT seq FROM evidence WHERE fts @@ to_tsquery('sitrep_fts', 'bomb')"),
        /evidence_fts/,
      );
      assert.match(
        await plan("SELECT id FROM documents WHERE fts @@ to_tsquery('sitrep_fts', 'bomb')"),
        /documents_fts/,
      );
    });
  },
};

// ---------------------------------------------------------------------------------------------------------------
// The shared suite: every backend must pass it unchanged.

for (const backend of [sqlite, postgres]) {
  describe(`store contract (${backend.name})`, { skip: backend.skip }, () => {
    let opts: OpenOptions;
    let store: Store;
    before(async () => {
      opts = backend.fresh("contract");
      store = await openStore(opts);
      assert.deepEqual(await store.putDocument(docA, recordsA), { inserted: true });
      assert.deepEqual(await store.putDocument(docB, recordsB), { inserted: true });
    });
    after(() => store?.close());

    test("counts what it stored", async () => {
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

    test("keeps each new document's outlet regions and tallies them per outlet", async () => {
      const store = await openStore(backend.fresh("outlets")); // its own: the suite's counts stay as they are
      after(() => store.close());
      const doc = (n: number): Document => ({
        id: `local-${n}`,
        text: `Local report ${n}.`,
        origin: "-",
        contentHash: `hash-local-${n}`,
        outlet: "towntalk.example",
      });
      const regions = (divisions: string[]) => ({ outlet: "towntalk.example", countries: ["US"], divisions });
      await store.putDocument(doc(1), [], regions(["US\tLouisiana"]));
      await store.putDocument(doc(2), [], regions(["US\tLouisiana", "US\tTexas"]));
      await store.putDocument(doc(3), [], regions([]));
      // a document already stored is not counted again, whatever regions come with it
      await store.putDocument(doc(1), [], regions(["US\tTexas"]));
      const [t, ...rest] = await store.outletTallies(["towntalk.example", "nobody.example"]);
      assert.equal(rest.length, 0);
      assert.equal(t.outlet, "towntalk.example");
      assert.equal(t.docs, 3);
      assert.deepEqual(Object.fromEntries(t.countries), { US: 3 });
      assert.deepEqual(Object.fromEntries(t.divisions), { "US\tLouisiana": 2, "US\tTexas": 1 });
      assert.deepEqual(homesOf([t]).get("towntalk.example"), { country: "US", admin1: "Louisiana" });
      assert.equal((await store.outletTallies()).length, 1); // documents put without regions have no tally
    });

    test("concurrent puts of the same document store it once", async () => {
      const docD: Document = { id: "d1", text: "Twin reports.", origin: "-", contentHash: "hash-d1" };
      const twin = { ...docD, id: "d1-twin" };
      const results = await Promise.all([
        store.putDocument(docD, []),
        store.putDocument(twin, []),
        store.putDocument(docD, []),
      ]);
      assert.equal(results.filter((r) => r.inserted).length, 1);
      assert.equal((await store.stats()).documents, 3);
      assert.equal(await store.hasDocument("hash-d1"), true);
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
      // Edges count: a box whose corner is exactly the event's point.
      assert.deepEqual(ids(await store.queryEvents({ bbox: [40.1408, 35.3359, 41, 36] })), ["a1-e2"]);
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

    test("a box and a period together (the map's query; SQLite's space-time index)", async () => {
      const syria = [35, 32, 42, 37.5] as [number, number, number, number];
      assert.deepEqual(ids(await store.queryEvents({ bbox: syria, to: "2017-01-15" })), ["a1-e1"]);
      assert.deepEqual(ids(await store.queryEvents({ bbox: syria, from: "2017-01-15" })), ["a1-e2"]);
      assert.deepEqual(ids(await store.queryEvents({ bbox: syria, from: "2016-12", to: "2017-01" })), [
        "a1-e1",
        "a1-e2",
      ]);
      assert.deepEqual(ids(await store.queryEvents({ bbox: syria, from: "2018" })), []);
      assert.deepEqual(ids(await store.queryEvents({ bbox: [170, -20, -170, -10], from: "2022" })), ["b1-e3"]);
      assert.deepEqual(ids(await store.queryEvents({ bbox: [170, -20, -170, -10], to: "2021" })), []);
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

    test("text: full-text over evidence and documents, stemmed, safe with query syntax", async () => {
      // Document text matches every event of the document ("bombing" stems to "bomb", as "bombed" does).
      assert.deepEqual(ids(await store.queryEvents({ text: "bombing" })), ["a1-e1", "a1-e2"]);
      // Evidence text matches its own event ("bombardment" appears in no stored document).
      assert.deepEqual(ids(await store.queryEvents({ text: "bombardment" })), ["b1-e3"]);
      // Titles count as document text ("head" is only in the title of a1).
      assert.deepEqual(ids(await store.queryEvents({ text: "head" })), ["a1-e1", "a1-e2"]);
      // "Organisers" is in document b1 but in no evidence: every event of b1 matches through the document text.
      assert.deepEqual(ids(await store.queryEvents({ text: "organisers" })), ["b1-e1", "b1-e3", "b1-e2"]);
      assert.deepEqual(ids(await store.queryEvents({ text: "Palm*" })), ["a1-e1", "a1-e2"]);
      // Every word must match, common words too ("and" is in neither document).
      assert.deepEqual(ids(await store.queryEvents({ text: '"ISIS" AND (NEAR' })), []);
      assert.deepEqual(ids(await store.queryEvents({ text: "ISIS (NEAR" })), ["a1-e1", "a1-e2"]);
      // A hyphenated word is a phrase; query operators of either engine are plain text.
      assert.deepEqual(ids(await store.queryEvents({ text: "al-masdar" })), ["a1-e1", "a1-e2"]);
      assert.deepEqual(ids(await store.queryEvents({ text: "masdar-al" })), []);
      assert.deepEqual(ids(await store.queryEvents({ text: "isis|kyiv !palmyra <-> 'x':* NOT" })), []);
      assert.deepEqual(ids(await store.queryEvents({ text: "*** ()" })).length, 5);
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
      const ok = eventRecord("c1-e1", docC, { evidence: evidenceOf(docC, "Quokkas stormed the lighthouse.") });
      const clash = { ...ok, actors: [actorOf("Quokkas", "Quokkas", "actor1", 4)] }; // same id: UNIQUE fails
      const before = await store.stats();
      await assert.rejects(store.putDocument(docC, [ok, clash]), /unique/i);
      assert.equal(await store.hasDocument("c1"), false);
      assert.deepEqual(await store.stats(), before);
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
      const crash = backend.fresh("crash");
      const child = `
        const { openStore } = await import(process.argv[2]);
        const store = await openStore(JSON.parse(process.argv[1]));
        const doc = { id: "k1", text: "Killed mid-write.", origin: "-", contentHash: "hash-k1" };
        const rec = { kind: "event", id: "k1-e1", doc: "k1", actors: [], time: {}, confidence: 1, trigger: {} };
        Object.defineProperty(rec, "evidence", { enumerable: true, get: () => process.kill(process.pid, "SIGKILL") });
        await store.putDocument(doc, [rec]);`;
      const moduleUrl = new URL("../src/store/open.ts", import.meta.url).href;
      const run = spawnSync(process.execPath, [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        child,
        JSON.stringify(crash),
        moduleUrl,
      ]);
      assert.equal(run.signal, "SIGKILL", run.stderr.toString());
      const reopened = await openStore(crash);
      try {
        assert.deepEqual(await reopened.stats(), { documents: 0, events: 0, controls: 0 });
        assert.equal(await reopened.hasDocument("k1"), false);
      } finally {
        await reopened.close();
      }
    });

    test(`the database is sound (${backend.name} checks)`, async () => {
      await backend.sound(opts);
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Fusion in the store: three outlets report one air strike on Aleppo (two of them one source: the same outlet),
// stored in two batches; a fourth document reports another strike. Every backend must pass it unchanged.

const strikeText = (outlet: string) =>
  `Syrian warplanes struck a market in eastern Aleppo on Friday, killing civilians, ${outlet} reported.`;
function strikeDoc(id: string, outlet: string, published: string, text = strikeText(outlet)): Document {
  return { id, text, outlet, published, origin: "fusion-test", contentHash: `hash-${id}` };
}
function aleppoStrike(doc: Document, over: Partial<EventRecord> = {}): EventRecord {
  return eventRecord(`${doc.id}-e1`, doc, {
    acled: { event_type: "Explosions/Remote violence", sub_event_type: "Air/drone strike" },
    actors: [actorOf("Syrian warplanes", "Military Forces of Syria (2000-)", "actor1", 1)],
    location: location("Aleppo", 36.2021, 37.1343, "SY"),
    time: { text: "on Friday", start: "2017-03-10", end: "2017-03-10", precision: "day" },
    evidence: [{ doc: doc.id, start: 0, end: 30, text: doc.text.slice(0, 30) }],
    ...over,
  });
}
const f1 = strikeDoc("f1", "Reuters", "2017-03-10");
const f2 = strikeDoc("f2", "Al Jazeera", "2017-03-11");
const f3 = strikeDoc("f3", "Reuters", "2017-03-12", "Activists said regime jets hit the eastern districts of Aleppo.");
const f4 = strikeDoc("f4", "AP", "2018-06-02", "Government aircraft bombed Idlib on Saturday.");
const strikes = {
  f1: aleppoStrike(f1, { fatalities: 9 }),
  f2: aleppoStrike(f2, { fatalities: 12, source: { outlet: "Al Jazeera", chain: ["activists", "Al Jazeera"] } }),
  f3: aleppoStrike(f3),
  f4: aleppoStrike(f4, {
    location: location("Idlib", 35.9306, 36.6339, "SY"),
    time: { text: "on Saturday", start: "2018-06-02", end: "2018-06-02", precision: "day" },
  }),
};

for (const backend of [sqlite, postgres]) {
  describe(`fusion in the store (${backend.name})`, { skip: backend.skip }, () => {
    let opts: OpenOptions;
    let store: Store;
    before(async () => {
      opts = backend.fresh("fusion");
      store = await openStore(opts);
    });
    after(() => store?.close());

    test("fuse() clusters the new records; a later batch joins the same fused event (same id)", async () => {
      await store.putDocument(f1, [strikes.f1]);
      await store.putDocument(f2, [strikes.f2]);
      assert.deepEqual(await store.fuse(), { records: 2, clusters: 1 });
      assert.deepEqual(await store.fuse(), { records: 0, clusters: 0 });
      const [first] = await store.queryFused();
      assert.deepEqual(first.members, ["f1-e1", "f2-e1"]);
      assert.equal(first.sources, 2);

      await store.putDocument(f3, [strikes.f3]);
      await store.putDocument(f4, [strikes.f4]);
      assert.deepEqual(await store.fuse(), { records: 2, clusters: 2 });
      const all = await store.queryFused();
      assert.deepEqual(
        all.map((f) => [f.id, f.members.length, f.sources]),
        [
          [first.id, 3, 2], // f3 is Reuters again: three reports, two independent sources
          [all[1].id, 1, 1],
        ],
      );
      assert.deepEqual(
        all[0].contradictions[0].claims.map((c) => c.value),
        [9, 12],
      );
    });

    test("queries: minSources on records and on fused events; filters match any member; one fused event", async () => {
      assert.deepEqual(ids(await store.queryEvents({ minSources: 2 })), ["f1-e1", "f2-e1", "f3-e1"]);
      assert.deepEqual(ids(await store.queryEvents({ minSources: 3 })), []);
      const fused = await store.queryFused({ minSources: 2 });
      assert.equal(fused.length, 1);
      assert.deepEqual(
        (await store.queryFused({ bbox: [36, 35.5, 37, 36.2] })).map((f) => f.members),
        [["f4-e1"]],
      );
      assert.deepEqual(
        (await store.queryFused({ text: "activists" })).map((f) => f.id),
        [fused[0].id],
      );
      assert.deepEqual(await store.queryFused({ from: "2019" }), []);
      const detail = await store.getFused(fused[0].id);
      assert.ok(detail);
      assert.deepEqual(detail.fused, fused[0]);
      assert.deepEqual(detail.records, [strikes.f1, strikes.f2, strikes.f3]);
      assert.equal(await store.getFused("fus-nope"), null);
      const refs = await store.fusedOf(["f1-e1", "f4-e1", "nope"]);
      assert.deepEqual(refs.get("f1-e1"), { id: fused[0].id, members: 3, sources: 2 });
      assert.deepEqual(refs.get("f4-e1")?.members, 1);
      assert.equal(refs.has("nope"), false);
    });

    test("a pass reads and fuses the waiting records a chunk at a time, and a state is rebuilt in chunks", async () => {
      const chunked = backend.fresh("fusion_chunks");
      const docs = [f1, f2, f3, f4];
      const small = await openStore({ ...chunked, fusionChunk: 1 });
      const whole = await openStore(backend.fresh("fusion_whole"));
      try {
        for (const s of [small, whole])
          for (const d of docs) await s.putDocument(d, [strikes[d.id as keyof typeof strikes]]);
        assert.deepEqual(await small.fuse(), { records: 4, clusters: 2 });
        assert.deepEqual(await whole.fuse(), { records: 4, clusters: 2 });
        const shape = (fs: FusedEvent[]) => fs.map((f) => [f.members, f.sources, f.modality, f.time]);
        assert.deepEqual(shape(await small.queryFused()), shape(await whole.queryFused()));
        // another store on the chunked database rebuilds the state two memberships at a time, then fuses on
        const other = await openStore({ ...chunked, fusionChunk: 2 });
        try {
          const f5 = strikeDoc("f5", "BBC", "2017-03-11", "The BBC said jets struck a market in Aleppo.");
          await other.putDocument(f5, [aleppoStrike(f5)]);
          assert.deepEqual(await other.fuse(), { records: 1, clusters: 1 });
          assert.deepEqual(
            (await small.queryFused()).map((f) => f.members),
            [["f1-e1", "f2-e1", "f3-e1", "f5-e1"], ["f4-e1"]],
          );
        } finally {
          await other.close();
        }
      } finally {
        await small.close();
        await whole.close();
      }
    });

    test("another store on the same database rebuilds the state and fuses on; reads fuse what is waiting", async () => {
      const other = await openStore(opts);
      try {
        const f5 = strikeDoc("f5", "BBC", "2017-03-11", "The BBC said jets struck a market in Aleppo.");
        await other.putDocument(f5, [aleppoStrike(f5)]);
        // No explicit fuse(): minSources fuses first.
        assert.deepEqual(ids(await other.queryEvents({ minSources: 3 })), ["f1-e1", "f2-e1", "f3-e1", "f5-e1"]);
        // The first store sees that another one fused, and rebuilds before fusing again.
        const f6 = strikeDoc("f6", "AFP", "2018-06-03", "AFP said aircraft bombed Idlib.");
        await store.putDocument(f6, [
          aleppoStrike(f6, {
            location: location("Idlib", 35.9306, 36.6339, "SY"),
            time: { text: "on Saturday", start: "2018-06-02", end: "2018-06-02", precision: "day" },
          }),
        ]);
        assert.deepEqual(await store.fuse(), { records: 1, clusters: 1 });
        assert.deepEqual(
          (await other.queryFused()).map((f) => [f.members.length, f.sources]),
          [
            [4, 3],
            [2, 2],
          ],
        );
      } finally {
        await other.close();
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Each backend's own machinery.

describe("sqlite migrations", () => {
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

  test("creates the database's folder", async () => {
    const path = join(dir, "nested", "folder", "store.db");
    await openSqliteStore(path).close();
    assert.ok(existsSync(path));
  });

  test("FTS5 query text: every word quoted, ANDed", () => {
    assert.equal(ftsQuery(' "ISIS" - x* '), '"""ISIS""" "x"*');
  });
});

describe("postgres migrations", { skip: PG_SKIP }, () => {
  const url = PG_URL as string;
  const versions = (schema: string) =>
    withPg(schema, async (c) =>
      (await c.query("SELECT version FROM schema_migrations ORDER BY version")).rows.map((r) => r.version),
    );

  test("a new schema gets every migration; re-opening applies nothing; only new ones are applied", async () => {
    const schema = pgSchema("migrations");
    await (await openPostgresStore(url, { schema })).close();
    await (await openPostgresStore(url, { schema })).close();
    assert.deepEqual(
      await versions(schema),
      PG_MIGRATIONS.map((_, i) => i + 1),
    );
    await withPg(schema, async (c) => {
      assert.deepEqual(await pgMigrate(c), []);
      const next = [...PG_MIGRATIONS, "CREATE TABLE extra (x integer)"];
      assert.deepEqual(await pgMigrate(c, next), [PG_MIGRATIONS.length + 1]);
      assert.deepEqual(await pgMigrate(c, next), []);
      const { rows } = await c.query(
        "SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = $1 AND tablename = 'extra'",
        [schema],
      );
      assert.equal(rows[0].n, 1);
    });
    // The schema is now newer than this code: opening it must refuse rather than guess.
    await assert.rejects(openPostgresStore(url, { schema }), /newer/);
  });

  test("a failing migration leaves no trace", async () => {
    const schema = pgSchema("broken");
    await (await openPostgresStore(url, { schema })).close();
    const broken = [...PG_MIGRATIONS, "CREATE TABLE half (x integer); SELECT * FROM no_such_table;"];
    await assert.rejects(openPostgresStore(url, { schema, migrations: broken }), /no_such_table/);
    await withPg(schema, async (c) => {
      const { rows } = await c.query(
        "SELECT to_regclass('half') IS NULL AS gone, max(version) AS v FROM schema_migrations",
      );
      assert.deepEqual(rows[0], { gone: true, v: PG_MIGRATIONS.length });
    });
  });

  test("processes opening a new schema at once migrate it once (advisory lock)", async () => {
    const schema = pgSchema("race");
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore(url, { schema, max: 2 })));
    await Promise.all(stores.map((s) => s.close()));
    assert.deepEqual(
      await versions(schema),
      PG_MIGRATIONS.map((_, i) => i + 1),
    );
  });

  test("a document PostgreSQL cannot hold (NUL character) is refused with a reason, and nothing is written", async () => {
    const store = await openStore({ url, schema: pgSchema("nul") });
    try {
      const doc: Document = { id: "n1", text: "bad\u0000byte", origin: "-", contentHash: "hash-n1" };
      await assert.rejects(store.putDocument(doc, []), /NUL character/);
      assert.deepEqual(await store.stats(), { documents: 0, events: 0, controls: 0 });
      // The pool is still usable afterwards.
      assert.deepEqual(await store.putDocument({ ...doc, text: "good" }, []), { inserted: true });
    } finally {
      await store.close();
    }
  });

  test("a schema name that is not a plain identifier is refused", async () => {
    await assert.rejects(openPostgresStore(url, { schema: 'x"; DROP TABLE y; --' }), RangeError);
  });
});

describe("choosing a backend", () => {
  test("explicit URL, then explicit file, then $SITREP_DATABASE_URL, then the default file", () => {
    const env = { SITREP_DATABASE_URL: "postgres://u:pw@h/db", SITREP_DB: "/x/y.db" };
    assert.deepEqual(storeTarget({ url: "postgresql://a/b", db: "f.db" }, env), {
      kind: "postgres",
      location: "postgresql://a/b",
    });
    assert.deepEqual(storeTarget({ db: "f.db" }, env), { kind: "sqlite", location: "f.db" });
    assert.deepEqual(storeTarget({ db: "postgres://h/d" }, {}), { kind: "postgres", location: "postgres://h/d" });
    assert.deepEqual(storeTarget({}, env), { kind: "postgres", location: "postgres://u:pw@h/db" });
    assert.deepEqual(storeTarget({}, { SITREP_DB: "/x/y.db" }), { kind: "sqlite", location: "/x/y.db" });
    assert.equal(describeTarget(storeTarget({}, env)), "postgres://u:***@h/db");
  });

  test("tsquery text: letters and digits only, quoted; phrases for punctuated words; prefixes", () => {
    assert.equal(tsQuery("shelling Palm* Al-Mas*"), "('shelling') & ('Palm':*) & ('Al' <-> 'Mas':*)");
    assert.equal(tsQuery(`'x':* | !y <-> "z" \\`), "('x':*) & ('y') & ('z')");
    assert.equal(tsQuery("*** () -"), null);
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
