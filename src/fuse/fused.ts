// Building and growing a FusedEvent as records join it: representative, modality history, independent-source
// groups (same outlet, same wire agency, or near-identical text), actors, evidence and contradictions.
import { createHash } from "node:crypto";
import type { EventRecord, Modality, TimePrecision } from "../model/types.ts";
import { SHARP_DAYS } from "./features.ts";
import { isoDay, isWireCopy, MIN_WIRE_SHINGLES } from "./similarity.ts";
import type { ClusterSummary, Contradiction, FusedEvent, FusionStats, RecordFeatures } from "./types.ts";

/** Higher wins: a report that the event occurred upgrades an earlier plan or expectation. */
const MODALITY_RANK: Record<Modality, number> = {
  speculative: 1,
  expected: 2,
  planned: 3,
  denied: 4,
  ongoing: 5,
  occurred: 6,
};

const TIME_RANK: Record<TimePrecision, number> = { hour: 0, day: 1, range: 2, week: 3, month: 4, year: 5 };

const MAX_POINTS = 16;
const MAX_TEXTS = 24;
const MAX_GROUP_SAMPLES = 8;

export function clusterId(firstRecordId: string): string {
  return `fus-${createHash("sha1").update(firstRecordId).digest("hex").slice(0, 16)}`;
}

/** Whether `a` makes a better representative than `b`: best located, then most confident, then most precisely dated. */
function better(a: EventRecord, b: EventRecord): boolean {
  const located = (r: EventRecord) => (r.location && r.location.lat !== null && r.location.lon !== null ? 0 : 1);
  const keys = (r: EventRecord) => [
    located(r),
    r.location?.precision ?? 4,
    r.location?.radius_km ?? Number.POSITIVE_INFINITY,
    -r.confidence,
    r.time.precision ? TIME_RANK[r.time.precision] : 6,
  ];
  const ka = keys(a);
  const kb = keys(b);
  for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i];
  return false;
}

export function newSummary(id: string, f: RecordFeatures): ClusterSummary {
  return {
    id,
    type: f.type,
    acledEventType: f.acledEventType,
    subTypes: new Set(),
    maxStart: null,
    minEnd: null,
    sharp: false,
    minPublished: null,
    maxPublished: null,
    looseMaxStart: null,
    looseMinEnd: null,
    points: [],
    actor1: null,
    initiators: new Set(),
    targets: new Set(),
    docs: new Set(),
    groups: [],
    texts: [],
    bands: new Set(),
    deaths: new Map(),
    said: [],
    denied: [],
  };
}

export function newFused(id: string, r: EventRecord): FusedEvent {
  return {
    id,
    type: r.type,
    acled: r.acled,
    members: [],
    docs: [],
    representative: r,
    modality: r.modality,
    modalityHistory: [],
    time: null,
    location: r.location,
    actors: [],
    fatalities: null,
    evidence: [],
    reports: [],
    sources: 0,
    sourceGroups: [],
    outlets: [],
    contradictions: [],
  };
}

/** Folds the record's matching features into the cluster summary. */
function updateSummary(s: ClusterSummary, r: EventRecord, f: RecordFeatures, foldTime: boolean): void {
  const w = foldTime ? f.window : null;
  if (w?.dated) {
    const sharp = w.end - w.start <= SHARP_DAYS;
    s.sharp = s.minEnd === null ? sharp : s.sharp && sharp;
    s.maxStart = s.maxStart === null ? w.start : Math.max(s.maxStart, w.start);
    s.minEnd = s.minEnd === null ? w.end : Math.min(s.minEnd, w.end);
  } else if (w) {
    s.looseMaxStart = s.looseMaxStart === null ? w.start : Math.max(s.looseMaxStart, w.start);
    s.looseMinEnd = s.looseMinEnd === null ? w.end : Math.min(s.looseMinEnd, w.end);
  }
  s.acledEventType ??= f.acledEventType;
  const day = f.publishedDay;
  if (day !== null) {
    s.minPublished = s.minPublished === null ? day : Math.min(s.minPublished, day);
    s.maxPublished = s.maxPublished === null ? day : Math.max(s.maxPublished, day);
  }
  if (f.acledSubType) s.subTypes.add(f.acledSubType);
  const p = f.point;
  const known = (q: NonNullable<RecordFeatures["point"]>) =>
    q.lat === p?.lat && q.lon === p.lon && q.radiusKm === p.radiusKm;
  if (p && s.points.length < MAX_POINTS && !s.points.some(known)) s.points.push(p);
  s.actor1 ??= f.actor1;
  for (const a of f.initiators) s.initiators.add(a);
  for (const a of f.targets) s.targets.add(a);
  s.docs.add(f.doc);
  if (f.text.bands.length && s.texts.length < MAX_TEXTS) s.texts.push(f.text);
  for (const b of f.text.bands) s.bands.add(b);
  if (r.fatalities !== null) {
    const stating = s.deaths.get(r.fatalities);
    if (stating) stating.push(r.id);
    else s.deaths.set(r.fatalities, [r.id]);
  }
  if (r.modality === "occurred" || r.modality === "ongoing") s.said.push(r.id);
  if (r.modality === "denied") s.denied.push(r.id);
}

/**
 * Puts the record in a source group: the group of its outlet, of an agency it relays, or of a near-identical
 * text. Groups the record bridges are merged. Returns the group index and whether earlier indices changed.
 */
function assignGroup(s: ClusterSummary, f: RecordFeatures, o: { wireJaccard: number }, stats: FusionStats) {
  const outletKey = f.outlet ?? (f.agencies.length ? null : `doc:${f.doc}`);
  const joined: number[] = [];
  const copies = (t: Uint32Array) => {
    stats.textComparisons++;
    return isWireCopy(f.text.shingles, t, o.wireJaccard);
  };
  s.groups.forEach((g, i) => {
    if (outletKey && g.outlets.has(outletKey)) joined.push(i);
    else if (f.agencies.some((a) => g.agencies.has(a))) joined.push(i);
    else if (f.text.bands.some((b) => g.bands.has(b)) && g.samples.some(copies)) joined.push(i);
  });
  const target: ClusterSummary["groups"][number] = joined.length
    ? s.groups[joined[0]]
    : { outlets: new Set(), agencies: new Set(), bands: new Set(), samples: [], records: [] };
  if (!joined.length) s.groups.push(target);
  const merged = new Set(joined.slice(1));
  for (const i of merged) {
    const g = s.groups[i];
    for (const x of g.outlets) target.outlets.add(x);
    for (const a of g.agencies) target.agencies.add(a);
    for (const b of g.bands) target.bands.add(b);
    for (const t of g.samples) if (target.samples.length < MAX_GROUP_SAMPLES) target.samples.push(t);
    target.records.push(...g.records);
  }
  if (merged.size) s.groups = s.groups.filter((_, i) => !merged.has(i));
  if (outletKey) target.outlets.add(outletKey);
  for (const a of f.agencies) target.agencies.add(a);
  for (const b of f.text.bands) target.bands.add(b);
  if (f.text.shingles.length >= MIN_WIRE_SHINGLES && target.samples.length < MAX_GROUP_SAMPLES)
    target.samples.push(f.text.shingles);
  target.records.push(f.id);
  return { index: s.groups.indexOf(target), regrouped: merged.size > 0 };
}

function contradictions(s: ClusterSummary): Contradiction[] {
  const out: Contradiction[] = [];
  if (s.deaths.size > 1) {
    const claims = [...s.deaths]
      .sort((a, b) => a[0] - b[0])
      .map(([value, records]) => ({ value, records: [...records] }));
    out.push({ kind: "fatalities", claims });
  }
  if (s.said.length && s.denied.length) {
    out.push({
      kind: "modality",
      claims: [
        { value: "occurred", records: [...s.said] },
        { value: "denied", records: [...s.denied] },
      ],
    });
  }
  return out;
}

/** Adds a record to its cluster: the summary used for matching, and the FusedEvent the caller sees. */
export function addMember(
  ev: FusedEvent,
  s: ClusterSummary,
  r: EventRecord,
  f: RecordFeatures,
  o: { wireJaccard: number },
  stats: FusionStats,
  foldTime = true,
): void {
  updateSummary(s, r, f, foldTime);
  const { index, regrouped } = assignGroup(s, f, o, stats);
  ev.members.push(r.id);
  ev.docs.push(r.doc);
  if (ev.members.length === 1 || better(r, ev.representative)) ev.representative = r;
  ev.location = ev.representative.location;
  ev.acled ??= r.acled;
  if (!ev.modalityHistory.length || MODALITY_RANK[r.modality] > MODALITY_RANK[ev.modality]) {
    ev.modality = r.modality;
    ev.modalityHistory.push({ modality: r.modality, record: r.id, doc: r.doc, published: f.published });
  }
  if (s.maxStart !== null && s.minEnd !== null) {
    ev.time = { start: isoDay(Math.min(s.maxStart, s.minEnd)), end: isoDay(Math.max(s.maxStart, s.minEnd)) };
  }
  for (const a of r.actors) {
    if (!ev.actors.some((x) => x.canonical === a.canonical && x.role === a.role)) {
      ev.actors.push({ canonical: a.canonical, role: a.role });
    }
  }
  if (r.fatalities !== null) ev.fatalities = Math.max(ev.fatalities ?? 0, r.fatalities);
  ev.evidence.push(...r.evidence);
  const outlet = r.source.outlet;
  if (outlet && !ev.outlets.includes(outlet)) ev.outlets.push(outlet);
  ev.reports.push({
    record: r.id,
    doc: r.doc,
    outlet,
    published: f.published,
    chain: r.source.chain,
    agencies: f.agencies,
    group: index,
  });
  ev.sources = s.groups.length;
  if (regrouped) {
    ev.sourceGroups = s.groups.map((g) => [...g.records]);
    const groupOf = new Map<string, number>();
    for (const [i, g] of ev.sourceGroups.entries()) for (const id of g) groupOf.set(id, i);
    for (const rep of ev.reports) rep.group = groupOf.get(rep.record) ?? 0;
  } else if (index < ev.sourceGroups.length) ev.sourceGroups[index].push(r.id);
  else ev.sourceGroups.push([r.id]);
  const relevant =
    r.fatalities !== null || (s.denied.length > 0 && (r.modality === "denied" || s.said.at(-1) === r.id));
  if (relevant) ev.contradictions = contradictions(s);
}
