// PETRARCH2 unit-test records (PETR.UnitTest.records.derived.jsonl) and the triple scorer.
// Each record: {id, category, date, text, expected: [{sourcecode, targetcode, eventcode} | {} | {error}]}.
// `{}` means "no events"; `{error: …}` means the sentence is rejected (discard, bad parse, dateline) and
// also yields no events; a coding without sourcecode/targetcode has an actor outside the dictionaries.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PLOVER_TYPES } from "../../model/types.ts";
import { matchTriples, type Triple, type TripleScores, tripleScores } from "./metrics.ts";
import { requireFile } from "./paths.ts";
import type { PetrarchDictionaries } from "./petrarch-dict.ts";
import type { CameoPloverMap } from "./plover.ts";

export * from "./petrarch-dict.ts";

export function petrarchPaths(eventsDir: string) {
  const dir = join(eventsDir, "petrarch2");
  return { dir, records: join(dir, "PETR.UnitTest.records.derived.jsonl") };
}

/** One expected coding as written; all null for a `{}` (no events) entry. */
export interface PetrarchCoding {
  source: string | null;
  target: string | null;
  code: string | null;
  /** "storydiscard", "sentencediscard", "bad_input_parse", "dateline". */
  error?: string;
}

export interface PetrarchCase {
  /** The record id (null for some PARSING/ERROR records). */
  id: string | null;
  /** Position in the file (0-based). */
  index: number;
  category: string;
  /** YYYYMMDD, when given. */
  date: string | null;
  text: string;
  expected: PetrarchCoding[];
}

/** Parses the JSON-lines records: 284 sentences, 385 expected codings. */
export function parsePetrarchRecords(content: string): PetrarchCase[] {
  const out: PetrarchCase[] = [];
  for (const line of content.split(/\r?\n/)) {
    if (!line.trim()) continue;
    const r = JSON.parse(line);
    const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);
    out.push({
      id: str(r.id),
      index: out.length,
      category: String(r.category ?? ""),
      date: str(r.date),
      text: String(r.text ?? ""),
      expected: (Array.isArray(r.expected) ? r.expected : []).map((e: Record<string, unknown>) => ({
        source: str(e.sourcecode),
        target: str(e.targetcode),
        code: str(e.eventcode),
        ...(str(e.error) ? { error: str(e.error) as string } : {}),
      })),
    });
  }
  return out;
}

export function loadPetrarchRecords(path: string): PetrarchCase[] {
  return parsePetrarchRecords(readFileSync(requireFile(path), "utf8"));
}

/** The expected triples of a case: codings with an event code. */
export function goldTriples(c: PetrarchCase): Triple[] {
  return c.expected.filter((e) => e.code).map((e) => ({ source: e.source, target: e.target, code: e.code as string }));
}

export interface PetrarchMeta {
  id: string | null;
  /** YYYYMMDD: date restrictions in the actor dictionary depend on it. */
  date: string | null;
}

export type CodeTriples = (
  sentence: string,
  dicts: PetrarchDictionaries,
  meta: PetrarchMeta,
) => Triple[] | Promise<Triple[]>;

export interface PetrarchMetrics {
  sentences: number;
  codings: number;
  goldTriples: number;
  /** Gold triples with a null source or target (actor not in the dictionaries). */
  partialGold: number;
  /** Sentences expecting no events ({} or an error entry), and how many of those got none. */
  noEventSentences: number;
  noEventCorrect: number;
  /** Exact (source, target, CAMEO code) matching. */
  cameo: TripleScores;
  /**
   * Codes mapped to PLOVER types with CAMEO2PLOVER (a system may also answer PLOVER type names). Gold and
   * predicted triples whose code does not map are left out; their counts are given.
   */
  plover: (TripleScores & { unmappedGold: number; unmappedPred: number }) | null;
  perCategory: Record<string, { tp: number; fp: number; fn: number }>;
  /**
   * Groups of records with the same text and date but different expected codings (they test parse-tree errors
   * or configuration options): a coder that sees only the text cannot get all of them right.
   */
  sameTextGroups: number;
  errors: number;
  firstError?: string;
  ms: number;
}

function toPlover(t: Triple, map: CameoPloverMap): Triple | null {
  const c = t.code.trim().toUpperCase();
  const type = (PLOVER_TYPES as readonly string[]).includes(c) ? c : map.lookup(c)?.type;
  return type ? { ...t, code: type } : null;
}

export async function evaluatePetrarch(
  cases: readonly PetrarchCase[],
  dicts: PetrarchDictionaries,
  code: CodeTriples,
  cameoMap?: CameoPloverMap | null,
): Promise<PetrarchMetrics> {
  const t0 = performance.now();
  const pairs: { gold: Triple[]; pred: Triple[] }[] = [];
  const perCategory: Record<string, { tp: number; fp: number; fn: number }> = {};
  let errors = 0;
  let firstError: string | undefined;
  let noEventSentences = 0;
  let noEventCorrect = 0;
  for (const c of cases) {
    let pred: Triple[] = [];
    try {
      pred = (await code(c.text, dicts, { id: c.id, date: c.date })) ?? [];
    } catch (e) {
      errors++;
      firstError ??= `${c.id ?? `#${c.index}`}: ${(e as Error).message}`;
    }
    const gold = goldTriples(c);
    pairs.push({ gold, pred });
    if (gold.length === 0) {
      noEventSentences++;
      if (pred.length === 0) noEventCorrect++;
    }
    const m = matchTriples(gold, pred);
    perCategory[c.category] ??= { tp: 0, fp: 0, fn: 0 };
    const k = perCategory[c.category];
    k.tp += m.tp;
    k.fp += m.fp;
    k.fn += m.fn;
  }
  let plover: PetrarchMetrics["plover"] = null;
  if (cameoMap) {
    let unmappedGold = 0;
    let unmappedPred = 0;
    const mapped = pairs.map(({ gold, pred }) => {
      const g = gold.map((t) => toPlover(t, cameoMap));
      const p = pred.map((t) => toPlover(t, cameoMap));
      unmappedGold += g.filter((t) => !t).length;
      unmappedPred += p.filter((t) => !t).length;
      return { gold: g.filter((t): t is Triple => !!t), pred: p.filter((t): t is Triple => !!t) };
    });
    plover = { ...tripleScores(mapped), unmappedGold, unmappedPred };
  }
  const all = pairs.flatMap((p) => p.gold);
  const groups = new Map<string, Set<string>>();
  for (const c of cases) {
    const k = `${c.date}\u0000${c.text}`;
    const g = groups.get(k) ?? new Set<string>();
    g.add(JSON.stringify(c.expected));
    groups.set(k, g);
  }
  return {
    sentences: cases.length,
    codings: cases.reduce((a, c) => a + c.expected.length, 0),
    goldTriples: all.length,
    partialGold: all.filter((t) => !t.source || !t.target).length,
    noEventSentences,
    noEventCorrect,
    cameo: tripleScores(pairs),
    plover,
    perCategory,
    sameTextGroups: [...groups.values()].filter((g) => g.size > 1).length,
    errors,
    firstError,
    ms: performance.now() - t0,
  };
}
