// Cross-document fusion on hand-built event records: clustering rules, independent sources, modality upgrades,
// contradictions, incremental stability, and the work bound on 20k records.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type DocMeta, type FusedEvent, fusedEvents, fuseEvents } from "../src/fuse/index.ts";
import type { EventRecord, Modality, PloverType } from "../src/model/types.ts";
import { seededRandom } from "../src/util/random.ts";

const SAA = "Military Forces of Syria (2000-)";
const ISIS = "Islamic State (Syria)";
const REBELS = "Opposition Rebels (Syria)";
const ALEPPO = { lat: 36.2021, lon: 37.1343 };

interface Spec {
  doc: string;
  id?: string;
  type?: PloverType;
  modality?: Modality;
  day?: string | null;
  published?: string;
  at?: { lat: number; lon: number } | null;
  radius?: number;
  precision?: 1 | 2 | 3;
  actor1?: string;
  actor2?: string;
  fatalities?: number | null;
  outlet?: string;
  chain?: string[];
  text?: string;
  confidence?: number;
}

let seq = 0;

/** An event record with sensible defaults: an occurred ASSAULT (air strike) in Aleppo on 2017-03-10. */
function ev(s: Spec): EventRecord {
  const text = s.text ?? `Report ${++seq} of ${s.doc}: warplanes struck a market in the city, witnesses said.`;
  const at = s.at === undefined ? ALEPPO : s.at;
  const day = s.day === undefined ? "2017-03-10" : s.day;
  const actors: EventRecord["actors"] = [];
  if (s.actor1)
    actors.push({ name: s.actor1, canonical: s.actor1, country: null, inter: 1, role: "actor1", start: 0, end: 1 });
  if (s.actor2)
    actors.push({ name: s.actor2, canonical: s.actor2, country: null, inter: 2, role: "actor2", start: 2, end: 3 });
  return {
    kind: "event",
    id: s.id ?? `ev-${s.doc}-${seq++}`,
    doc: s.doc,
    type: s.type ?? "ASSAULT",
    modality: s.modality ?? "occurred",
    acled: { event_type: "Explosions/Remote violence", sub_event_type: "Air/drone strike" },
    actors,
    location: at
      ? {
          name: "Aleppo",
          lat: at.lat,
          lon: at.lon,
          radius_km: s.radius ?? 5,
          precision: s.precision ?? 1,
          start: 0,
          end: 6,
        }
      : null,
    origin: null,
    time: { text: day ? "on Friday" : null, start: day, end: day, precision: day ? "day" : null },
    size: null,
    fatalities: s.fatalities ?? null,
    source: { outlet: s.outlet ?? null, chain: s.chain ?? [] },
    evidence: [{ doc: s.doc, start: 0, end: text.length, text }],
    confidence: s.confidence ?? 0.7,
    trigger: { text: "struck", start: 0, end: 6 },
  };
}

function docsOf(records: EventRecord[], published = "2017-03-11"): Map<string, DocMeta> {
  const m = new Map<string, DocMeta>();
  for (const r of records) m.set(r.doc, { outlet: r.source.outlet ?? undefined, published });
  return m;
}

function fuse(records: EventRecord[], docs = docsOf(records)): FusedEvent[] {
  return fusedEvents(fuseEvents(records, docs));
}

const WIRE =
  "BEIRUT - Syrian government warplanes struck a crowded market in eastern Aleppo on Friday killing at least 20 people, a monitoring group said.";

test("two outlets reporting one airstrike make one cluster with two sources", () => {
  const a = ev({ doc: "d1", outlet: "reuters", actor1: SAA, text: "Warplanes hit a market in Aleppo on Friday." });
  const b = ev({
    doc: "d2",
    outlet: "sana",
    actor1: SAA,
    at: { lat: 36.21, lon: 37.15 },
    text: "Army aircraft targeted terrorist positions in the eastern neighbourhoods of the city.",
  });
  const out = fuse([a, b]);
  assert.equal(out.length, 1);
  assert.deepEqual(new Set(out[0].members), new Set([a.id, b.id]));
  assert.equal(out[0].sources, 2);
  assert.equal(out[0].evidence.length, 2);
  assert.deepEqual(new Set(out[0].outlets), new Set(["reuters", "sana"]));
});

test("the same wire text in two outlets counts as one source", () => {
  const a = ev({ doc: "d1", outlet: "ahram", text: WIRE });
  const b = ev({ doc: "d2", outlet: "dailysabah", text: `${WIRE} ` });
  const out = fuse([a, b]);
  assert.equal(out.length, 1);
  assert.equal(out[0].sources, 1);
  assert.deepEqual(
    out[0].sourceGroups.map((g) => [...g].sort()),
    [[a.id, b.id].sort()],
  );
  assert.deepEqual(
    out[0].reports.map((r) => r.group),
    [0, 0],
  );
});

test("two outlets relaying the same agency count as one source; the agency's own outlet joins them", () => {
  const a = ev({
    doc: "d1",
    outlet: "ahram",
    actor1: SAA,
    chain: ["Reuters"],
    text: "Jets bombed Aleppo, Reuters said.",
  });
  const b = ev({
    doc: "d2",
    outlet: "trt",
    actor1: SAA,
    chain: ["the Reuters news agency"],
    text: "Strikes in Aleppo.",
  });
  const c = ev({ doc: "d3", outlet: "reuters", actor1: SAA, text: "Syrian jets pounded a market." });
  const d = ev({ doc: "d4", outlet: "manar", actor1: SAA, text: "The army targeted militants." });
  const out = fuse([a, b, c, d]);
  assert.equal(out.length, 1);
  assert.equal(out[0].sources, 2);
});

test("a wire copy is fused even when places or actors are missing", () => {
  const a = ev({ doc: "d1", outlet: "ahram", text: WIRE, at: null });
  const b = ev({ doc: "d2", outlet: "trt", text: WIRE, at: null });
  const out = fuse([a, b]);
  assert.equal(out.length, 1);
  assert.equal(out[0].sources, 1);
});

test("a copy published on another day joins even when its relative date resolves differently, but not months later", () => {
  const a = ev({ doc: "d1", outlet: "ahram", text: WIRE, day: "2017-03-10" });
  const b = ev({ doc: "d2", outlet: "trt", text: WIRE, day: "2017-03-17" });
  const docs = new Map<string, DocMeta>([
    ["d1", { published: "2017-03-11" }],
    ["d2", { published: "2017-03-18" }],
  ]);
  const [c] = fuse([a, b], docs);
  assert.deepEqual(c.members, [a.id, b.id]);
  assert.deepEqual(c.time, { start: "2017-03-10", end: "2017-03-10" }, "the copy's dates are not folded in");
  docs.set("d2", { published: "2017-06-18" });
  assert.equal(fuse([a, b], docs).length, 2);
});

test("reports three days apart or 200 km apart stay separate", () => {
  const a = ev({ doc: "d1", day: "2017-03-10", actor1: SAA });
  const b = ev({ doc: "d2", day: "2017-03-13", actor1: SAA });
  assert.equal(fuse([a, b]).length, 2);
  const c = ev({ doc: "d3", actor1: SAA });
  const d = ev({ doc: "d4", actor1: SAA, at: { lat: 34.7324, lon: 36.7137 } }); // Homs, ~200 km
  assert.equal(fuse([c, d]).length, 2);
});

test("day-precision dates one day apart are compatible when the initiator is shared", () => {
  const a = ev({ doc: "d1", day: "2017-03-10", actor1: SAA });
  const b = ev({ doc: "d2", day: "2017-03-11", actor1: SAA });
  assert.equal(fuse([a, b]).length, 1);
  // without a shared initiator, a busy city sees other strikes the next day
  const c = ev({ doc: "d3", day: "2017-03-10" });
  const d = ev({ doc: "d4", day: "2017-03-11" });
  assert.equal(fuse([c, d]).length, 2);
  assert.equal(fuse([c, ev({ doc: "d5", day: "2017-03-10" })]).length, 1);
});

test("types, initiators and sides must agree", () => {
  assert.equal(fuse([ev({ doc: "d1" }), ev({ doc: "d2", type: "MOBILIZE" })]).length, 2);
  assert.equal(fuse([ev({ doc: "d1", actor1: SAA }), ev({ doc: "d2", actor1: ISIS })]).length, 2);
  // ISIS attacking the army is not the army attacking ISIS
  const a = ev({ doc: "d1", actor1: SAA, actor2: ISIS });
  const b = ev({ doc: "d2", actor2: SAA });
  assert.equal(fuse([a, b]).length, 2);
  // one side unknown is fine
  assert.equal(fuse([ev({ doc: "d1", actor1: SAA }), ev({ doc: "d2", actor2: REBELS })]).length, 1);
});

test("two records of one document never share a cluster", () => {
  assert.equal(fuse([ev({ doc: "d1", actor1: SAA }), ev({ doc: "d1", actor1: SAA })]).length, 2);
});

test("an unknown place needs the same initiator; an unknown time needs initiator, target and precise places", () => {
  assert.equal(fuse([ev({ doc: "d1", actor1: SAA }), ev({ doc: "d2", actor1: SAA, at: null })]).length, 1);
  assert.equal(fuse([ev({ doc: "d1", actor1: SAA }), ev({ doc: "d2", at: null })]).length, 2);
  const dated = ev({ doc: "d1", actor1: SAA, actor2: ISIS });
  assert.equal(fuse([dated, ev({ doc: "d2", actor1: SAA, actor2: ISIS, day: null })]).length, 1);
  assert.equal(fuse([dated, ev({ doc: "d2", actor1: SAA, day: null })]).length, 2);
  assert.equal(fuse([ev({ doc: "d1" }), ev({ doc: "d2", day: null })]).length, 2);
  // an undated report published weeks later is not the same event
  const late = ev({ doc: "d2", actor1: SAA, actor2: ISIS, day: null });
  const docs = docsOf([late], "2017-04-20");
  docs.set("d1", { published: "2017-03-11" });
  assert.equal(fuse([dated, late], docs).length, 2);
});

test("generic actors neither match nor contradict; a state's government and army are one side", () => {
  const UAG = "Unidentified Armed Group (Syria)";
  // an unknown place needs a real shared initiator, not "unidentified gunmen" on both sides
  assert.equal(fuse([ev({ doc: "d1", actor1: UAG }), ev({ doc: "d2", actor1: UAG, at: null })]).length, 2);
  // … and a generic initiator does not contradict a named one
  assert.equal(fuse([ev({ doc: "d1", actor1: UAG }), ev({ doc: "d2", actor1: ISIS })]).length, 1);
  const gov = "Government of Syria (2000-)";
  assert.equal(fuse([ev({ doc: "d1", actor1: SAA }), ev({ doc: "d2", actor1: gov, at: null })]).length, 1);
});

test("a month-precision date ties reports only with a shared initiator, target and precise places", () => {
  const month = (doc: string, actor1?: string) => {
    const r = ev({ doc, actor1, actor2: ISIS });
    r.time = { text: "in March", start: "2017-03-01", end: "2017-03-31", precision: "month" };
    return r;
  };
  assert.equal(fuse([ev({ doc: "d1", actor2: ISIS }), month("d2")]).length, 2);
  assert.equal(fuse([ev({ doc: "d1", actor1: SAA, actor2: ISIS }), month("d2", SAA)]).length, 1);
});

test("region-level places alone do not fuse reports without a shared initiator", () => {
  const a = ev({ doc: "d1", radius: 80, precision: 3 });
  const b = ev({ doc: "d2", radius: 80, precision: 3, at: { lat: 36.4, lon: 37.3 } });
  assert.equal(fuse([a, b]).length, 2);
  const c = ev({ doc: "d3", radius: 80, precision: 3, actor1: SAA });
  const d = ev({ doc: "d4", radius: 80, precision: 3, actor1: SAA, at: { lat: 36.4, lon: 37.3 } });
  assert.equal(fuse([c, d]).length, 1);
});

test("a planned event later reported as occurred becomes occurred and keeps its history", () => {
  const plan = ev({ doc: "d1", modality: "planned", actor1: SAA, day: "2017-03-10" });
  const done = ev({ doc: "d2", modality: "occurred", actor1: SAA, day: "2017-03-10" });
  const docs = new Map<string, DocMeta>([
    ["d1", { published: "2017-03-08" }],
    ["d2", { published: "2017-03-11" }],
  ]);
  const [c] = fuse([done, plan], docs);
  assert.equal(c.modality, "occurred");
  assert.deepEqual(
    c.modalityHistory.map((h) => [h.modality, h.record, h.published]),
    [
      ["planned", plan.id, "2017-03-08"],
      ["occurred", done.id, "2017-03-11"],
    ],
  );
  assert.equal(c.members[0], plan.id);
});

test("different fatality counts and occurred-versus-denied are contradictions", () => {
  const a = ev({ doc: "d1", actor1: SAA, fatalities: 20 });
  const b = ev({ doc: "d2", actor1: SAA, fatalities: 35 });
  const c = ev({ doc: "d3", actor1: SAA, fatalities: 20 });
  const d = ev({ doc: "d4", actor1: SAA, modality: "denied" });
  const [x] = fuse([a, b, c, d]);
  assert.equal(x.members.length, 4);
  assert.equal(x.fatalities, 35);
  const deaths = x.contradictions.find((k) => k.kind === "fatalities");
  assert.deepEqual(deaths?.claims, [
    { value: 20, records: [a.id, c.id] },
    { value: 35, records: [b.id] },
  ]);
  const denial = x.contradictions.find((k) => k.kind === "modality");
  assert.deepEqual(denial?.claims, [
    { value: "occurred", records: [a.id, b.id, c.id] },
    { value: "denied", records: [d.id] },
  ]);
  assert.equal(x.modality, "occurred");
  assert.equal(fuse([a, c])[0].contradictions.length, 0);
});

test("the representative is the best-located, most confident record", () => {
  const vague = ev({ doc: "d1", actor1: SAA, radius: 25, precision: 2, confidence: 0.9 });
  const exact = ev({ doc: "d2", actor1: SAA, confidence: 0.6 });
  const sure = ev({ doc: "d3", actor1: SAA, confidence: 0.8 });
  assert.equal(fuse([vague, exact, sure])[0].representative.id, sure.id);
});

test("incremental fusion keeps cluster ids and adds to existing clusters", () => {
  const a = ev({ doc: "d1", actor1: SAA, outlet: "reuters" });
  const b = ev({ doc: "d2", actor1: ISIS, at: { lat: 35.95, lon: 39.01 } }); // Raqqa
  const docs = docsOf([a, b]);
  const state = fuseEvents([a, b], docs);
  const before = new Map([...state.clusters].map(([id, c]) => [id, [...c.members]]));
  const c = ev({ doc: "d3", actor1: SAA, outlet: "sana" });
  const d = ev({ doc: "d4", actor1: REBELS, at: { lat: 33.51, lon: 36.29 } }); // Damascus
  for (const r of [c, d]) docs.set(r.doc, { outlet: r.source.outlet ?? undefined, published: "2017-03-12" });
  const comparisonsBefore = state.stats.comparisons;
  const next = fuseEvents([c, d, a], docs, state);
  assert.equal(next.clusters.size, 3);
  for (const [id, members] of before)
    assert.deepEqual(next.clusters.get(id)?.members.slice(0, members.length), members);
  assert.equal(next.membership.get(c.id), next.membership.get(a.id));
  assert.equal(next.clusters.get(next.membership.get(a.id)!)?.sources, 2);
  assert.ok(next.stats.comparisons - comparisonsBefore <= 4, "new records compared only with nearby clusters");
  // the same result as fusing everything at once
  const once = fuseEvents([d, c, b, a], docs);
  assert.deepEqual([...once.membership].sort(), [...next.membership].sort());
});

test("the batch order does not change the result", () => {
  const recs = [
    ev({ doc: "d1", actor1: SAA }),
    ev({ doc: "d2", actor1: SAA }),
    ev({ doc: "d3", actor1: ISIS, at: { lat: 35.95, lon: 39.01 } }),
    ev({ doc: "d4", at: { lat: 35.96, lon: 39.0 }, actor1: ISIS }),
  ];
  const docs = docsOf(recs);
  const x = fuseEvents(recs, docs);
  const y = fuseEvents([...recs].reverse(), docs);
  assert.deepEqual([...x.membership].sort(), [...y.membership].sort());
});

/** Synthetic corpus: `events` events with 4 reports each, spread over `days` days and western Syria. */
function synthetic(events: number, seed: number, days = 730) {
  const rand = seededRandom(seed);
  const types: PloverType[] = ["ASSAULT", "MOBILIZE", "COERCE", "PROTEST"];
  const actors = [SAA, ISIS, REBELS, "Military Forces of Russia (2000-)", "SDF: Syrian Democratic Forces"];
  const records: EventRecord[] = [];
  const docs = new Map<string, DocMeta>();
  const truth = new Map<string, number>();
  for (let e = 0; e < events; e++) {
    const base = Date.UTC(2016, 0, 1) + Math.floor(rand() * days) * 86_400_000;
    const at = { lat: 32.5 + rand() * 4.5, lon: 35.8 + rand() * 6 };
    const type = types[Math.floor(rand() * types.length)];
    const actor1 = actors[Math.floor(rand() * actors.length)];
    for (let k = 0; k < 4; k++) {
      const doc = `s${e}-${k}`;
      const day = new Date(base + (rand() < 0.2 ? 86_400_000 : 0)).toISOString().slice(0, 10);
      const r = ev({
        doc,
        id: `syn-${e}-${k}`,
        type,
        day,
        actor1: rand() < 0.8 ? actor1 : undefined,
        at: { lat: at.lat + (rand() - 0.5) * 0.02, lon: at.lon + (rand() - 0.5) * 0.02 },
        outlet: `outlet${Math.floor(rand() * 10)}`,
        // templated on purpose: reports of different events share half their words, as boilerplate does
        text: `Synthetic report ${e} number ${k}: ${type} by ${actor1} near ${at.lat.toFixed(3)} ${at.lon.toFixed(3)}.`,
      });
      records.push(r);
      docs.set(doc, { outlet: r.source.outlet ?? undefined, published: day });
      truth.set(r.id, e);
    }
  }
  return { records, docs, truth };
}

test("20k synthetic records fuse with a bounded number of comparisons", () => {
  const events = 5000;
  const { records, docs, truth } = synthetic(events, 42);
  const state = fuseEvents(records, docs);
  const n = records.length;
  assert.equal(n, 20_000);
  assert.equal(state.stats.records, n);
  // all pairs would be n²/2 = 2e8 (10 000 per record); the index keeps it to about 6 per record
  assert.ok(state.stats.comparisons < 25 * n, `comparisons ${state.stats.comparisons}`);
  assert.ok(state.stats.textComparisons < 25 * n, `text comparisons ${state.stats.textComparisons}`);
  assert.ok(state.stats.probes < 100 * n, `index probes ${state.stats.probes}`);
  // most synthetic events come back as one cluster each
  let pure = 0;
  for (const c of state.clusters.values()) if (new Set(c.members.map((id) => truth.get(id))).size === 1) pure++;
  assert.ok(pure / state.clusters.size > 0.95, `pure ${pure}/${state.clusters.size}`);
  assert.ok(state.clusters.size < events * 1.3, `clusters ${state.clusters.size}`);
  // work grows linearly with the number of records at a given density: a quarter of the events over a quarter
  // of the days costs about a quarter (quadratic growth would cost a sixteenth)
  const small = synthetic(events / 4, 7, 730 / 4);
  const quarter = fuseEvents(small.records, small.docs).stats.comparisons;
  const ratio = state.stats.comparisons / quarter;
  assert.ok(ratio > 2.5 && ratio < 6, `4× records cost ${ratio.toFixed(2)}× comparisons`);
});
