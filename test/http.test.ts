// The HTTP API on a real server (127.0.0.1, free port) over a temp-file SQLite store: ingest and its auth and
// limits, events GeoJSON and its filters (on known records), documents with spans and escaped HTML, control
// timeline, OpenAPI coverage, security headers, CORS, methods and `/`.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import type { ControlRecord, Document, EventRecord } from "../src/model/types.ts";
import { formatRecords } from "../src/serve/export/index.ts";
import { createApp } from "../src/serve/http/app.ts";
import { readBody } from "../src/serve/http/body.ts";
import type { HttpError } from "../src/serve/http/errors.ts";
import { markText } from "../src/serve/http/html.ts";
import { searchWords } from "../src/serve/http/records.ts";
import { type RunningServer, startServer } from "../src/serve/http/server.ts";
import type { Store } from "../src/store/interface.ts";
import { openSqliteStore } from "../src/store/sqlite/index.ts";
import { actorOf, eventRecord, evidenceOf, location, spanOf } from "./records.ts";

const TOKEN = "test-token-0123456789abcdef";
const dir = mkdtempSync(join(tmpdir(), "sitrep-http-"));
let store: Store; // known records, put directly
let server: RunningServer;
let ingestStore: Store; // filled through POST /api/ingest
let writable: RunningServer;
let readOnly: RunningServer;
const quiet = () => {};

const url = (path: string, base = server) => new URL(path, base.url).href;
const get = (path: string, init?: RequestInit, base = server) => fetch(url(path, base), init);
async function getJson(path: string, status = 200, base = server): Promise<Record<string, unknown>> {
  const res = await get(path, undefined, base);
  const body = (await res.json()) as Record<string, unknown>;
  assert.equal(res.status, status, `${path}: ${JSON.stringify(body)}`);
  return body;
}
function post(body: string, headers: Record<string, string> = {}, base = writable) {
  return fetch(new URL("/api/ingest", base.url), {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}`, ...headers },
    body,
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Known records, put directly into the store, for the filters.

const hostileText =
  "Turkish troops shelled the village of Jindires near Afrin on Monday, a local source told Reuters. " +
  '<script>alert("x")</script> <img src=x onerror=alert(1)> & "quotes" \'too\'. ' +
  "Kurdish fighters mobilised near Aleppo. Tal Rifaat has been under YPG control since February.";
const known: Document = {
  id: "k1",
  text: hostileText,
  title: "Afrin <script>alert(2)</script>",
  url: "https://example.org/k1",
  published: "2018-02-14",
  outlet: "Reuters",
  origin: "test",
  contentHash: "hash-k1",
};
const other: Document = {
  id: "k2",
  text: "Russian forces struck Kyiv overnight.",
  outlet: "AP",
  origin: "test",
  contentHash: "hash-k2",
};

const shelled = eventRecord("k1-e1", known, {
  acled: { event_type: "Explosions/Remote violence", sub_event_type: "Shelling/artillery/missile attack" },
  actors: [actorOf("Turkish troops", "Military Forces of Turkey (2016-)", "actor1")],
  location: location("Jindires", 36.3947, 36.6964),
  time: { text: "on Monday", start: "2018-02-12", end: "2018-02-12", precision: "day" },
  source: { outlet: "Reuters", chain: ["a local source"] },
  // Covers the hostile markup too, so the HTML view must escape inside a <mark>.
  evidence: evidenceOf(
    known,
    'Turkish troops shelled the village of Jindires near Afrin on Monday, a local source told Reuters. <script>alert("x")</script>',
  ),
  trigger: { text: "shelled", ...spanOf(known.text, "shelled") },
});
const mobilised = eventRecord("k1-e2", known, {
  type: "MOBILIZE",
  acled: { event_type: "Strategic developments", sub_event_type: "Other" },
  actors: [actorOf("Kurdish fighters", "YPG: Peoples Protection Units", "actor1")],
  location: location("Aleppo", 36.2021, 37.1343),
  time: { text: null, start: "2018-02-14", end: "2018-02-14", precision: "day" },
  evidence: evidenceOf(known, "Kurdish fighters mobilised near Aleppo"),
  trigger: { text: "mobilised", ...spanOf(known.text, "mobilised") },
});
const unlocated = eventRecord("k1-e3", known, {
  modality: "speculative",
  time: { text: null, start: "2018-02-13", end: "2018-02-13", precision: "day" },
  evidence: evidenceOf(known, "<img src=x onerror=alert(1)>"),
});
const kyiv = eventRecord("k2-e1", other, {
  actors: [actorOf("Russian forces", "Military Forces of Russia (2000-)", "actor1")],
  location: location("Kyiv", 50.4547, 30.5238, "UA"),
  time: { text: "overnight", start: "2022-03-01", end: "2022-03-01", precision: "day" },
  evidence: evidenceOf(other, "Russian forces struck Kyiv overnight."),
});
function control(id: string, start: string | null, holder: string): ControlRecord {
  return {
    kind: "control",
    id,
    doc: known.id,
    place: { ...location("Tal Rifaat", 36.4697, 37.0967), ...spanOf(known.text, "Tal Rifaat") },
    holder: { name: holder, canonical: holder, country: null },
    modality: "occurred",
    time: { text: null, start, end: start, precision: start ? "day" : null },
    basis: "under Y control",
    evidence: evidenceOf(known, "Tal Rifaat has been under YPG control since February."),
    source: { outlet: "Reuters", chain: [] },
  };
}
// Inserted out of time order: the timeline must sort them.
const controls = [control("k1-c1", "2018-03-05", "Turkish-backed forces"), control("k1-c2", "2016-02-15", "YPG")];
const undatedControl = control("k1-c3", null, "YPG");

const featureIds = (body: Record<string, unknown>) => (body.features as { id: string }[]).map((f) => f.id).sort();

before(async () => {
  store = openSqliteStore(join(dir, "http.db"));
  await store.putDocument(known, [shelled, mobilised, unlocated, ...controls, undatedControl]);
  await store.putDocument(other, [kyiv]);
  server = await startServer({ store, port: 0, log: quiet });
  ingestStore = openSqliteStore(join(dir, "ingest.db"));
  writable = await startServer({ store: ingestStore, port: 0, token: TOKEN, log: quiet });
  readOnly = await startServer({ store: ingestStore, port: 0, log: quiet });
});

after(async () => {
  await server?.close();
  await writable?.close();
  await readOnly?.close();
  await store?.close();
  await ingestStore?.close();
  rmSync(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------------------

describe("server", () => {
  test("listens on 127.0.0.1 with a real port; health reports the store counts", async () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
    assert.notEqual(new URL(server.url).port, "0");
    const body = await getJson("/api/health");
    assert.equal(body.ok, true);
    const stats = body.stats as { documents: number; events: number; controls: number };
    assert.ok(stats.documents >= 2 && stats.events >= 4 && stats.controls >= 3);
  });
});

describe("POST /api/ingest", () => {
  const wget = (path: string, status = 200) => getJson(path, status, writable);
  const reports = [
    {
      id: "r1",
      text:
        "Turkish troops shelled the village of Jindires near Afrin on Monday, a local source told Reuters. " +
        "Kurdish fighters captured the town of Tal Rifaat on Tuesday, according to the Syrian Observatory.",
      title: "Shelling near Afrin",
      published: "2018-02-14",
      outlet: "Reuters",
      url: "https://example.org/r1",
    },
    {
      text:
        "Syrian government forces captured the town of Khan Shaykhun from rebels on Tuesday, state media said. " +
        "Russian jets bombed positions in Idlib province overnight.",
      published: "2019-08-21",
      outlet: "AFP",
    },
  ];

  test("stores documents with the token; the same documents again are skipped", async () => {
    const res = await post(JSON.stringify({ documents: reports }));
    const body = await res.json();
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.deepEqual(body, { stored: 2, skipped: 0, errors: [] });
    assert.equal(((await wget("/api/health")).stats as { documents: number }).documents, 2);
    const doc = await wget("/api/documents/r1");
    assert.equal(doc.title, "Shelling near Afrin");
    assert.equal(doc.outlet, "Reuters");
    assert.equal(doc.published, "2018-02-14");

    const again = await post(JSON.stringify({ documents: reports }));
    assert.deepEqual(await again.json(), { stored: 0, skipped: 2, errors: [] });
  });

  test("what the extractor found is served consistently: [lon, lat] features, spans of the document", async () => {
    const all = await wget("/api/events");
    const features = all.features as { id: string; geometry: { coordinates: number[] }; properties: never }[];
    for (const f of features) {
      const [lon, lat] = f.geometry.coordinates;
      assert.ok(Math.abs(lon) <= 180 && Math.abs(lat) <= 90, f.id);
      const event = (await wget(`/api/events/${encodeURIComponent(f.id)}`)) as unknown as EventRecord;
      assert.deepEqual([event.location?.lon, event.location?.lat], [lon, lat]);
      const doc = await wget(`/api/documents/${encodeURIComponent(event.doc)}`);
      const spans = doc.spans as { start: number; end: number; record: string }[];
      for (const e of event.evidence.filter((x) => x.doc === event.doc)) {
        assert.ok(
          spans.some((s) => s.record === event.id && s.start === e.start && s.end === e.end),
          event.id,
        );
      }
    }
  });

  test("NDJSON; per-document problems are reported by index and the rest is stored", async () => {
    const lines = [
      JSON.stringify({ id: "n1", text: "Ukrainian forces shelled Russian positions near Bakhmut on Friday." }),
      "{not json",
      "",
      JSON.stringify({ id: "n3", text: "   " }),
      JSON.stringify({ id: 7, text: "Rebels attacked an army checkpoint in Daraa." }),
      JSON.stringify({ id: "n5", text: "Protesters rallied in Khartoum on Sunday.", published: "2019-04-07" }),
    ];
    const res = await post(`${lines.join("\n")}\n`, { "Content-Type": "application/x-ndjson" });
    const body = (await res.json()) as { stored: number; skipped: number; errors: { index: number }[] };
    assert.equal(res.status, 200);
    assert.equal(body.stored, 2);
    assert.deepEqual(
      body.errors.map((e) => e.index),
      [1, 2, 3],
    );
    assert.equal((await wget("/api/documents/n5")).published, "2019-04-07");
  });

  test("without a token 401, with a wrong one 401, on a read-only server 403; nothing stored", async () => {
    const before = JSON.stringify(await wget("/api/health"));
    const body = JSON.stringify({ documents: [{ text: "Militants attacked a police station in Kabul." }] });
    const none = await fetch(url("/api/ingest", writable), {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body,
    });
    assert.equal(none.status, 401);
    assert.match(none.headers.get("www-authenticate") ?? "", /^Bearer/);
    assert.equal(typeof ((await none.json()) as { error: unknown }).error, "string");
    for (const auth of [`Bearer ${TOKEN}x`, "Bearer t", `Basic ${TOKEN}`, `Bearer ${TOKEN.slice(0, -1)}`]) {
      const res = await post(body, { Authorization: auth });
      await res.arrayBuffer();
      assert.equal(res.status, 401, auth);
    }
    const ro = await post(body, {}, readOnly);
    assert.equal(ro.status, 403);
    assert.match(((await ro.json()) as { error: string }).error, /read-only/);
    assert.equal(JSON.stringify(await wget("/api/health")), before);
  });

  test("bad bodies: not JSON 400, no documents array 400, wrong type 415", async () => {
    assert.equal((await post("{")).status, 400);
    assert.equal((await post(JSON.stringify({ docs: [] }))).status, 400);
    assert.equal((await post("text", { "Content-Type": "text/plain" })).status, 415);
  });

  test("413 on a body over 10 MB declared in Content-Length", async () => {
    const big = `{"documents":[{"text":"${"a".repeat(10 * 1024 * 1024)}"}]}`;
    const res = await post(big);
    assert.equal(res.status, 413);
    assert.match(((await res.json()) as { error: string }).error, /too large/);
  });

  test("413 on a chunked body (no Content-Length), counted while reading; the server goes on serving", async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    let pulls = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulls++ < 164)
          controller.enqueue(chunk); // 10.25 MB
        else controller.close();
      },
    });
    const res = await fetch(url("/api/ingest", writable), {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` },
      body: stream,
      duplex: "half",
    } as RequestInit);
    assert.equal(res.status, 413);
    assert.equal(res.headers.get("connection"), "close");
    assert.match(((await res.json()) as { error: string }).error, /too large/);
    assert.equal((await wget("/api/health")).ok, true);
  });

  test("readBody stops reading as soon as the limit is passed", async () => {
    let pulls = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new Uint8Array(1000));
      },
    });
    const req = new Request("http://x/", { method: "POST", body, duplex: "half" } as RequestInit);
    await assert.rejects(readBody(req, 10_500), (e: HttpError) => e.status === 413);
    assert.ok(pulls <= 13, `pulled ${pulls} chunks`);
    const declared = new Request("http://x/", { method: "POST", body: "x", headers: { "Content-Length": "99999" } });
    await assert.rejects(readBody(declared, 10), (e: HttpError) => e.status === 413);
    const bad = new Request("http://x/", { method: "POST", body: new Uint8Array([0xff, 0xfe]) });
    await assert.rejects(readBody(bad, 10), (e: HttpError) => e.status === 400);
  });

  test("413 for more than 1000 documents", async () => {
    const many = JSON.stringify({ documents: Array.from({ length: 1001 }, (_, i) => ({ text: `Report ${i}.` })) });
    const res = await post(many);
    assert.equal(res.status, 413);
    assert.match(((await res.json()) as { error: string }).error, /1000/);
  });

  test("a document over the per-document limit is refused by index", async () => {
    const app = createApp(ingestStore, { token: TOKEN, limits: { maxTextBytes: 100 }, log: quiet });
    const res = await app.request("/api/ingest", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ documents: [{ text: "x".repeat(101) }, { text: "Rebels shelled Idlib." }] }),
    });
    assert.equal(res.status, 200);
    const body = (await res.json()) as { stored: number; errors: { index: number; message: string }[] };
    assert.equal(body.stored, 1);
    assert.equal(body.errors.length, 1);
    assert.equal(body.errors[0].index, 0);
    assert.match(body.errors[0].message, /too large/);
  });
});

describe("GET /api/events", () => {
  test("a GeoJSON FeatureCollection with [lon, lat] points and the export's properties", async () => {
    const res = await get("/api/events?bbox=36,36,37.5,37");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^application\/geo\+json/);
    const body = (await res.json()) as {
      type: string;
      features: { id: string; geometry: { coordinates: number[] } }[];
      paging: Record<string, unknown>;
    };
    assert.equal(body.type, "FeatureCollection");
    const f = body.features.find((x) => x.id === "k1-e1");
    assert.ok(f);
    assert.deepEqual(f.geometry.coordinates, [36.6964, 36.3947]);
    const cli = JSON.parse(formatRecords([shelled], "geojson", new Map([[known.id, { ...known, text: "" }]])));
    // The export's properties, plus the record's fused event (the only report of its event here).
    const { fused_id, fused_members, fused_sources, ...exported } = (
      f as unknown as { properties: Record<string, unknown> }
    ).properties;
    assert.deepEqual({ ...f, properties: exported }, cli.features[0]);
    assert.match(String(fused_id), /^fus-[0-9a-f]{16}$/);
    assert.deepEqual([fused_members, fused_sources], [1, 1]);
  });

  test("bbox, date, type, modality, actor, acled, q and min_sources filters", async () => {
    const syria = "bbox=35.5,32.3,42.4,37.4";
    assert.deepEqual(featureIds(await getJson(`/api/events?${syria}&from=2018-02-01&to=2018-02-28`)), [
      "k1-e1",
      "k1-e2",
    ]);
    assert.deepEqual(featureIds(await getJson("/api/events?bbox=30,50,31,51")), ["k2-e1"]);
    assert.deepEqual(featureIds(await getJson(`/api/events?${syria}&type=mobilize`)), ["k1-e2"]);
    assert.deepEqual(featureIds(await getJson(`/api/events?${syria}&from=2018-02-13&to=2018-02-20`)), ["k1-e2"]);
    assert.deepEqual(featureIds(await getJson("/api/events?from=2022")), ["k2-e1"]);
    assert.deepEqual(featureIds(await getJson("/api/events?actor=turkey&from=2018-01&to=2018-12")), ["k1-e1"]);
    assert.deepEqual(featureIds(await getJson("/api/events?acled=shelling%2Fartillery%2Fmissile%20attack")), ["k1-e1"]);
    assert.deepEqual(featureIds(await getJson("/api/events?q=aleppo&to=2018-12-31")), ["k1-e1", "k1-e2"]);
    // Independent sources of the event's fused event: each of these is the only report of its event.
    assert.deepEqual(featureIds(await getJson(`/api/events?${syria}&min_sources=2`)), []);
    assert.deepEqual(featureIds(await getJson(`/api/events?${syria}&min_sources=1`)), ["k1-e1", "k1-e2"]);
    // Unlocated events count in paging but have no feature.
    const speculative = await getJson("/api/events?modality=speculative");
    assert.deepEqual(speculative.features, []);
    assert.deepEqual(speculative.paging, { limit: 500, offset: 0, returned: 1, unlocated: 1, next: null });
  });

  test("paging: limit, offset, next", async () => {
    const first = await getJson("/api/events?from=2018-02-01&to=2018-02-28&limit=1");
    assert.deepEqual(first.paging, { limit: 1, offset: 0, returned: 1, unlocated: 0, next: 1 });
    assert.deepEqual(featureIds(first), ["k1-e1"]);
    const last = await getJson("/api/events?from=2018-02-01&to=2018-02-28&limit=2&offset=2");
    assert.deepEqual(last.paging, { limit: 2, offset: 2, returned: 1, unlocated: 0, next: null });
    assert.deepEqual(featureIds(last), ["k1-e2"]);
    const filtered = await getJson("/api/events?bbox=35.5,32.3,42.4,37.4&min_sources=1&limit=1&offset=1");
    assert.equal((filtered.paging as { returned: number }).returned, 1);
  });

  test("bad filters are 400 with a message and no stack", async () => {
    for (const q of [
      "bbox=1,2,3",
      "bbox=a,b,c,d",
      "bbox=0,60,10,50",
      "bbox=0,0,200,10",
      "from=yesterday",
      "to=2018-02-30x",
      "type=BOMB",
      "modality=likely",
      "limit=0",
      "limit=5001",
      "offset=-1",
      "min_sources=0",
      `q=${"x".repeat(600)}`,
    ]) {
      const res = await get(`/api/events?${q}`);
      const text = await res.text();
      assert.equal(res.status, 400, q);
      const body = JSON.parse(text) as { error: string };
      assert.equal(typeof body.error, "string", q);
      assert.doesNotMatch(text, /\bat .*\.ts:\d+/, q);
    }
  });

  test("one event by id, with its evidence; unknown id 404", async () => {
    assert.deepEqual(await getJson("/api/events/k1-e1"), shelled);
    const missing = await getJson("/api/events/nope", 404);
    assert.equal(missing.error, "no such event");
  });
});

describe("GET /api/documents/:id", () => {
  test("the document, its text, and the spans of all its records", async () => {
    const body = await getJson("/api/documents/k1");
    assert.equal(body.text, hostileText);
    assert.equal(body.title, known.title);
    const spans = body.spans as { start: number; end: number; kind: string; record: string }[];
    const byRecord = new Map(spans.map((s) => [s.record, s]));
    assert.deepEqual([...byRecord.keys()].sort(), ["k1-c1", "k1-c2", "k1-c3", "k1-e1", "k1-e2", "k1-e3"]);
    assert.deepEqual(byRecord.get("k1-e2"), {
      ...spanOf(known.text, "Kurdish fighters mobilised near Aleppo"),
      kind: "event",
      record: "k1-e2",
    });
    assert.equal(byRecord.get("k1-c1")?.kind, "control");
    for (const s of spans) assert.ok(s.start < s.end && s.end <= hostileText.length);
    assert.ok(spans.every((s, i) => i === 0 || spans[i - 1].start <= s.start));
    await getJson("/api/documents/nope", 404);
    await getJson("/api/documents/k1?format=xml", 400);
  });

  test("?format=html marks the evidence and escapes every piece of text", async () => {
    const res = await get("/api/documents/k1?format=html");
    assert.equal(res.status, 200);
    assert.match(res.headers.get("content-type") ?? "", /^text\/html/);
    assert.match(res.headers.get("content-security-policy") ?? "", /default-src 'none'/);
    const html = await res.text();
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<img/i);
    assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /<title>Afrin &lt;script&gt;alert\(2\)&lt;\/script&gt;<\/title>/);
    assert.match(html, /&amp; &quot;quotes&quot; &#39;too&#39;/);
    assert.match(html, /<mark class="event" data-records="k1-e2">Kurdish fighters mobilised near Aleppo<\/mark>/);
    assert.match(html, /<mark class="event" data-records="k1-e3">&lt;img src=x onerror=alert\(1\)&gt;<\/mark>/);
  });

  test("searchWords: whole tokens only, longest first, case-insensitively distinct", () => {
    const doc = { ...other, title: "Kyiv", text: "(Shelling) shelling, Rif‘at KYIV kyiv 2022." };
    assert.deepEqual(searchWords(doc, 3), ["Shelling", "2022", "Kyiv"]);
  });

  test("markText: overlapping spans never nest, out-of-range spans are clipped", () => {
    const out = markText("a<b>cd", [
      { start: 0, end: 3, kind: "event", record: "e1" },
      { start: 2, end: 6, kind: "control", record: "c1" },
      { start: 5, end: 99, kind: "event", record: "e2" },
    ]);
    assert.equal(
      out,
      '<mark class="event" data-records="e1">a&lt;</mark>' +
        '<mark class="event control" data-records="e1 c1">b</mark>' +
        '<mark class="control" data-records="c1">&gt;c</mark>' +
        '<mark class="control event" data-records="c1 e2">d</mark>',
    );
  });
});

describe("GET /api/control", () => {
  test("claims for a place as a timeline ordered by time, undated last", async () => {
    const body = await getJson("/api/control?place=tal%20rifaat");
    assert.equal(body.place, "tal rifaat");
    assert.deepEqual(
      (body.claims as ControlRecord[]).map((c) => c.id),
      ["k1-c2", "k1-c1", "k1-c3"],
    );
    assert.deepEqual((body.claims as ControlRecord[])[0], controls[1]);
    const holder = await getJson("/api/control?holder=turkish");
    assert.deepEqual(
      (holder.claims as ControlRecord[]).map((c) => c.id),
      ["k1-c1"],
    );
    const boxed = await getJson("/api/control?bbox=37,36,38,37&from=2017");
    assert.deepEqual(
      (boxed.claims as ControlRecord[]).map((c) => c.id),
      ["k1-c1"],
    );
    await getJson("/api/control?bbox=1,2", 400);
  });
});

describe("GET /api/openapi.json", () => {
  test("OpenAPI 3.1 listing every route the app serves, and nothing else", async () => {
    const doc = (await getJson("/api/openapi.json")) as { openapi: string; paths: Record<string, object> };
    assert.equal(doc.openapi, "3.1.0");
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`))
      .sort();
    const routed = createApp(store)
      .routes.filter((r) => r.path.startsWith("/api/") && (r.method === "GET" || r.method === "POST"))
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    assert.deepEqual(documented, [...new Set(routed)]);
  });
});

describe("security", () => {
  test("security headers on every response (ok, not found, errors); no CORS header by default", async () => {
    for (const [path, status] of [
      ["/api/health", 200],
      ["/api/nothing", 404],
      ["/api/events?bbox=x", 400],
      ["/", 200],
    ] as const) {
      const res = await get(path, { headers: { Origin: "https://evil.example" } });
      await res.arrayBuffer();
      assert.equal(res.status, status, path);
      const h = res.headers;
      assert.equal(h.get("x-content-type-options"), "nosniff", path);
      assert.equal(h.get("x-frame-options"), "DENY", path);
      assert.equal(h.get("referrer-policy"), "no-referrer", path);
      const csp = h.get("content-security-policy") ?? "";
      assert.match(csp, /default-src 'self'/, path);
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.equal(h.get("access-control-allow-origin"), null, path);
    }
  });

  test("only GET, HEAD and POST; OPTIONS refused without CORS", async () => {
    const del = await get("/api/events/k1-e1", { method: "DELETE" });
    assert.equal(del.status, 405);
    assert.equal(del.headers.get("allow"), "GET, HEAD, POST");
    assert.equal(typeof ((await del.json()) as { error: unknown }).error, "string");
    const options = await get("/api/events", { method: "OPTIONS", headers: { Origin: "https://evil.example" } });
    await options.arrayBuffer();
    assert.equal(options.status, 405);
    assert.equal(options.headers.get("access-control-allow-origin"), null);
    const head = await get("/api/health", { method: "HEAD" });
    assert.equal(head.status, 200);
  });

  test("an unexpected failure is a 500 with a fixed message; the details go to the log only", async () => {
    const logged: unknown[] = [];
    const broken = {
      ...store,
      stats: async () => {
        throw new Error("disk on fire at /secret/path");
      },
    } as Store;
    const res = await createApp(broken, { log: (e) => logged.push(e) }).request("/api/health");
    assert.equal(res.status, 500);
    assert.deepEqual(await res.json(), { error: "internal server error" });
    assert.equal(res.headers.get("x-content-type-options"), "nosniff");
    assert.match(String(logged[0]), /disk on fire/);
  });

  test("CORS only for the configured origins", async () => {
    const app = createApp(store, { allowOrigins: ["https://map.example.org"], log: quiet });
    const ok = await app.request("/api/health", { headers: { Origin: "https://map.example.org" } });
    assert.equal(ok.headers.get("access-control-allow-origin"), "https://map.example.org");
    const no = await app.request("/api/health", { headers: { Origin: "https://evil.example" } });
    assert.equal(no.headers.get("access-control-allow-origin"), null);
    const preflight = await app.request("/api/ingest", {
      method: "OPTIONS",
      headers: { Origin: "https://map.example.org", "Access-Control-Request-Method": "POST" },
    });
    assert.equal(preflight.status, 204);
    assert.match(preflight.headers.get("access-control-allow-methods") ?? "", /POST/);
  });
});

describe("/", () => {
  test("without a web app, an HTML page listing the endpoints", async () => {
    const res = await get("/");
    assert.match(res.headers.get("content-type") ?? "", /^text\/html/);
    const html = await res.text();
    for (const path of ["/api/events", "/api/control", "/api/ingest", "/api/openapi.json"])
      assert.ok(html.includes(path));
  });

  test("with staticDir, the web app's files; /api still answers", async () => {
    const web = join(dir, "web");
    mkdirSync(join(web, "assets"), { recursive: true });
    writeFileSync(join(web, "index.html"), "<!doctype html><title>map</title>");
    writeFileSync(join(web, "assets", "app.js"), "console.log(1)");
    const app = createApp(store, { staticDir: web, log: quiet });
    const index = await app.request("/");
    assert.equal(await index.text(), "<!doctype html><title>map</title>");
    const js = await app.request("/assets/app.js");
    assert.match(js.headers.get("content-type") ?? "", /javascript/);
    assert.equal(js.headers.get("x-content-type-options"), "nosniff");
    assert.equal((await app.request("/../http.db")).status, 404);
    assert.equal((await app.request("/api/health")).status, 200);
    const missing = createApp(store, { staticDir: join(dir, "absent"), log: quiet });
    assert.match(await (await missing.request("/")).text(), /sitrep API/);
  });
});
