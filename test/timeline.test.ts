// Control timelines on hand-built control claims: which claims are about a place, date order, runs merged into
// periods, same-day conflicts flagged, and who held a place before and after a capture.
import assert from "node:assert/strict";
import { test } from "node:test";
import { claimIsAbout, controlTimeline, type DocMeta, whoHeld } from "../src/fuse/index.ts";
import type { ControlRecord, LocationField, Modality } from "../src/model/types.ts";

const ISIS = { name: "ISIS", canonical: "Islamic State (Syria)", country: null };
const SAA = { name: "Syrian Arab Army", canonical: "Military Forces of Syria (2000-)", country: "SYR" };
const SDF = { name: "SDF", canonical: "SDF: Syrian Democratic Forces", country: null };

const PALMYRA = { name: "Palmyra", lat: 34.5601, lon: 38.2805, geonameid: 163808 };
const PALMYRA_Q = { name: "Palmyra", lat: 34.5601, lon: 38.2805, radiusKm: 5, geonameid: 163808 };

interface Spec {
  id: string;
  holder: ControlRecord["holder"];
  date: string | null;
  doc?: string;
  outlet?: string;
  modality?: Modality;
  place?: Partial<LocationField> & { name: string };
}

function claim(s: Spec): ControlRecord {
  const place: LocationField = {
    lat: PALMYRA.lat,
    lon: PALMYRA.lon,
    geonameid: PALMYRA.geonameid,
    radius_km: 5,
    precision: 1,
    start: 0,
    end: 7,
    ...(s.place ?? { name: "Palmyra" }),
  };
  return {
    kind: "control",
    id: s.id,
    doc: s.doc ?? `doc-${s.id}`,
    place,
    holder: s.holder,
    modality: s.modality ?? "occurred",
    time: { text: null, start: null, end: s.date, precision: s.date ? "day" : null },
    basis: "under control",
    evidence: [
      { doc: s.doc ?? `doc-${s.id}`, start: 0, end: 20, text: `${place.name} under ${s.holder.name} control` },
    ],
    source: { outlet: s.outlet ?? `outlet-${s.id}`, chain: [] },
  };
}

const history = [
  claim({ id: "c3", holder: ISIS, date: "2016-12-20" }),
  claim({ id: "c1", holder: ISIS, date: "2016-12-11" }),
  claim({ id: "c5", holder: SAA, date: "2017-03-02" }),
  claim({ id: "c2", holder: ISIS, date: "2016-12-15" }),
  claim({ id: "c6", holder: SAA, date: "2017-03-05" }),
];

test("claims are about a place by geonameid, anchor geonameid, distance or name", () => {
  const near = claim({
    id: "n",
    holder: ISIS,
    date: "2017-01-01",
    place: { name: "Palmyra citadel", lat: 34.563, lon: 38.267, geonameid: 1 },
  });
  const outskirts = claim({
    id: "o",
    holder: ISIS,
    date: "2017-01-01",
    place: { name: "outskirts of Palmyra", geonameid: undefined, anchor: { ...PALMYRA } },
  });
  const province = claim({
    id: "p",
    holder: SAA,
    date: "2017-01-01",
    place: { name: "Homs province", lat: 34.56, lon: 38.28, radius_km: 80, geonameid: 2 },
  });
  const far = claim({
    id: "f",
    holder: SAA,
    date: "2017-01-01",
    place: { name: "Homs", lat: 34.7324, lon: 36.7137, geonameid: 169577 },
  });
  const unlocated = claim({
    id: "u",
    holder: SAA,
    date: "2017-01-01",
    place: { name: "PALMYRA", lat: null, lon: null, geonameid: undefined },
  });
  assert.ok(claimIsAbout(near, PALMYRA_Q));
  assert.ok(claimIsAbout(outskirts, { geonameid: PALMYRA.geonameid }));
  assert.ok(!claimIsAbout(province, PALMYRA_Q), "a province claim is not a claim about a town in it");
  assert.ok(!claimIsAbout(far, PALMYRA_Q));
  assert.ok(claimIsAbout(unlocated, { name: "Palmyra" }));
  assert.ok(!claimIsAbout(far, { name: "Palmyra" }));
});

test("the timeline is sorted by date and merges runs of one holder into periods", () => {
  const t = controlTimeline(history, PALMYRA_Q);
  assert.deepEqual(
    t.map((e) => [e.holder.name, e.from, e.to, e.claims.map((c) => c.id)]),
    [
      ["ISIS", "2016-12-11", "2016-12-20", ["c1", "c2", "c3"]],
      ["Syrian Arab Army", "2017-03-02", "2017-03-05", ["c5", "c6"]],
    ],
  );
  assert.deepEqual(t[0].sources, ["outlet-c1", "outlet-c2", "outlet-c3"]);
  assert.equal(t[0].evidence.length, 3);
  assert.ok(t.every((e) => e.conflicts.length === 0));
});

test("claims of different holders on one date are flagged, never hidden", () => {
  const claims = [...history, claim({ id: "x", holder: SDF, date: "2016-12-15" })];
  const t = controlTimeline(claims, PALMYRA_Q);
  assert.deepEqual(
    t.map((e) => [e.holder.name, e.from, e.to]),
    [
      ["ISIS", "2016-12-11", "2016-12-15"],
      ["SDF", "2016-12-15", "2016-12-15"],
      ["ISIS", "2016-12-20", "2016-12-20"],
      ["Syrian Arab Army", "2017-03-02", "2017-03-05"],
    ],
  );
  assert.deepEqual(
    t[0].conflicts.map((c) => c.id),
    ["x"],
  );
  assert.deepEqual(
    t[1].conflicts.map((c) => c.id),
    ["c2"],
  );
  assert.deepEqual(t[2].conflicts, []);
});

test("plans and denials are not claims of holding; undated claims come last, dated by publication when known", () => {
  const claims = [
    ...history,
    claim({ id: "plan", holder: SDF, date: "2017-01-01", modality: "planned" }),
    claim({ id: "undated", holder: SAA, date: null, doc: "d9" }),
    claim({ id: "late", holder: SAA, date: null, doc: "d8" }),
  ];
  const docs = new Map<string, DocMeta>([["d8", { published: "2017-03-09T10:00" }]]);
  const t = controlTimeline(claims, PALMYRA_Q, docs);
  assert.ok(!t.some((e) => e.claims.some((c) => c.id === "plan")));
  assert.deepEqual(
    t.map((e) => [e.holder.name, e.from, e.to, e.claims.length]),
    [
      ["ISIS", "2016-12-11", "2016-12-20", 3],
      ["Syrian Arab Army", "2017-03-02", "2017-03-09", 3],
      ["Syrian Arab Army", null, null, 1],
    ],
  );
});

test("whoHeld answers before and after a capture", () => {
  assert.deepEqual(whoHeld(history, PALMYRA_Q, "2016-12-01"), {
    holder: null,
    since: null,
    claims: [],
    conflicting: [],
  });
  const before = whoHeld(history, PALMYRA_Q, "2017-01-15");
  assert.equal(before.holder?.name, "ISIS");
  assert.equal(before.since, "2016-12-11");
  assert.deepEqual(
    before.claims.map((c) => c.id),
    ["c1", "c2", "c3"],
  );
  const day = whoHeld(history, PALMYRA_Q, "2017-03-02");
  assert.equal(day.holder?.name, "Syrian Arab Army");
  assert.deepEqual(
    day.claims.map((c) => c.id),
    ["c5"],
  );
  const after = whoHeld(history, PALMYRA_Q, "2017-06-01");
  assert.equal(after.holder?.name, "Syrian Arab Army");
  assert.equal(after.since, "2017-03-02");
  assert.deepEqual(after.conflicting, []);
});

test("whoHeld lists conflicting claims and prefers the holder with more outlets", () => {
  const claims = [
    ...history,
    claim({ id: "i1", holder: ISIS, date: "2017-03-05", outlet: "amaq" }),
    claim({ id: "i2", holder: ISIS, date: "2017-03-05", outlet: "amaq" }),
  ];
  const r = whoHeld(claims, PALMYRA_Q, "2017-03-06");
  // SAA: one outlet on the 5th and the run before; ISIS: two claims from one outlet
  assert.equal(r.holder?.name, "Syrian Arab Army");
  assert.deepEqual(
    r.conflicting.map((c) => c.id),
    ["i1", "i2"],
  );
  const more = [...claims, claim({ id: "i3", holder: ISIS, date: "2017-03-05", outlet: "aamaq2" })];
  const r2 = whoHeld(more, PALMYRA_Q, "2017-03-06");
  assert.equal(r2.holder?.name, "ISIS");
  assert.deepEqual(
    r2.conflicting.map((c) => c.id),
    ["c6"],
  );
});
