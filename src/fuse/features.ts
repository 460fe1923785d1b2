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
import type { ClusterSummary, DocMeta, FusionStats, RecordFeatures, TextShingles } from "./types.ts";

export interface MatchOptions {
  slackKm: number;
  wireJaccard: number;
  undatedPastDays: number;
  undatedFutureDays: number;
  wireMaxDays: number;
}

/** Days of tolerance between dates ("on Saturday" vs a report dated the next day) when the initiator is shared. */
export const DAY_SLACK = 1;

const FORWARD = new Set(["planned", "expected"]);
const INITIATOR_ROLES = new Set(["actor1", "assoc1"]);
/** Windows wider than this many days (month, year, long ranges) are too vague to tie two reports alone. */
export const SHARP_DAYS = 7;

/** Actors that say nothing about who acted: they neither match nor contradict. */
const GENERIC = /^(?:Unidentified\b|Civilians\b|Protesters\b|Rioters\b|Unknown\b)/i;
const STATE = /^(?:Military Forces|Government|Police Forces|Air Force|Navy) of (?:the )?(.+?)(?: \(\d{4}-\d{0,4}\))?$/;

/**
 * The side an actor canonical stands for, or null for generic actors: a state's government, military and
 * police are one side ("Government of Syria (2000-)" and "Military Forces of Syria (2000-)" → "state:Syria").
 */
export function actorKey(canonical: string): string | null {
  if (GENERIC.test(canonical)) return null;
  const m = STATE.exec(canonical);
  return m ? `state:${m[1]}` : canonical;
}

const keys = (xs: string[]) => [...new Set(xs.map(actorKey).filter((k): k is string => k !== null))];

/** The record's day window: its stated time, else a window around publication (marked undated). */
function windowOf(r: EventRecord, published: string | null, o: MatchOptions): RecordFeatures["window"] {
  let start = dayNumber(r.time.start);
  let end = dayNumber(r.time.end);
  if (start === null) start = end;
  if (end === null) end = start;
  if (start !== null && end !== null)
    return start <= end ? { start, end, dated: true } : { start: end, end: start, dated: true };
  const p = dayNumber(published);
  if (p === null) return null;
  return FORWARD.has(r.modality)
    ? { start: p - DAY_SLACK, end: p + o.undatedFutureDays, dated: false }
    : { start: p - o.undatedPastDays, end: p + DAY_SLACK, dated: false };
}

/** Shingle sets and their bands by content, so that copies of one text share one array (`pooled`). */
export type TextPool = Map<string, TextShingles[]>;

/**
 * The shingles and bands of a text, shared with an earlier text of the same shingles in `pool`: reports copy
 * each other, and a state holding a million records would otherwise hold a million arrays, most of them equal.
 */
function pooled(sh: Uint32Array, pool: TextPool | undefined): TextShingles {
  if (!pool) return { shingles: sh, bands: minhashBands(sh) };
  let h = 0x811c9dc5;
  for (let i = 0; i < sh.length; i++) h = Math.imul(h ^ sh[i], 0x01000193);
  const key = `${sh.length}:${h >>> 0}`;
  const bucket = pool.get(key);
  const same = bucket?.find((t) => t.shingles.every((v, i) => v === sh[i]));
  if (same) return same;
  const entry = { shingles: sh, bands: minhashBands(sh) };
  if (bucket) bucket.push(entry);
  else pool.set(key, [entry]);
  return entry;
}

export function recordFeatures(
  r: EventRecord,
  meta: DocMeta | undefined,
  o: MatchOptions,
  pool?: TextPool,
): RecordFeatures {
  const published = meta?.published ?? null;
  const loc = r.location;
  const point =
    loc && loc.lat !== null && loc.lon !== null
      ? { lat: loc.lat, lon: loc.lon, radiusKm: Math.max(0, loc.radius_km || 0), precision: loc.precision }
      : null;
  const initiators = keys(r.actors.filter((a) => INITIATOR_ROLES.has(a.role)).map((a) => a.canonical));
  const targets = keys(r.actors.filter((a) => !INITIATOR_ROLES.has(a.role)).map((a) => a.canonical));
  const first = r.actors.find((a) => a.role === "actor1");
  const text = pooled(shingles(r.evidence.map((e) => e.text).join(" ")), pool);
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
    acledSubType: r.acled?.sub_event_type ?? null,
    window: windowOf(r, published, o),
    point,
    actor1: first ? actorKey(first.canonical) : null,
    initiators,
    targets,
    text,
    outlet: outletKey(outlet),
    agencies: [...agencies].sort(),
    published,
    publishedDay: dayNumber(published),
  };
}

type Level = "strong" | "weak" | "no";

function overlaps(s: number, e: number, maxStart: number | null, minEnd: number | null, slack: number): boolean {
  if (maxStart === null || minEnd === null) return true;
  return s - slack <= minEnd && maxStart - slack <= e;
}

/**
 * Time: "no" when the windows do not overlap (give or take `slack` days); "strong" when both sides are dated to
 * within a week; "weak" when either side is undated (only a publication window) or only dated to a month, a
 * year or a long range.
 */
function timeLevel(f: RecordFeatures, c: ClusterSummary, slack: number): Level {
  const w = f.window;
  if (!w) return "weak";
  if (!overlaps(w.start, w.end, c.maxStart, c.minEnd, slack)) return "no";
  if (!overlaps(w.start, w.end, c.looseMaxStart, c.looseMinEnd, slack)) return "no";
  const sharp = w.dated && w.end - w.start <= SHARP_DAYS;
  return sharp && c.sharp && c.looseMaxStart === null ? "strong" : "weak";
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

/** Most evidence texts one record is compared with when looking for the copy it may be. */
const MAX_WIRE_CHECKS = 32;

/** Whether the record's evidence is a near-identical copy of a member's (tried only on texts sharing a band). */
function wireMatch(
  f: RecordFeatures,
  c: ClusterSummary,
  o: MatchOptions,
  stats: FusionStats,
  budget: { left: number },
): boolean {
  if (!f.text.bands.some((b) => c.bands.has(b))) return false;
  const p = f.publishedDay;
  if (p !== null && c.minPublished !== null && c.maxPublished !== null) {
    if (p < c.maxPublished - o.wireMaxDays || p > c.minPublished + o.wireMaxDays) return false;
  }
  for (const t of c.texts) {
    if (budget.left <= 0) return false;
    if (!t.bands.some((b) => f.text.bands.includes(b))) continue;
    budget.left--;
    stats.textComparisons++;
    if (isWireCopy(f.text.shingles, t.shingles, o.wireJaccard)) return true;
  }
  return false;
}

/** A fresh per-record budget of wire-copy comparisons. */
export const wireBudget = () => ({ left: MAX_WIRE_CHECKS });

export interface Match {
  score: number;
  /** False when the record joins only as a wire copy whose dates disagree: its window is not folded in. */
  timeAgrees: boolean;
  /** Joins only as a copy of a member's text. */
  wire: boolean;
}

/**
 * Whether the record may join the cluster, and how well it fits. Hard rules: same PLOVER type and ACLED event
 * type, no document twice, no contradictory actors. Then either the evidence is a near-identical copy of a
 * member's published within wireMaxDays (whatever dates the copies resolve to), or all of: overlapping time
 * (±1 day with the same initiator, the same day without); locations within r1 + r2 + slack; an unknown place
 * needs the same initiator; an undated or vaguely dated side needs the same initiator, a shared named target
 * and precise places; without the same initiator both places must be precise; and unless the initiator is
 * shared and the places precise, the ACLED sub-event types agree.
 */
export function matchScore(
  f: RecordFeatures,
  c: ClusterSummary,
  o: MatchOptions,
  stats: FusionStats,
  budget = wireBudget(),
): Match | null {
  stats.comparisons++;
  if (f.type !== c.type) return null;
  if (f.acledEventType && c.acledEventType && f.acledEventType !== c.acledEventType) return null;
  if (c.docs.has(f.doc)) return null;
  const actor = actorLevel(f, c);
  if (actor === "no") return null;
  const strongActor = actor === "strong";
  const time = timeLevel(f, c, strongActor ? DAY_SLACK : 0);
  const place = placeCloseness(f, c, o.slackKm);
  const sharedTarget = f.targets.some((t) => c.targets.has(t));
  const precisePlaces = place !== null && place >= 0 && precise(f, c);
  const sameSub = !f.acledSubType || !c.subTypes.size || c.subTypes.has(f.acledSubType);
  let ok = time !== "no" && place !== -1;
  if (ok && place === null && !strongActor) ok = false;
  if (ok && time === "weak" && !(strongActor && precisePlaces && sharedTarget)) ok = false;
  if (ok && !strongActor && !precisePlaces) ok = false;
  if (ok && !(strongActor && precisePlaces) && !sameSub) ok = false;
  const wire = !ok && wireMatch(f, c, o, stats, budget);
  if (!ok && !wire) return null;
  const score =
    (wire ? 3 : 0) +
    (strongActor ? 1 : 0) +
    (time === "strong" ? 1 : 0) +
    (sameSub ? 0.5 : 0) +
    (place !== null && place >= 0 ? place : 0);
  return { score, timeAgrees: time !== "no", wire: !ok };
}
