// Cross-document fusion: event records that tell the same event join one cluster. Candidates come from an
// index keyed by type, week and a 0.5° grid cell (or the initiator, for records without a place), or by type and
// a MinHash band of the evidence text (any week), so each record is compared with the few clusters near it in time and space.
import type { EventRecord } from "../model/types.ts";
import { DAY_SLACK, type Match, type MatchOptions, matchScore, recordFeatures } from "./features.ts";
import { addMember, clusterId, newFused, newSummary } from "./fused.ts";
import { dayNumber } from "./similarity.ts";
import type { DocMeta, FusedEvent, FuseOptions, FusionState, RecordFeatures } from "./types.ts";

const CELL_DEG = 0.5;
/** More cells than this and a place is too large for the grid: it goes to one shared "large places" key. */
const MAX_CELLS = 64;
/** Windows longer than this many weeks go to one shared "long windows" key. */
const MAX_WEEKS = 60;
/** Most clusters examined per record; the most recently indexed win. Bounds the work in very dense buckets. */
const MAX_CANDIDATES = 400;

export const DEFAULT_FUSE_OPTIONS: Required<FuseOptions> = {
  slackKm: 10,
  wireJaccard: 0.8,
  undatedPastDays: 7,
  undatedFutureDays: 90,
};

export function emptyFusionState(options: FuseOptions = {}): FusionState {
  return {
    clusters: new Map(),
    membership: new Map(),
    stats: { records: 0, comparisons: 0, textComparisons: 0, probes: 0 },
    options: { ...DEFAULT_FUSE_OPTIONS, ...options },
    internal: { summaries: new Map(), index: new Map(), records: new Map() },
  };
}

function weekKeys(w: RecordFeatures["window"]): string[] {
  if (!w) return ["*"];
  const first = Math.floor((w.start - DAY_SLACK) / 7);
  const last = Math.floor((w.end + DAY_SLACK) / 7);
  if (last - first > MAX_WEEKS) return ["W"];
  const out: string[] = [];
  for (let k = first; k <= last; k++) out.push(String(k));
  return out;
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
 * Index keys (without the type|week prefix) a record is filed under and looks up. A located record is filed
 * under its cells and its initiator ("a:"); an unlocated one under "a:" and "na:" (only a same-initiator record
 * may join it). Located records look up their cells and "na:"; unlocated and very large ones look up "a:".
 */
function placeKeys(f: RecordFeatures, slackKm: number): { file: string[]; probe: string[] } {
  const file: string[] = [];
  const probe: string[] = ["g:*"];
  const cells = f.point ? cellKeys(f.point, slackKm) : null;
  if (f.point) {
    file.push(...(cells ?? ["g:*"]));
    probe.push(...(cells ?? []));
  }
  if (f.actor1) {
    file.push(`a:${f.actor1}`);
    if (!f.point) file.push(`na:${f.actor1}`);
    probe.push(f.point && cells ? `na:${f.actor1}` : `a:${f.actor1}`);
  }
  return { file, probe };
}

function fileRecord(state: FusionState, f: RecordFeatures, clusterIdValue: string): void {
  const { file } = placeKeys(f, state.options.slackKm);
  const index = state.internal.index;
  const keys = weekKeys(f.window).flatMap((wk) => file.map((k) => `${f.type}|${wk}|${k}`));
  // text bands are filed without a week: a copy is the same event whatever date it resolves to
  for (const b of f.bands) keys.push(`${f.type}|x:${b}`);
  for (const key of keys) {
    const list = index.get(key);
    if (!list) index.set(key, [clusterIdValue]);
    else if (list[list.length - 1] !== clusterIdValue) list.push(clusterIdValue);
  }
}

function candidates(state: FusionState, f: RecordFeatures): string[] {
  const { probe } = placeKeys(f, state.options.slackKm);
  const weeks = weekKeys(f.window);
  if (weeks[0] !== "*") weeks.push("*");
  if (weeks[0] !== "W") weeks.push("W");
  const keys = weeks.flatMap((wk) => probe.map((k) => `${f.type}|${wk}|${k}`));
  for (const b of f.bands) keys.push(`${f.type}|x:${b}`);
  const seen = new Set<string>();
  for (const key of keys) {
    state.stats.probes++;
    const list = state.internal.index.get(key);
    if (!list) continue;
    for (let i = list.length - 1; i >= 0 && seen.size < MAX_CANDIDATES; i--) seen.add(list[i]);
  }
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
  const { summaries, records: stored } = state.internal;
  for (const r of batchOrder(records, docs)) {
    if (state.membership.has(r.id)) continue;
    state.stats.records++;
    stored.set(r.id, r);
    const f = recordFeatures(r, docs.get(r.doc), o);
    let best: string | null = null;
    let bestMatch: Match | null = null;
    for (const id of candidates(state, f)) {
      const m = matchScore(f, summaries.get(id)!, o, state.stats);
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
    } else ev = state.clusters.get(best)!;
    addMember(ev, summaries.get(ev.id)!, r, f, o, state.stats, bestMatch?.timeAgrees ?? true);
    state.membership.set(r.id, ev.id);
    fileRecord(state, f, ev.id);
  }
  return state;
}

/** The clusters as a list: most reports first, then by id. */
export function fusedEvents(state: FusionState): FusedEvent[] {
  return [...state.clusters.values()].sort((a, b) => b.members.length - a.members.length || cmp(a.id, b.id));
}
