// Fusion as a store runs it: fuseUpdate reports the new memberships (joining order) and the changed clusters;
// restoreFusionState rebuilds from stored memberships a state that equals the original and fuses on identically.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  type DocMeta,
  type FusionState,
  fusedEvents,
  fuseUpdate,
  restoreFusionState,
  type StoredMember,
} from "../src/fuse/index.ts";
import type { EventRecord } from "../src/model/types.ts";

const TOWNS = [
  { name: "Aleppo", lat: 36.2021, lon: 37.1343 },
  { name: "Idlib", lat: 35.9306, lon: 36.6339 },
  { name: "Douma", lat: 33.5711, lon: 36.4026 },
];
const ACTORS = ["Military Forces of Syria (2000-)", "Islamic State (Syria)", "Military Forces of Russia (2000-)"];
const OUTLETS = ["Reuters", "AFP", "Al Jazeera", "SANA", "BBC"];

/** `n` records, one per document, of a few events told several times (some in the same words). */
function records(n: number, from: number): { records: EventRecord[]; docs: Map<string, DocMeta> } {
  const out: EventRecord[] = [];
  const docs = new Map<string, DocMeta>();
  for (let i = from; i < from + n; i++) {
    const event = Math.floor(i / 3); // about three reports per event
    const town = TOWNS[event % TOWNS.length];
    const day = `2017-03-${String(1 + (event % 27)).padStart(2, "0")}`;
    const actor = ACTORS[event % ACTORS.length];
    const doc = `d${i}`;
    const text =
      i % 2
        ? `Warplanes of ${actor} struck ${town.name} on ${day}, event ${event}, witnesses said.`
        : `Report ${i}: ${town.name} was hit again, ${(i * 7) % 13} killed.`;
    docs.set(doc, { outlet: OUTLETS[i % OUTLETS.length], published: day });
    out.push({
      kind: "event",
      id: `r${i}`,
      doc,
      type: "ASSAULT",
      modality: i % 5 === 0 ? "planned" : "occurred",
      acled: { event_type: "Explosions/Remote violence", sub_event_type: "Air/drone strike" },
      actors: [{ name: actor, canonical: actor, country: null, inter: 1, role: "actor1", start: 0, end: 1 }],
      location: { ...town, radius_km: 5, precision: 1, start: 0, end: 1 },
      origin: null,
      time: { text: null, start: day, end: day, precision: "day" },
      size: null,
      fatalities: i % 4 === 0 ? (i * 7) % 13 : null,
      source: { outlet: OUTLETS[i % OUTLETS.length], chain: [] },
      evidence: [{ doc, start: 0, end: text.length, text }],
      confidence: 0.8,
      trigger: { text: "struck", start: 0, end: 0 },
    });
  }
  return { records: out, docs };
}

/** What a store keeps: every fused record with its cluster, in joining order. */
function stored(state: FusionState, all: EventRecord[]): StoredMember[] {
  const { timeNotFolded } = state.internal;
  const records = new Map(all.map((r) => [r.id, r]));
  return [...state.membership].map(([id, cluster]) => ({
    record: records.get(id)!,
    cluster,
    foldTime: !timeNotFolded.has(id),
  }));
}

const plain = (state: FusionState) => JSON.parse(JSON.stringify(fusedEvents(state)));

test("fuseUpdate lists the new members in joining order and the clusters they changed", () => {
  const first = records(60, 0);
  const state = restoreFusionState([], first.docs);
  const a = fuseUpdate(state, first.records, first.docs);
  assert.equal(a.members.length, 60);
  assert.deepEqual(
    a.members.map((m) => m.record),
    [...state.membership.keys()],
  );
  assert.equal(a.clusters.length, state.clusters.size);
  const second = records(9, 60);
  const b = fuseUpdate(state, second.records, second.docs);
  assert.deepEqual(b.members.map((m) => m.record).sort(), second.records.map((r) => r.id).sort());
  assert.deepEqual(b.clusters.map((c) => c.id).sort(), [...new Set(b.members.map((m) => m.cluster))].sort());
  assert.deepEqual(fuseUpdate(state, second.records, second.docs), { members: [], clusters: [] });
});

test("a state restored from stored memberships equals the original and fuses on the same way", () => {
  const first = records(90, 0);
  const docs = new Map(first.docs);
  const original = restoreFusionState([], docs);
  fuseUpdate(original, first.records, docs);
  const restored = restoreFusionState(stored(original, first.records), docs);
  assert.deepEqual(plain(restored), plain(original));
  assert.ok(
    fusedEvents(original).some((c) => c.members.length > 1),
    "some reports fused",
  );

  const later = records(30, 90);
  for (const [k, v] of later.docs) docs.set(k, v);
  const a = fuseUpdate(original, later.records, docs);
  const b = fuseUpdate(restored, later.records, docs);
  assert.deepEqual(b.members, a.members);
  assert.deepEqual(plain(restored), plain(original));
});
