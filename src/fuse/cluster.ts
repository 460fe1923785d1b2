// Cross-document fusion: event records that tell the same event join one cluster. Candidates come from an
// index keyed by type, week (or month, for vague dates) and a 0.5° grid cell (or the initiator, for records
// without a place), or by type, publication period and a MinHash band of the evidence text, so each record is
// compared with the few clusters near it in time and space.
import type { EventRecord } from "../model/types.ts";
import {
  DAY_SLACK,
  type Match,
  type MatchOptions,
  matchScore,
  recordFeatures,
  SHARP_DAYS,
  wireBudget,
} from "./features.ts";
import { addMember, clusterId, newFused, newSummary } from "./fused.ts";
import { dayNumber } from "./similarity.ts";
import type { DocMeta, FusedEvent, FuseOptions, FusionState, RecordFeatures } from "./types.ts";

const CELL_DEG = 0.5;
/** More cells than this and a place is too large for the grid: it goes to one shared "large places" key. */
const MAX_CELLS = 64;
/** Windows longer than this many days are indexed by month only. */
const LONG_DAYS = 35;
/** Windows over more months than this go to one shared "multi-year" key. */
const MAX_MONTHS = 26;
/** Most clusters examined per record; the most recently indexed win. Bounds the work in very dense buckets. */
const MAX_CANDIDATES = 400;
/** Most clusters taken from one text-band key (the most recent): boilerplate sentences make crowded bands. */
const MAX_PER_BAND = 24;

export const DEFAULT_FUSE_OPTIONS: Required<FuseOptions> = {
  slackKm: 10,
  wireJaccard: 0.8,
  undatedPastDays: 7,
  undatedFutureDays: 90,
  wireMaxDays: 45,
};

export function emptyFusionState(options: FuseOptions = {}): FusionState {
  return {
    clusters: new Map(),
    membership: new Map(),
    stats: { records: 0, wireJoins: 0, comparisons: 0, textComparisons: 0, probes: 0 },
    options: { ...DEFAULT_FUSE_OPTIONS, ...options },
    internal: { summaries: new Map(), index: new Map(), timeNotFolded: new Set(), texts: new Map() },
  };
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/**
 * Time keys a record is filed under and looks up. Windows up to LONG_DAYS are filed by week ("w") and by
 * 30-day month ("m"); longer ones only by month in their own namespace ("M"), multi-year ones under "W",
 * undated ones without publication under "*". A short window looks up its weeks and the long windows of its
 * months; a long window looks up every window of its months. Every pair of overlapping windows meets.
 */
function timeKeys(w: RecordFeatures["window"]): { file: string[]; probe: string[] } {
  if (!w) return { file: ["*"], probe: ["*", "W"] };
  const s = w.start - DAY_SLACK;
  const e = w.end + DAY_SLACK;
  const months = range(Math.floor(s / 30), Math.floor(e / 30));
  if (e - s <= LONG_DAYS) {
    const weeks = range(Math.floor(s / 7), Math.floor(e / 7)).map((k) => `w${k}`);
    return {
      file: [...weeks, ...months.map((m) => `m${m}`)],
      probe: [...weeks, ...months.map((m) => `M${m}`), "*", "W"],
    };
  }
  if (months.length > MAX_MONTHS) return { file: ["W"], probe: ["W", "*"] };
  const long = months.map((m) => `M${m}`);
  return { file: long, probe: [...months.map((m) => `m${m}`), ...long, "*", "W"] };
}

/** Grid cells the disk (radius + half the slack) touches, or null when there are too many. */
function cellKeys(p: NonNullable<RecordFeatures["point"]>, slackKm: number): string[] | null {
  const r = p.radiusKm + slackKm / 2;
  const dLat = r / 111.2;
  const dLon = r / (111.32 * Math.max(0.01, Math.cos((p.lat * Math.PI) / 180)));
  const i0 = Math.floor((p.lat - dLat) / CELL_DEG);
  const i1 = Math.floor((p.lat + dLat) / CELL_DEG);
  const j0 = Math.floor((p.lon - dLon) / CELL_DEG);
  const j1 = Math.floor((p.lon + dLon) / CELL_DEG);
  if ((i1 - i0 + 1) * (j1 - j0 + 1) > MAX_CELLS) return null;
  const out: string[] = [];
  for (let i = i0; i <= i1; i++) for (let j = j0; j <= j1; j++) out.push(`c:${i},${j}`);
  return out;
}

/**
 * Index keys (without the type|time prefix) a record is filed under and looks up. A located record is filed
 * under its cells (or "g:*" when too large for the grid) and its initiator ("a:"); an unlocated one under "a:"
 * and "na:". A sharply dated, gridded record looks up its cells, "g:*" and "na:" (unlocated clusters of its
 * initiator). Any other record can only join a cluster of its own initiator (matchScore's rules for vague
 * times and unknown places), so it looks up "a:" alone; a grid-less one also "g:*".
 */
function placeKeys(f: RecordFeatures, slackKm: number): { file: string[]; probe: string[] } {
  const cells = f.point ? cellKeys(f.point, slackKm) : null;
  const file: string[] = f.point ? (cells ?? ["g:*"]) : [];
  if (f.actor1) file.push(`a:${f.actor1}`);
  if (f.actor1 && !f.point) file.push(`na:${f.actor1}`);
  const w = f.window;
  const sharp = !!w && w.dated && w.end - w.start <= SHARP_DAYS;
  const probe: string[] = [];
  if (sharp && cells) {
    probe.push("g:*", ...cells);
    if (f.actor1) probe.push(`na:${f.actor1}`);
  } else {
    if (f.actor1) probe.push(`a:${f.actor1}`);
    if (sharp && f.point) probe.push("g:*");
  }
  return { file, probe };
}

/**
 * Text-band keys: by publication period (wireMaxDays long) rather than by event date, since a copy is the same
 * event whatever date it resolves to. A record files under its period and looks up the periods either side.
 */
function bandKeys(f: RecordFeatures, periodDays: number, probe: boolean): string[] {
  const p = f.publishedDay === null ? null : Math.floor(f.publishedDay / Math.max(1, periodDays));
  const periods = p === null ? ["*"] : probe ? [p - 1, p, p + 1] : [p];
  return periods.flatMap((q) => f.text.bands.map((b) => `${f.type}|x${q}:${b}`));
}

/** Files the record's keys in the candidate index, pointing at its cluster. */
export function fileRecord(state: FusionState, f: RecordFeatures, clusterIdValue: string): void {
  const { file } = placeKeys(f, state.options.slackKm);
  const index = state.internal.index;
  const keys = timeKeys(f.window).file.flatMap((t) => file.map((k) => `${f.type}|${t}|${k}`));
  keys.push(...bandKeys(f, state.options.wireMaxDays, false));
  for (const key of keys) {
    const list = index.get(key);
    if (!list) index.set(key, [clusterIdValue]);
    else if (list[list.length - 1] !== clusterIdValue) list.push(clusterIdValue);
  }
}

function candidates(state: FusionState, f: RecordFeatures): string[] {
  const { probe } = placeKeys(f, state.options.slackKm);
  const times = timeKeys(f.window).probe;
  const seen = new Set<string>();
  const take = (key: string, most: number) => {
    state.stats.probes++;
    const list = state.internal.index.get(key);
    if (!list) return;
    const stop = Math.max(0, list.length - most);
    for (let i = list.length - 1; i >= stop && seen.size < MAX_CANDIDATES; i--) seen.add(list[i]);
  };
  for (const t of times) for (const k of probe) take(`${f.type}|${t}|${k}`, MAX_CANDIDATES);
  for (const k of bandKeys(f, state.options.wireMaxDays, true)) take(k, MAX_PER_BAND);
  return [...seen];
}

/** Order in which a batch is fused: by publication (then stated date, document, id), so plans precede outcomes. */
function batchOrder(records: EventRecord[], docs: Map<string, DocMeta>): EventRecord[] {
  const key = (r: EventRecord) =>
    dayNumber(docs.get(r.doc)?.published) ?? dayNumber(r.time.start) ?? Number.MAX_SAFE_INTEGER;
  const keyed = records.map((r) => ({ r, k: key(r), t: r.time.start ?? "~" }));
  keyed.sort(
    (a, b) => a.k - b.k || (a.t < b.t ? -1 : a.t > b.t ? 1 : 0) || cmp(a.r.doc, b.r.doc) || cmp(a.r.id, b.r.id),
  );
  return keyed.map((x) => x.r);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Fuses event records into clusters of the same event. With `previous`, the new records are added to it (it
 * is updated in place and returned): existing clusters keep their ids and members, none is rebuilt. A record
 * already fused is skipped. Clusters never merge with each other afterwards; a record that would bridge two
 * joins the better-scoring one.
 */
export function fuseEvents(
  records: EventRecord[],
  docs: Map<string, DocMeta>,
  previous?: FusionState,
  options?: FuseOptions,
): FusionState {
  const state = previous ?? emptyFusionState(options);
  const o: MatchOptions = state.options;
  const { summaries } = state.internal;
  for (const r of batchOrder(records, docs)) {
    if (state.membership.has(r.id)) continue;
    state.stats.records++;
    const f = recordFeatures(r, docs.get(r.doc), o, state.internal.texts);
    let best: string | null = null;
    let bestMatch: Match | null = null;
    const budget = wireBudget();
    for (const id of candidates(state, f)) {
      const m = matchScore(f, summaries.get(id)!, o, state.stats, budget);
      if (!m) continue;
      if (!bestMatch || m.score > bestMatch.score || (m.score === bestMatch.score && best !== null && id < best)) {
        best = id;
        bestMatch = m;
      }
    }
    let ev: FusedEvent;
    if (best === null) {
      const id = clusterId(r.id);
      ev = newFused(id, r);
      state.clusters.set(id, ev);
      summaries.set(id, newSummary(id, f));
    } else {
      ev = state.clusters.get(best)!;
      if (bestMatch?.wire) state.stats.wireJoins++;
    }
    const foldTime = bestMatch?.timeAgrees ?? true;
    if (!foldTime) state.internal.timeNotFolded.add(r.id);
    addMember(ev, summaries.get(ev.id)!, r, f, o, state.stats, foldTime);
    state.membership.set(r.id, ev.id);
    fileRecord(state, f, ev.id);
  }
  return state;
}

/** The clusters as a list: most reports first, then by id. */
export function fusedEvents(state: FusionState): FusedEvent[] {
  return [...state.clusters.values()].sort((a, b) => b.members.length - a.members.length || cmp(a.id, b.id));
}
