// Export formats: JSONL/JSON round-trip, ACLED CSV columns and quoting, GeoJSON structure, PLOVER fields.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ControlRecord, Document, EventRecord, OutputRecord } from "../src/model/types.ts";
import { ACLED_COLUMNS, acledDate, acledRow, csvField, interaction } from "../src/serve/export/acled-csv.ts";
import { createWriter, FORMATS, formatRecords } from "../src/serve/export/index.ts";

const doc: Document = {
  id: "d1",
  text: "(the report text)",
  title: "Shelling in Homs",
  url: "https://example.org/d1",
  published: "2017-01-16",
  outlet: "Al-Masdar News",
  origin: "test",
  contentHash: "h-d1",
};
const docs = new Map([[doc.id, doc]]);

// Evidence with a comma, double quotes and a line break, to exercise CSV quoting.
const quoted = 'Government forces shelled "Jouret al-Shiyah", a district of Homs,\nkilling civilians.';

const shelling: EventRecord = {
  kind: "event",
  id: "d1-e1",
  doc: "d1",
  type: "ASSAULT",
  modality: "occurred",
  acled: { event_type: "Explosions/Remote violence", sub_event_type: "Shelling/artillery/missile attack" },
  actors: [
    {
      name: "Government forces",
      canonical: "Military Forces of Syria (2000-)",
      country: "SYR",
      inter: 1,
      role: "actor1",
      start: 0,
      end: 17,
    },
    { name: "Hezbollah", canonical: "Hezbollah", country: "LBN", inter: 3, role: "assoc1", start: 20, end: 29 },
    {
      name: "NDF",
      canonical: "NDF: National Defence Forces",
      country: "SYR",
      inter: 3,
      role: "assoc1",
      start: 30,
      end: 33,
    },
    { name: "civilians", canonical: "Civilians (Syria)", country: "SYR", inter: 7, role: "actor2", start: 70, end: 79 },
  ],
  location: {
    name: "Jouret al-Shiyah district of Homs",
    lat: 34.7265,
    lon: 36.6935,
    radius_km: 3,
    precision: 2,
    anchor: { name: "Homs", geonameid: 169577, lat: 34.72682, lon: 36.72339 },
    country: "SY",
    admin1: "Homs",
    start: 40,
    end: 73,
  },
  origin: null,
  time: { text: "last week", start: "2017-01-09", end: "2017-01-15", precision: "week" },
  size: null,
  fatalities: null,
  source: { outlet: "Al-Masdar News", chain: ["SOHR", "Al-Masdar News"] },
  evidence: [{ doc: "d1", start: 0, end: quoted.length, text: quoted }],
  confidence: 0.85,
  trigger: { text: "shelled", start: 18, end: 25 },
};

// No location and no ACLED type: absent from GeoJSON and ACLED CSV, present in JSONL and PLOVER.
const talks: EventRecord = {
  ...shelling,
  id: "d1-e2",
  type: "CONSULT",
  modality: "planned",
  acled: null,
  actors: [{ ...shelling.actors[0], role: "actor1" }],
  location: null,
  time: { text: null, start: null, end: null, precision: null },
  fatalities: 3,
  evidence: [{ doc: "d1", start: 100, end: 120, text: "Talks are planned." }],
  trigger: { text: "talks", start: 100, end: 105 },
};

const control: ControlRecord = {
  kind: "control",
  id: "d1-c1",
  doc: "d1",
  place: { name: "Palmyra", lat: 34.5601, lon: 38.2805, radius_km: 5, precision: 1, country: "SY", start: 5, end: 12 },
  holder: { name: "ISIS", canonical: "Islamic State (Syria)", country: null },
  modality: "occurred",
  time: { text: null, start: null, end: "2017-01-16", precision: null },
  basis: "under Y control",
  evidence: [{ doc: "d1", start: 0, end: 30, text: "Palmyra is under ISIS control." }],
  source: { outlet: null, chain: [] },
};

const records: OutputRecord[] = [shelling, talks, control];

/** A small RFC 4180 reader, to check the writer's quoting from the outside. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let inQuotes = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      inQuotes = !inQuotes;
    } else if (!inQuotes && c === ",") {
      row.push(field);
      field = "";
    } else if (!inQuotes && c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else {
      field += c;
    }
  }
  assert.equal(field + row.join(""), "", "CSV ends with CRLF");
  return rows;
}

describe("jsonl and json", () => {
  test("jsonl: one record per line, as it is", () => {
    const text = formatRecords(records, "jsonl");
    const lines = text.split("\n");
    assert.equal(lines.pop(), "");
    assert.deepEqual(
      lines.map((l) => JSON.parse(l)),
      records,
    );
  });

  test("json: one array", () => {
    assert.deepEqual(JSON.parse(formatRecords(records, "json")), records);
    assert.deepEqual(JSON.parse(formatRecords([], "json")), []);
  });
});

describe("acled-csv", () => {
  const rows = parseCsv(formatRecords(records, "acled-csv", docs));
  const header = rows[0];
  const row = Object.fromEntries(header.map((name, i) => [name, rows[1][i]]));

  test("header is ACLED's 31 columns in ACLED's order", () => {
    assert.equal(
      formatRecords([], "acled-csv").split("\r\n")[0],
      "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1," +
        "inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3," +
        "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp",
    );
    assert.equal(ACLED_COLUMNS.length, 31);
  });

  test("only events with an ACLED type are rows; every row has 31 fields", () => {
    assert.equal(rows.length, 2);
    assert.ok(rows.every((r) => r.length === 31));
  });

  test("quoting: commas, quotes and line breaks survive", () => {
    assert.equal(row.notes, quoted);
    assert.equal(csvField('a,b "c"\nd'), '"a,b ""c""\nd"');
    assert.equal(csvField("plain"), "plain");
    assert.equal(csvField(-3.5), "-3.5");
  });

  test("columns follow ACLED's conventions", () => {
    assert.match(row.event_id_cnty, /^SYR\d+$/);
    assert.equal(acledRow(shelling)?.event_id_cnty, row.event_id_cnty, "stable id");
    assert.equal(row.event_date, "2017-01-12");
    assert.equal(row.year, "2017");
    assert.equal(row.time_precision, "2");
    assert.equal(row.disorder_type, "Political violence");
    assert.equal(row.event_type, "Explosions/Remote violence");
    assert.equal(row.sub_event_type, "Shelling/artillery/missile attack");
    assert.equal(row.actor1, "Military Forces of Syria (2000-)");
    assert.equal(row.assoc_actor_1, "Hezbollah; NDF: National Defence Forces");
    assert.equal(row.inter1, "1");
    assert.equal(row.actor2, "Civilians (Syria)");
    assert.equal(row.assoc_actor_2, "");
    assert.equal(row.inter2, "7");
    assert.equal(row.interaction, "17");
    assert.equal(row.civilian_targeting, "Civilian targeting");
    assert.equal(row.iso, "760");
    assert.equal(row.region, "Middle East");
    assert.equal(row.country, "Syria");
    assert.equal(row.admin1, "Homs");
    assert.equal(row.location, "Homs", "a relative place is coded as its anchor town");
    assert.equal(row.latitude, "34.7268");
    assert.equal(row.longitude, "36.7234");
    assert.equal(row.geo_precision, "2");
    assert.equal(row.source, "SOHR; Al-Masdar News");
    assert.equal(row.fatalities, "0");
    assert.equal(row.tags, "");
    assert.equal(row.timestamp, String(Date.UTC(2017, 0, 16) / 1000));
  });

  test("interaction codes and time precision", () => {
    assert.equal(interaction(1, 2), 12);
    assert.equal(interaction(2, 1), 12);
    assert.equal(interaction(1, 0), 10);
    assert.equal(interaction(6, 0), 60);
    assert.equal(interaction(0, 0), "");
    const at = (start: string | null, end: string | null, precision: EventRecord["time"]["precision"]) =>
      acledDate({ ...shelling, time: { text: null, start, end, precision } }, doc);
    assert.deepEqual(at("2017-01-14", "2017-01-14", "day"), { date: "2017-01-14", precision: 1 });
    assert.deepEqual(at("2017-01-01", "2017-01-31", "month"), { date: "2017-01-16", precision: 3 });
    assert.deepEqual(at(null, null, null), { date: "2017-01-16", precision: 3 });
  });
});

describe("geojson", () => {
  const fc = JSON.parse(formatRecords(records, "geojson", docs));

  test("a FeatureCollection of Points in [lon, lat], without crs", () => {
    assert.equal(fc.type, "FeatureCollection");
    assert.equal("crs" in fc, false);
    assert.deepEqual(
      fc.features.map((f: { id: string }) => f.id),
      ["d1-e1", "d1-c1"],
    );
    assert.deepEqual(fc.features[0].geometry, { type: "Point", coordinates: [36.6935, 34.7265] });
    assert.deepEqual(fc.features[1].geometry.coordinates, [38.2805, 34.5601]);
    for (const f of fc.features) assert.equal(f.type, "Feature");
  });

  test("flat properties, same names and one type per name across features (QGIS)", () => {
    const [e, c] = fc.features.map((f: { properties: Record<string, unknown> }) => f.properties);
    assert.deepEqual(Object.keys(e), Object.keys(c));
    for (const key of Object.keys(e)) {
      for (const value of [e[key], c[key]]) assert.ok(value === null || ["string", "number"].includes(typeof value));
      if (e[key] !== null && c[key] !== null) assert.equal(typeof e[key], typeof c[key], key);
    }
    assert.equal(e.kind, "event");
    assert.equal(c.kind, "control");
    assert.equal(e.record_id, "d1-e1");
    assert.equal(e.actor1, "Military Forces of Syria (2000-)");
    assert.equal(e.evidence_text, quoted);
    assert.equal(e.title, "Shelling in Homs");
    assert.equal(c.holder, "ISIS");
    assert.equal(JSON.parse(e.actors_json).length, 4);
  });

  test("an empty batch is still a valid collection", () => {
    assert.deepEqual(JSON.parse(formatRecords([], "geojson")), { type: "FeatureCollection", features: [] });
  });
});

describe("plover", () => {
  const out = JSON.parse(formatRecords(records, "plover", docs));

  test("one object per event, control claims left out", () => {
    assert.ok(Array.isArray(out));
    assert.deepEqual(
      out.map((p: { id: string }) => p.id),
      ["d1-e1", "d1-e2"],
    );
  });

  test("fields per the PLOVER data spec", () => {
    const [p, q] = out;
    assert.equal(p.date, "2017-01-09");
    assert.equal(p.enddate, "2017-01-15");
    assert.deepEqual(p.event, ["ASSAULT"]);
    assert.equal(p.quad_code, 4);
    assert.equal(p.mode, "heavy-weapons");
    assert.deepEqual(p.context, ["military"]);
    assert.deepEqual(p.source[0], {
      actor_text: "Government forces",
      identifier_text: "Military Forces of Syria (2000-)",
      code: "SYR",
      sector: "MIL",
    });
    assert.deepEqual(
      p.source.map((a: { actor_text: string }) => a.actor_text),
      ["Government forces", "Hezbollah", "NDF"],
    );
    assert.deepEqual(p.recipient, [
      { actor_text: "civilians", identifier_text: "Civilians (Syria)", code: "SYR", sector: "CVL" },
    ]);
    assert.equal(p.event_loc.latitude, 34.7265);
    assert.equal(p.event_loc.longitude, 36.6935);
    assert.equal(p.event_loc.cc3, "SYR");
    assert.equal(p.text, quoted);
    assert.deepEqual(p.event_text, ["shelled"]);
    assert.equal(p.modality, "occurred");
    assert.equal(p.cite_info.url, "https://example.org/d1");
    // Undated, unlocated, not ACLED: the publication date stands in; no mode, no location.
    assert.equal(q.date, "2017-01-16");
    assert.equal(q.mode, "");
    assert.equal(q.event_loc, null);
    assert.equal(q.modality, "planned");
    assert.equal(q.quad_code, 1);
  });
});

describe("writers", () => {
  test("streaming header/row/footer gives the same text as formatRecords, for every format", () => {
    for (const format of FORMATS) {
      const w = createWriter(format, docs);
      const streamed = w.header() + records.map((r) => w.row(r)).join("") + w.footer();
      assert.equal(streamed, formatRecords(records, format, docs), format);
    }
  });
});
