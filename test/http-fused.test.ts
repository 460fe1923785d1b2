// Fused events through the HTTP API on a real server (127.0.0.1, free port) over a temp-file SQLite store:
// min_sources from the fused independent-source count, ?fused=true features, /api/fused/{id} with all its
// evidence, origin coordinates on event features, and POST /api/ingest leaving the store fused.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import Database from "better-sqlite3";
import type { Document, EventRecord } from "../src/model/types.ts";
import { type RunningServer, startServer } from "../src/serve/http/server.ts";
import type { Store } from "../src/store/interface.ts";
import { openSqliteStore } from "../src/store/sqlite/index.ts";
import { actorOf, eventRecord, location } from "./records.ts";

const TOKEN = "test-token-fused-0123456789";
const dir = mkdtempSync(join(tmpdir(), "sitrep-http-fused-"));
let store: Store;
let server: RunningServer;
const quiet = () => {};

async function getJson(path: string, status = 200): Promise<Record<string, unknown>> {
  const res = await fetch(new URL(path, server.url));
  const body = (await res.json()) as Record<string, unknown>;
  assert.equal(res.status, status, `${path}: ${JSON.stringify(body)}`);
  return body;
}

interface Feature {
  id: string;
  geometry: { coordinates: number[] };
  properties: Record<string, unknown>;
}
const featuresOf = (body: Record<string, unknown>) => body.features as Feature[];
const ids = (body: Record<string, unknown>) => featuresOf(body).map((f) => f.id);

function doc(id: string, outlet: string, published: string, text: string): Document {
  return { id, text, outlet, published, origin: "test", contentHash: `hash-${id}` };
}

function record(d: Document, over: Partial<EventRecord> = {}): EventRecord {
  return eventRecord(`${d.id}-e1`, d, {
    acled: { event_type: "Explosions/Remote violence", sub_event_type: "Air/drone strike" },
    actors: [{ ...actorOf("Syrian jets", "Military Forces of Syria (2000-)", "actor1"), country: "SYR" }],
    location: location("Aleppo", 36.2021, 37.1343),
    time: { text: "on Friday", start: "2017-03-10", end: "2017-03-10", precision: "day" },
    evidence: [{ doc: d.id, start: 0, end: d.text.length, text: d.text }],
    confidence: 0.8,
    trigger: { text: "struck", start: 0, end: 0 },
    ...over,
  });
}

// One air strike told by three reports from two outlets, and a convoy (a movement with an origin).
const r1 = doc("r1", "Reuters", "2017-03-10", "Syrian jets struck a market in eastern Aleppo on Friday, killing 9.");
const r2 = doc(
  "r2",
  "Al Jazeera",
  "2017-03-11",
  "Government warplanes hit a busy market in Aleppo, killing 12 people.",
);
const r3 = doc("r3", "Reuters", "2017-03-11", "Activists said regime aircraft bombed eastern Aleppo on Friday.");
const m1 = doc("m1", "SANA", "2017-01-16", "A convoy arrived near Palmyra from Jableh.");
const strike = [record(r1, { fatalities: 9 }), record(r2, { fatalities: 12 }), record(r3)];
const convoy = record(m1, {
  type: "MOBILIZE",
  acled: { event_type: "Strategic developments", sub_event_type: "Other" },
  location: location("Palmyra", 34.56, 38.28),
  origin: location("Jableh", 35.36, 35.93),
  time: { text: null, start: "2017-01-14", end: "2017-01-14", precision: "day" },
});

before(async () => {
  store = openSqliteStore(join(dir, "fused.db"));
  await store.putDocument(r1, [strike[0]]);
  await store.putDocument(m1, [convoy]);
  await store.putDocument(r2, [strike[1]]);
  await store.putDocument(r3, [strike[2]]);
  server = await startServer({ store, port: 0, token: TOKEN, log: quiet });
});

after(async () => {
  await server?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("fused events over HTTP", () => {
  test("min_sources counts the independent sources of the record's fused event", async () => {
    assert.deepEqual(ids(await getJson("/api/events?min_sources=2")), ["r1-e1", "r2-e1", "r3-e1"]);
    assert.deepEqual(ids(await getJson("/api/events?min_sources=3")), []);
    assert.deepEqual(ids(await getJson("/api/events?min_sources=1")), ["m1-e1", "r1-e1", "r2-e1", "r3-e1"]);
    const paged = await getJson("/api/events?min_sources=2&limit=2&offset=1");
    assert.deepEqual(ids(paged), ["r2-e1", "r3-e1"]);
    assert.equal((paged.paging as { next: number | null }).next, null);
  });

  test("?fused=true: one feature per fused event, with members, sources and record ids", async () => {
    const body = await getJson("/api/events?fused=true");
    const features = featuresOf(body);
    assert.equal(features.length, 2);
    assert.deepEqual(body.paging, { limit: 500, offset: 0, returned: 2, unlocated: 0, next: null });
    const [move, fused] = features;
    assert.equal(move.properties.members, 1);
    assert.deepEqual(move.properties.record_ids, ["m1-e1"]);
    assert.match(fused.id, /^fus-[0-9a-f]{16}$/);
    assert.deepEqual(fused.geometry.coordinates, [37.1343, 36.2021]);
    assert.deepEqual(
      {
        kind: fused.properties.kind,
        members: fused.properties.members,
        sources: fused.properties.sources,
        record_ids: fused.properties.record_ids,
        outlets: fused.properties.outlets,
        fatalities: fused.properties.fatalities,
        contradictions: fused.properties.contradictions,
        date: fused.properties.date,
      },
      {
        kind: "fused",
        members: 3,
        sources: 2,
        record_ids: ["r1-e1", "r2-e1", "r3-e1"],
        outlets: ["Reuters", "Al Jazeera"],
        fatalities: 12,
        contradictions: 1,
        date: "2017-03-10",
      },
    );
    // Filters keep fused events with a matching member; min_sources applies to the fused event.
    assert.deepEqual(ids(await getJson("/api/events?fused=true&min_sources=2")), [fused.id]);
    assert.deepEqual(ids(await getJson("/api/events?fused=true&bbox=35.5,32.3,42.4,37.4&type=MOBILIZE")), [move.id]);
    assert.deepEqual(ids(await getJson("/api/events?fused=1&q=activists")), [fused.id]);
    assert.deepEqual(ids(await getJson("/api/events?fused=true&limit=1&offset=1")), [fused.id]);
    assert.equal((await getJson("/api/events?fused=maybe", 400)).error, "fused must be true or false");
  });

  test("/api/fused/{id}: the fused event with every member's evidence and records; unknown id 404", async () => {
    const [, feature] = featuresOf(await getJson("/api/events?fused=true"));
    const fused = await getJson(`/api/fused/${feature.id}`);
    assert.equal(fused.id, feature.id);
    assert.deepEqual(fused.members, ["r1-e1", "r2-e1", "r3-e1"]);
    assert.deepEqual(fused.records, strike);
    assert.deepEqual(
      (fused.evidence as { doc: string }[]).map((e) => e.doc),
      ["r1", "r2", "r3"],
    );
    assert.deepEqual(fused.sourceGroups, [["r1-e1", "r3-e1"], ["r2-e1"]]);
    assert.deepEqual(
      (fused.contradictions as { kind: string; claims: { value: number }[] }[]).map((c) => [
        c.kind,
        c.claims.map((x) => x.value),
      ]),
      [["fatalities", [9, 12]]],
    );
    assert.equal((await getJson("/api/fused/fus-0000000000000000", 404)).error, "no such fused event");
  });

  test("event features carry the origin's coordinates (movement arrows need no extra request)", async () => {
    const [move, strikeFeature] = featuresOf(await getJson("/api/events?limit=2"));
    assert.deepEqual(
      [move.properties.origin, move.properties.origin_lat, move.properties.origin_lon],
      ["Jableh", 35.36, 35.93],
    );
    assert.equal(strikeFeature.properties.origin_lat, null);
  });

  test("event features name their fused event, its size and its independent sources", async () => {
    const fused = featuresOf(await getJson("/api/events?fused=true"))[1];
    const records = featuresOf(await getJson("/api/events?type=ASSAULT"));
    assert.deepEqual(
      records.map((f) => [f.id, f.properties.fused_id, f.properties.fused_members, f.properties.fused_sources]),
      ["r1-e1", "r2-e1", "r3-e1"].map((id) => [id, fused.id, 3, 2]),
    );
  });

  test("POST /api/ingest leaves every stored event record in a fused event", async () => {
    const res = await fetch(new URL("/api/ingest", server.url), {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({
        documents: [
          {
            id: "i1",
            published: "2018-02-14",
            outlet: "Reuters",
            text: "Turkish troops shelled the village of Jindires near Afrin on Monday, a local source told Reuters.",
          },
        ],
      }),
    });
    assert.deepEqual(await res.json(), { stored: 1, skipped: 0, errors: [] });
    const db = new Database(join(dir, "fused.db"), { readonly: true });
    try {
      const count = (sql: string) => db.prepare(sql).pluck().get() as number;
      assert.ok(count("SELECT count(*) FROM events") > 4);
      assert.equal(count("SELECT count(*) FROM fused_members"), count("SELECT count(*) FROM events"));
    } finally {
      db.close();
    }
  });
});
