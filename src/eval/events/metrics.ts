// Scoring helpers for the event evaluations: per-class precision/recall/F1 with macro and weighted averages,
// multiset triple precision/recall, and span overlap. A ratio whose denominator is 0 is reported as 0.

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
}

export function ratio(num: number, den: number): number {
  return den > 0 ? num / den : 0;
}

export function prf(tp: number, fp: number, fn: number): Prf {
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

export interface ClassScore extends Prf {
  label: string;
  /** Gold items of this class. */
  support: number;
  /** Items predicted as this class. */
  predicted: number;
  tp: number;
}

export interface ClassReport {
  classes: ClassScore[];
  /** Items scored. */
  n: number;
  /** Fraction of items whose prediction equals the gold label. */
  accuracy: number;
  /** Micro-averaged over the label set: predictions outside it are not false positives, gold outside it not false negatives. */
  micro: Prf;
  /** Unweighted mean of per-class F1 over labels with gold or predicted items. */
  macroF1: number;
  /** Mean of per-class F1 weighted by gold support. */
  weightedF1: number;
}

/**
 * Per-class scores over `labels`. A prediction outside `labels` (null, or any other string) is a false negative
 * for the gold class and a false positive for none; a gold label outside `labels` contributes false positives only.
 * Like scikit-learn's f1_score(labels=…, average="weighted"|"macro"), except that labels with neither gold nor
 * predicted items are left out of the macro mean (their F1 is undefined).
 */
export function classificationReport(
  gold: readonly string[],
  pred: readonly (string | null)[],
  labels: readonly string[],
): ClassReport {
  if (gold.length !== pred.length) throw new Error(`gold (${gold.length}) and pred (${pred.length}) differ in length`);
  const index = new Map(labels.map((l, i) => [l, i]));
  const support = new Array<number>(labels.length).fill(0);
  const predicted = new Array<number>(labels.length).fill(0);
  const tp = new Array<number>(labels.length).fill(0);
  let correct = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = index.get(gold[i]);
    const p = pred[i] === null ? undefined : index.get(pred[i] as string);
    if (g !== undefined) support[g]++;
    if (p !== undefined) predicted[p]++;
    if (g !== undefined && g === p) tp[g]++;
    if (gold[i] === pred[i]) correct++;
  }
  const classes: ClassScore[] = labels.map((label, i) => ({
    label,
    support: support[i],
    predicted: predicted[i],
    tp: tp[i],
    ...prf(tp[i], predicted[i] - tp[i], support[i] - tp[i]),
  }));
  const totalSupport = support.reduce((a, b) => a + b, 0);
  const defined = classes.filter((c) => c.support > 0 || c.predicted > 0);
  const sumTp = tp.reduce((a, b) => a + b, 0);
  const sumPred = predicted.reduce((a, b) => a + b, 0);
  return {
    classes,
    n: gold.length,
    accuracy: ratio(correct, gold.length),
    micro: prf(sumTp, sumPred - sumTp, totalSupport - sumTp),
    macroF1: ratio(
      defined.reduce((a, c) => a + c.f1, 0),
      defined.length,
    ),
    weightedF1: ratio(
      classes.reduce((a, c) => a + c.f1 * c.support, 0),
      totalSupport,
    ),
  };
}

/** A coded event: who did what to whom. Missing actors are null. */
export interface Triple {
  source: string | null;
  target: string | null;
  code: string;
}

export interface TripleScores extends Prf {
  tp: number;
  fp: number;
  fn: number;
  sentences: number;
  /** Sentences whose predicted triples equal the gold ones as multisets (including both empty). */
  exactSentences: number;
}

const norm = (s: string | null | undefined) => (s ?? "").trim().toUpperCase();
const tripleKey = (t: Triple) => `${norm(t.source)}\u0000${norm(t.target)}\u0000${norm(t.code)}`;

/** Matches triples per sentence as multisets (case-insensitive; null, undefined and "" actors are equal). */
export function matchTriples(gold: readonly Triple[], pred: readonly Triple[]): { tp: number; fp: number; fn: number } {
  const left = new Map<string, number>();
  for (const g of gold) left.set(tripleKey(g), (left.get(tripleKey(g)) ?? 0) + 1);
  let tp = 0;
  for (const p of pred) {
    const k = tripleKey(p);
    const n = left.get(k) ?? 0;
    if (n > 0) {
      tp++;
      left.set(k, n - 1);
    }
  }
  return { tp, fp: pred.length - tp, fn: gold.length - tp };
}

/** Micro-averaged triple precision/recall over all sentences. */
export function tripleScores(sentences: readonly { gold: readonly Triple[]; pred: readonly Triple[] }[]): TripleScores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let exact = 0;
  for (const s of sentences) {
    const m = matchTriples(s.gold, s.pred);
    tp += m.tp;
    fp += m.fp;
    fn += m.fn;
    if (m.fp === 0 && m.fn === 0) exact++;
  }
  return { tp, fp, fn, ...prf(tp, fp, fn), sentences: sentences.length, exactSentences: exact };
}

export interface OffsetSpan {
  start: number;
  end: number;
}

/** Whether two half-open spans share at least one character. */
export function spansOverlap(a: OffsetSpan, b: OffsetSpan): boolean {
  return a.start < b.end && b.start < a.end && a.start < a.end && b.start < b.end;
}

/** Scores a predicted span against the gold spans of one item: hit when it overlaps any of them. */
export interface SpanTally {
  /** Items with at least one gold span. */
  gold: number;
  /** Items where the system gave a span. */
  predicted: number;
  /** Items with gold spans where the predicted span overlaps one of them. */
  hits: number;
  /** Predicted spans overlapping no gold span (including items without gold). */
  misses: number;
}

export function emptySpanTally(): SpanTally {
  return { gold: 0, predicted: 0, hits: 0, misses: 0 };
}

export function tallySpan(t: SpanTally, gold: readonly OffsetSpan[], pred: OffsetSpan | null | undefined): void {
  if (gold.length > 0) t.gold++;
  if (!pred) return;
  t.predicted++;
  if (gold.some((g) => spansOverlap(g, pred))) t.hits++;
  else t.misses++;
}

/** recall = hits / items with gold spans; precision = hits / items with a predicted span. */
export function spanPrf(t: SpanTally): Prf {
  return prf(t.hits, t.predicted - t.hits, t.gold - t.hits);
}
