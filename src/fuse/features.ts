// Matching features of one event record (day window, point, actors, text fingerprint, agencies) and the test
// of a record against a cluster summary: hard constraints first, then a score to pick the best cluster.
import type { EventRecord } from "../model/types.ts";
import {
  agenciesIn,
  datelineAgencies,
  dayNumber,
  haversineKm,
  isWireCopy,
  minhashBands,
  outletKey,
  shingles,
} from "./similarity.ts";
import type { ClusterSummary, DocMeta, FusionStats, RecordFeatures } from "./types.ts";

export interface MatchOptions {
  slackKm: number;
  wireJaccard: number;
  undatedPastDays: number;
  undatedFutureDays: number;
}

/** Days of tolerance between day-precision dates ("on Saturday" vs a report dated the next day). */
export const DAY_SLACK = 1;

const FORWARD = new Set(["planned", "expected"]);
const INITIATOR_ROLES = new Set(["actor1", "assoc1"]);

/** The record's day window: its stated time, else a window around publication (marked undated). */
function windowOf(r: EventRecord, published: string | null, o: MatchOptions): RecordFeatures["window"] {
  let start = dayNumber(r.time.start);
  let end = dayNumber(r.time.end);
  if (start === null) start = end;
  if (end === null) end = start;
  if (start !== null && end !== null) return start <= end ? { start, end, dated: true } : { start: end, end: start, dated: true };
  const p = dayNumber(published);
  if (p === null) return null;
  return FORWARD.has(r.modality)
    ? { start: p - DAY_SLACK, end: p + o.undatedFutureDays, dated: false }
    : { start: p - o.undatedPastDays, end: p + DAY_SLACK, dated: false };
}

export function recordFeatures(r: EventRecord, meta: DocMeta | undefined, o: MatchOptions): RecordFeatures {
  const published = meta?.published ?? null;
  const loc = r.location;
  const point =
    loc && loc.lat !== null && loc.lon !== null
      ? { lat: loc.lat, lon: loc.lon, radiusKm: Math.max(0, loc.radius_km || 0), precision: loc.precision }
      : null;
  const initiators = [...new Set(r.actors.filter((a) => INITIATOR_ROLES.has(a.role)).map((a) => a.canonical))];
  const targets = [...new Set(r.actors.filter((a) => !INITIATOR_ROLES.has(a.role)).map((a) => a.canonical))];
  const sh = shingles(r.evidence.map((e) => e.text).join(" "));
  const outlet = r.source.outlet ?? meta?.outlet ?? null;
  const agencies = new Set<string>();
  for (const c of r.source.chain) for (const a of agenciesIn(c)) agencies.add(a);
  if (outlet) for (const a of agenciesIn(outlet)) agencies.add(a);
  if (meta?.text) for (const a of datelineAgencies(meta.text)) agencies.add(a);
  return {
    id: r.id,
    doc: r.doc,
    type: r.type,
    acledEventType: r.acled?.event_type ?? null,
    window: windowOf(r, published, o),
    point,
    actor1: r.actors.find((a) => a.role === "actor1")?.canonical ?? null,
    initiators,
    targets,
    shingles: sh,
    bands: minhashBands(sh),
    outlet: outletKey(outlet),
    agencies: [...agencies].sort(),
    published,
  };
}

type Level = "strong" | "weak" | "no";

function overlaps(s: number, e: number, maxStart: number | null, minEnd: number | null): boolean {
  if (maxStart === null || minEnd === null) return true;
  return s - DAY_SLACK <= minEnd && maxStart - DAY_SLACK <= e;
}

/** Time: strong when both sides are dated and overlap; weak when either side only has a publication window. */
function timeLevel(f: RecordFeatures, c: ClusterSummary): Level {
  const w = f.window;
  const clusterDated = c.maxStart !== null;
  const clusterLoose = c.looseMaxStart !== null;
  if (!w) return "weak";
  if (!overlaps(w.start, w.end, c.maxStart, c.minEnd)) return "no";
  if (!overlaps(w.start, w.end, c.looseMaxStart, c.looseMinEnd)) return "no";
  return w.dated && clusterDated && !clusterLoose ? "strong" : "weak";
}

/** Actors: "no" when initiators differ or one side's initiator is the other's target. */
function actorLevel(f: RecordFeatures, c: ClusterSummary): Level {
  if (f.actor1 && c.actor1 && f.actor1 !== c.actor1) return "no";
  for (const a of f.initiators) if (c.targets.has(a)) return "no";
  for (const a of f.targets) if (c.initiators.has(a)) return "no";
  return f.actor1 && f.actor1 === c.actor1 ? "strong" : "weak";
}

/** Location: closeness in [0, 1] when every located member is within r1 + r2 + slack, -1 when one is not, null when unknown. */
function placeCloseness(f: RecordFeatures, c: ClusterSummary, slackKm: number): number | null {
  if (!f.point || !c.points.length) return null;
  let worst = 0;
  for (const p of c.points) {
    const limit = f.point.radiusKm + p.radiusKm + slackKm;
    const d = haversineKm(f.point, p);
    if (d > limit) return -1;
    worst = Math.max(worst, d / limit);
  }
  return 1 - worst;
}

function precise(f: RecordFeatures, c: ClusterSummary): boolean {
  return f.point !== null && f.point.precision <= 2 && c.points.some((p) => p.precision <= 2);
}

function wireMatch(f: RecordFeatures, c: ClusterSummary, o: MatchOptions, stats: FusionStats): boolean {
  for (const t of c.texts) {
    stats.textComparisons++;
    if (isWireCopy(f.shingles, t, o.wireJaccard)) return true;
  }
  return false;
}

/**
 * Score of putting the record in the cluster, or null when it may not go there. Hard rules: same PLOVER type,
 * compatible ACLED event type, no document twice, no contradictory actors, overlapping time. Then either the
 * evidence is a wire copy of a member's, or: locations within radii (an unknown location needs the same
 * initiator), an undated side needs the same initiator and precise locations, and a match on region-level
 * places alone needs the same initiator.
 */
export function matchScore(f: RecordFeatures, c: ClusterSummary, o: MatchOptions, stats: FusionStats): number | null {
  stats.comparisons++;
  if (f.type !== c.type) return null;
  if (f.acledEventType && c.acledEventType && f.acledEventType !== c.acledEventType) return null;
  if (c.docs.has(f.doc)) return null;
  const actor = actorLevel(f, c);
  if (actor === "no") return null;
  const time = timeLevel(f, c);
  if (time === "no") return null;
  const place = placeCloseness(f, c, o.slackKm);
  const strongActor = actor === "strong";
  let ok = place !== -1;
  if (ok && place === null && !strongActor) ok = false;
  if (ok && time === "weak" && !(strongActor && place !== null && precise(f, c))) ok = false;
  if (ok && !strongActor && !precise(f, c)) ok = false;
  const wire = !ok && wireMatch(f, c, o, stats);
  if (!ok && !wire) return null;
  return (wire ? 3 : 0) + (strongActor ? 1 : 0) + (time === "strong" ? 1 : 0) + (place !== null && place >= 0 ? place : 0);
}
