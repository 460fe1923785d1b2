// `sitrep eval geo`: scores a place recogniser/resolver, and the published baselines, on LGL, GeoWebNews and
// GeoVirus with the same metric code on the same gold toponyms. The system under test is passed in as a function.

import { existsSync } from "node:fs";
import type { PlaceRecord, Span } from "../../model/types.ts";
import { BASELINES, type BaselineRun, loadBaseline } from "./baselines.ts";
import {
  CORPUS_NAMES,
  type Corpus,
  type CorpusName,
  type GoldArticle,
  type LoadReport,
  loadCorpus,
} from "./corpora.ts";
import { applyCorrections, loadCorrections } from "./corrections.ts";
import {
  type Counts,
  goldSpanErrors,
  type PointSpan,
  prf,
  type Recognition,
  type Resolution,
  resolutionOf,
  scoreDocument,
  sumCounts,
} from "./metrics.ts";
import { type PublishedFigure, publishedFor } from "./published.ts";
import { type NamedPointSpan, type ReferentMisses, referentMisses } from "./referents.ts";
import type { AlignmentTally } from "./spans.ts";

export { PUBLISHED } from "./published.ts";
export { formatGeoEval } from "./table.ts";

/** What the system may know of an article besides its text: its id and, where the corpus gives it, its outlet. */
export interface ArticleMeta {
  id: string;
  outlet?: string;
}
export type PlacesFn = (text: string, article: ArticleMeta) => PlaceRecord[] | Promise<PlaceRecord[]>;
export type ResolveFn = (
  text: string,
  spans: Span[],
  article: ArticleMeta,
) => (PlaceRecord | null)[] | Promise<(PlaceRecord | null)[]>;

export interface GeoEvalOptions {
  /** The shared folder holding eval/geo (usually findShared()). */
  shared: string;
  /** The system under test, end to end: one record per place mention it finds in the text. */
  places: PlacesFn;
  /** Gold-spans mode: resolves the given spans (one answer per span, null for none). */
  resolve?: ResolveFn;
  corpora?: CorpusName[];
  /** Score resolution alone, on the gold spans, with `resolve`. */
  goldSpans?: boolean;
  /** Only the first `limit` articles of each corpus. */
  limit?: number;
  /** Apply the Kulkarni et al. (2020) coordinate corrections to LGL and GeoVirus gold. */
  corrections?: boolean;
  /** Also score the published baselines (default true). */
  baselines?: boolean;
  /** Label of the system's row (default "sitrep"). */
  label?: string;
}

export interface SystemResult {
  id: string;
  label: string;
  kind: "system" | "baseline" | "gold";
  /** Null in gold-spans mode (nothing recognised). */
  exact: Recognition | null;
  overlap: Recognition | null;
  /** On the gold toponyms with coordinates that this system recognised (overlap). */
  resolution: Resolution;
  /** On the gold toponyms with coordinates that every system and baseline (gold rows aside) recognised; a gold
   * row is scored on the part of that subset it holds. */
  common: Resolution;
  published?: PublishedFigure;
  /** Baselines: how their spans matched the text (`failed`: kept as given). */
  offsets?: AlignmentTally;
  noCoords: number;
  notes: string[];
  /** End to end, the system row: how many of its misses name the gold referent at another point of its area. */
  referents?: ReferentMisses;
}

export interface CorpusResult {
  corpus: CorpusName;
  mode: "end-to-end" | "gold-spans";
  articles: number;
  toponyms: number;
  withCoords: number;
  load: LoadReport;
  systems: SystemResult[];
  /** Size of the common subset behind SystemResult.common. */
  commonN: number;
  /** Published systems with no row of their own. */
  publishedOnly: PublishedFigure[];
  notes: string[];
}

export interface GeoEvalResult {
  shared: string;
  corrections: boolean;
  limit?: number;
  corpora: CorpusResult[];
  notes: string[];
  ms: number;
}

/** Errors by gold toponym ("article:index") and per-article counts, for one row. */
interface RowScore {
  exact: Counts[];
  overlap: Counts[];
  errors: Map<string, number>;
}

/** Toponym predictions from place records: relative expressions ("40 km west of X") are not toponyms, so left out. */
export function pointsFromRecords(records: PlaceRecord[]): NamedPointSpan[] {
  return records
    .filter((r) => !r.relative)
    .map((r) => ({ start: r.start, end: r.end, lat: r.lat, lon: r.lon, name: r.name }));
}

function scoreRow(articles: GoldArticle[], predictions: PointSpan[][]): RowScore {
  const row: RowScore = { exact: [], overlap: [], errors: new Map() };
  articles.forEach((art, ai) => {
    const s = scoreDocument(art.toponyms, predictions[ai] ?? []);
    row.exact.push(s.exact);
    row.overlap.push(s.overlap);
    for (const [gi, e] of s.errors) row.errors.set(`${ai}:${gi}`, e);
  });
  return row;
}

function meta(art: GoldArticle): ArticleMeta {
  return art.outlet ? { id: art.id, outlet: art.outlet } : { id: art.id };
}

async function systemPredictions(
  articles: GoldArticle[],
  places: PlacesFn,
  notes: string[],
): Promise<NamedPointSpan[][]> {
  const out: NamedPointSpan[][] = [];
  let failures = 0;
  for (const art of articles) {
    try {
      out.push(pointsFromRecords(await places(art.text, meta(art))));
    } catch (err) {
      if (!failures++) notes.push(`places() failed on article ${art.id}: ${(err as Error).message}`);
      out.push([]);
    }
  }
  if (failures > 1) notes.push(`places() failed on ${failures} articles (scored as finding nothing)`);
  return out;
}

async function goldSpanRow(articles: GoldArticle[], resolve: ResolveFn, notes: string[]): Promise<RowScore> {
  const row: RowScore = { exact: [], overlap: [], errors: new Map() };
  let unanswered = 0;
  for (const [ai, art] of articles.entries()) {
    const spans = art.toponyms.map((t) => ({ start: t.start, end: t.end }));
    let answers: (PlaceRecord | null)[] = [];
    try {
      answers = await resolve(art.text, spans, meta(art));
      if (answers.length !== spans.length)
        notes.push(`resolve() gave ${answers.length} answers for ${spans.length} spans in article ${art.id}`);
    } catch (err) {
      notes.push(`resolve() failed on article ${art.id}: ${(err as Error).message}`);
    }
    for (const [gi, e] of goldSpanErrors(art.toponyms, answers)) row.errors.set(`${ai}:${gi}`, e);
    unanswered += art.toponyms.filter((t, i) => t.lat !== null && (answers[i]?.lat ?? null) === null).length;
  }
  notes.push(
    `the system gave no point for ${unanswered.toLocaleString("en-US")} of ${row.errors.size.toLocaleString("en-US")} gold toponyms (scored as 20,039 km)`,
  );
  return row;
}

function commonKeys(rows: Array<{ kind: SystemResult["kind"]; score: RowScore }>): Set<string> {
  const rivals = rows.filter((r) => r.kind !== "gold");
  if (!rivals.length) return new Set();
  const [first, ...rest] = rivals;
  return new Set([...first.score.errors.keys()].filter((k) => rest.every((r) => r.score.errors.has(k))));
}

async function evalCorpus(corpus: Corpus, articles: GoldArticle[], opts: GeoEvalOptions): Promise<CorpusResult> {
  const goldSpans = !!opts.goldSpans;
  const notes: string[] = [];
  const rows: Array<Omit<SystemResult, "common" | "exact" | "overlap" | "resolution"> & { score: RowScore }> = [];
  const label = opts.label ?? "sitrep";
  if (!goldSpans) {
    const preds = await systemPredictions(articles, opts.places, notes);
    rows.push({
      id: "system",
      label,
      kind: "system",
      noCoords: countNull(preds),
      notes: [],
      score: scoreRow(articles, preds),
      referents: referentMisses(articles, preds),
    });
  } else if (opts.resolve) {
    rows.push({
      id: "system",
      label,
      kind: "system",
      noCoords: 0,
      notes: [],
      score: await goldSpanRow(articles, opts.resolve, notes),
    });
  } else {
    notes.push(`gold-spans mode needs a resolve(text, spans) function; none was given, so ${label} is not scored`);
  }
  if (opts.baselines !== false) {
    for (const spec of BASELINES.filter((b) => b.corpus === corpus.name)) {
      const run = loadBaseline(opts.shared, spec, articles);
      if (!run) {
        notes.push(`baseline ${spec.id}.txt not found; skipped`);
        continue;
      }
      rows.push(baselineRow(run, corpus, articles));
    }
  }
  const common = commonKeys(rows);
  const pub = publishedFor(corpus.name);
  const systems = rows.map(({ score, ...r }): SystemResult => {
    const spec = BASELINES.find((b) => b.id === r.id);
    const published = spec?.published ? pub.find((p) => p.key === spec.published) : undefined;
    return {
      ...r,
      exact: score.exact.length ? prf(sumCounts(score.exact)) : null,
      overlap: score.overlap.length ? prf(sumCounts(score.overlap)) : null,
      resolution: resolutionOf([...score.errors.values()]),
      common: resolutionOf([...common].flatMap((k) => score.errors.get(k) ?? [])),
      ...(published ? { published } : {}),
    };
  });
  const shown = new Set(systems.map((s) => s.published?.key));
  return {
    corpus: corpus.name,
    mode: goldSpans ? "gold-spans" : "end-to-end",
    articles: articles.length,
    toponyms: articles.reduce((n, a) => n + a.toponyms.length, 0),
    withCoords: articles.reduce((n, a) => n + a.toponyms.filter((t) => t.lat !== null).length, 0),
    load: corpus.report,
    systems,
    commonN: common.size,
    publishedOnly: pub.filter((p) => !shown.has(p.key)),
    notes,
  };
}

function countNull(preds: PointSpan[][]): number {
  return preds.reduce((n, ps) => n + ps.filter((p) => p.lat === null).length, 0);
}

function baselineRow(run: BaselineRun, corpus: Corpus, articles: GoldArticle[]) {
  const { spec } = run;
  const notes: string[] = [];
  if (run.lineCount !== corpus.articles.length)
    notes.push(`${run.lineCount} lines for ${corpus.articles.length} articles`);
  if (run.malformed) notes.push(`${run.malformed} malformed entries skipped`);
  return {
    id: spec.id,
    label: spec.label,
    kind: spec.gold ? ("gold" as const) : ("baseline" as const),
    offsets: run.offsets,
    noCoords: run.noCoords,
    notes,
    score: scoreRow(articles, run.predictions),
  };
}

/**
 * Runs the evaluation. Corpora or baselines missing from `shared` are skipped with a note; a missing `shared`
 * yields an empty result whose notes say so.
 */
export async function runGeoEval(opts: GeoEvalOptions): Promise<GeoEvalResult> {
  const t0 = performance.now();
  const result: GeoEvalResult = {
    shared: opts.shared,
    corrections: !!opts.corrections,
    ...(opts.limit !== undefined ? { limit: opts.limit } : {}),
    corpora: [],
    notes: [],
    ms: 0,
  };
  if (!existsSync(opts.shared)) {
    result.notes.push(`${opts.shared} not found: geo evaluation skipped (set SITREP_SHARED to the shared folder)`);
    return result;
  }
  for (const name of opts.corpora ?? CORPUS_NAMES) {
    let corpus: Corpus;
    try {
      corpus = loadCorpus(opts.shared, name);
    } catch (err) {
      result.notes.push(`${name}: ${(err as Error).message}; skipped`);
      continue;
    }
    if (opts.corrections) {
      const rows = loadCorrections(opts.shared, name);
      if (rows) applyCorrections(corpus, rows);
    }
    const articles = opts.limit !== undefined ? corpus.articles.slice(0, opts.limit) : corpus.articles;
    result.corpora.push(await evalCorpus(corpus, articles, opts));
  }
  result.ms = performance.now() - t0;
  return result;
}
