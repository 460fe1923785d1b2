// Geoparsing metrics (Gritta et al. 2018): recognition P/R/F1 over gold spans (exact and overlapping matches) and,
// on gold toponyms the system recognised, the error of its coordinates: Acc@161, AUC, mean and median km. Pure.

import type { Span } from "../../model/types.ts";

/** A toponym with coordinates, gold or predicted; null coordinates: none given. */
export interface PointSpan extends Span {
  lat: number | null;
  lon: number | null;
}

/** Half the Earth's circumference in km: the largest possible error, and the error charged for no coordinates. */
export const MAX_ERROR_KM = 20039;
/** The "within 161 km" (100 miles) of Acc@161. */
export const ACC_KM = 161;
const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in km (haversine, mean Earth radius): `haversineKm(0, 0, 0, 1)` ≈ 111.2. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Error of a predicted point against a gold point; MAX_ERROR_KM when the prediction has no coordinates. */
export function errorKm(gold: { lat: number; lon: number }, pred: { lat: number | null; lon: number | null }): number {
  if (pred.lat === null || pred.lon === null) return MAX_ERROR_KM;
  return haversineKm(gold.lat, gold.lon, pred.lat, pred.lon);
}

/** A one-to-one pairing: `pairs[i] = [goldIndex, predictedIndex]`. */
export type Pairs = Array<[number, number]>;

/**
 * Pairs gold and predicted spans with identical start and end, each used at most once.
 * Example: gold [0,5) [10,15), predicted [0,5) [0,5) [11,15) → [[0, 0]].
 */
export function matchExact(gold: Span[], pred: Span[]): Pairs {
  const free = new Map<string, number[]>();
  pred.forEach((p, i) => {
    const k = `${p.start}:${p.end}`;
    free.set(k, [...(free.get(k) ?? []), i]);
  });
  const pairs: Pairs = [];
  gold.forEach((g, gi) => {
    const pi = free.get(`${g.start}:${g.end}`)?.shift();
    if (pi !== undefined) pairs.push([gi, pi]);
  });
  return pairs;
}

function overlap(a: Span, b: Span): number {
  return Math.min(a.end, b.end) - Math.max(a.start, b.start);
}

/**
 * Pairs gold and predicted spans that share at least one character, each used at most once, greedily by the
 * largest shared length (ties: the closer start, then document order).
 * Example: gold [0,8) "New York", predicted [4,8) "York" → [[0, 0]]; predicted [8,9) → [].
 */
export function matchOverlap(gold: Span[], pred: Span[]): Pairs {
  const cands: Array<{ gi: number; pi: number; len: number; dist: number }> = [];
  gold.forEach((g, gi) => {
    pred.forEach((p, pi) => {
      const len = overlap(g, p);
      if (len > 0) cands.push({ gi, pi, len, dist: Math.abs(g.start - p.start) });
    });
  });
  cands.sort((a, b) => b.len - a.len || a.dist - b.dist || a.gi - b.gi || a.pi - b.pi);
  const usedG = new Set<number>();
  const usedP = new Set<number>();
  const pairs: Pairs = [];
  for (const c of cands) {
    if (usedG.has(c.gi) || usedP.has(c.pi)) continue;
    usedG.add(c.gi);
    usedP.add(c.pi);
    pairs.push([c.gi, c.pi]);
  }
  return pairs.sort((a, b) => a[0] - b[0]);
}

/** True positives, false positives, false negatives. */
export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface Recognition extends Counts {
  precision: number;
  recall: number;
  f1: number;
}

/** Counts for one document from a pairing: unpaired predictions are false positives, unpaired gold false negatives. */
export function countsOf(pairs: Pairs, nGold: number, nPred: number): Counts {
  return { tp: pairs.length, fp: nPred - pairs.length, fn: nGold - pairs.length };
}

/** Sums counts (micro-averaging over documents). */
export function sumCounts(all: Counts[]): Counts {
  return all.reduce((s, c) => ({ tp: s.tp + c.tp, fp: s.fp + c.fp, fn: s.fn + c.fn }), { tp: 0, fp: 0, fn: 0 });
}

/** Precision, recall and F1 from counts; 0 where a denominator is 0. `prf({tp: 1, fp: 1, fn: 0})` → P 0.5, R 1. */
export function prf(c: Counts): Recognition {
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { ...c, precision, recall, f1 };
}

/**
 * Errors in km of the paired predictions, one per paired gold toponym that has coordinates, keyed by gold index.
 * A paired prediction without coordinates costs MAX_ERROR_KM.
 */
export function pairErrors(gold: PointSpan[], pred: PointSpan[], pairs: Pairs): Map<number, number> {
  const out = new Map<number, number>();
  for (const [gi, pi] of pairs) {
    const g = gold[gi];
    if (g.lat === null || g.lon === null) continue;
    out.set(gi, errorKm({ lat: g.lat, lon: g.lon }, pred[pi]));
  }
  return out;
}

export interface Resolution {
  /** Gold toponyms scored (recognised, with gold coordinates). */
  n: number;
  /** Share of errors ≤ 161 km. */
  acc161: number | null;
  /** Mean of ln(1 + km) / ln(20039): the area under the error curve, 0 = perfect, lower is better. */
  auc: number | null;
  meanKm: number | null;
  medianKm: number | null;
}

/** Median of a list of numbers (mean of the two middle ones for an even count); null for an empty list. */
export function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/**
 * Summarises resolution errors (km). Example: [0, 161, 162] → n 3, Acc@161 2/3, AUC (0 + ln 162 + ln 163) / 3 / ln 20039.
 */
export function resolutionOf(errorsKm: number[]): Resolution {
  const n = errorsKm.length;
  if (!n) return { n, acc161: null, auc: null, meanKm: null, medianKm: null };
  const logMax = Math.log(MAX_ERROR_KM);
  return {
    n,
    acc161: errorsKm.filter((e) => e <= ACC_KM).length / n,
    auc: errorsKm.reduce((s, e) => s + Math.log1p(e) / logMax, 0) / n,
    meanKm: errorsKm.reduce((s, e) => s + e, 0) / n,
    medianKm: median(errorsKm),
  };
}

/** The score of one document: counts for both matchings, and resolution errors (overlap pairing) by gold index. */
export interface DocScore {
  exact: Counts;
  overlap: Counts;
  errors: Map<number, number>;
}

/** Scores one document's predicted toponyms against its gold toponyms. */
export function scoreDocument(gold: PointSpan[], pred: PointSpan[]): DocScore {
  const over = matchOverlap(gold, pred);
  return {
    exact: countsOf(matchExact(gold, pred), gold.length, pred.length),
    overlap: countsOf(over, gold.length, pred.length),
    errors: pairErrors(gold, pred, over),
  };
}

/**
 * Gold-spans mode: the system resolved exactly the gold spans; `resolved[i]` answers `gold[i]` (null: no answer,
 * charged MAX_ERROR_KM). Returns errors by gold index for the gold toponyms with coordinates.
 */
export function goldSpanErrors(
  gold: PointSpan[],
  resolved: Array<{ lat: number | null; lon: number | null } | null>,
): Map<number, number> {
  const out = new Map<number, number>();
  gold.forEach((g, i) => {
    if (g.lat === null || g.lon === null) return;
    out.set(i, errorKm({ lat: g.lat, lon: g.lon }, resolved[i] ?? { lat: null, lon: null }));
  });
  return out;
}
