// `sitrep eval events`: runs a system (and the trivial baseline) over the shared event-coding data and prints
// each suite's figures beside the published ones and the project's targets.
// Run alone: node --import tsx src/eval/events/run.ts [--shared DIR] [--suites case2021,petrarch,plover,ngec]
import { pathToFileURL } from "node:url";
import { baselineSystem } from "./baseline.ts";
import {
  type CaseMetrics,
  type CaseSnippet,
  case2021Name,
  case2021Paths,
  evaluateCase2021,
  loadCase2021,
} from "./case2021.ts";
import { ratio, spanPrf } from "./metrics.ts";
import {
  evaluateNgec,
  loadNgecHeadlines,
  loadNgecQuestionPairs,
  type NgecHeadline,
  type NgecMetrics,
  ngecPaths,
} from "./ngec.ts";
import { defaultSharedDir, eventsDir as findEventsDir } from "./paths.ts";
import {
  evaluatePetrarch,
  loadPetrarchDictionaries,
  loadPetrarchRecords,
  type PetrarchCase,
  type PetrarchDictionaries,
  type PetrarchMetrics,
  petrarchPaths,
} from "./petrarch.ts";
import {
  type CameoPloverMap,
  evaluatePlover,
  loadCameoPlover,
  loadPloverGsr,
  type PloverMetrics,
  type PloverRecord,
  ploverPaths,
} from "./plover.ts";
import type { EventSystem } from "./system.ts";

export { baselineSystem } from "./baseline.ts";
export type { EventSystem } from "./system.ts";

export type SuiteName = "case2021" | "petrarch" | "plover" | "ngec";
export const SUITES: readonly SuiteName[] = ["case2021", "petrarch", "plover", "ngec"];

/** Published figures and the issue's targets, printed beside the results. */
export const REFERENCE = {
  case2021: { bestSystemWeightedF1: 0.839, zeroShotEntailmentWeightedF1: 0.74, targetWeightedF1: 0.85 },
  petrarch: { targetPrecision: 0.9, targetRecall: 0.9 },
  plover: { targetTypeAccuracy: 0.85 },
} as const;

export type SuiteOutcome<M> =
  | { status: "ok"; metrics: M }
  /** The system has no function for this suite. */
  | { status: "not run" }
  /** The data could not be loaded (e.g. ../shared absent). */
  | { status: "skipped"; reason: string };

export interface SystemResult {
  name: string;
  description?: string;
  case2021: SuiteOutcome<CaseMetrics>;
  petrarch: SuiteOutcome<PetrarchMetrics>;
  plover: SuiteOutcome<PloverMetrics>;
  ngec: SuiteOutcome<NgecMetrics>;
}

export interface EventsEvalResult {
  shared: string;
  /** The directory the data was read from; null when not found. */
  eventsDir: string | null;
  suites: SuiteName[];
  /** The system under test first, then the baseline (unless disabled). */
  systems: SystemResult[];
  /** Facts about the loaded data, for the report. */
  data: {
    petrarchDictionaries?: {
      actors: number;
      agents: number;
      blocks: number;
      patterns: number;
      synsets: number;
      discards: number;
      warnings: string[];
    };
  };
}

export interface RunEventsEvalOptions {
  /** The shared directory (containing eval/events) or the eval/events directory itself. */
  shared: string;
  system: EventSystem;
  suites?: SuiteName[];
  /** A second system printed beside the first; defaults to the trivial baseline; false for none. */
  baseline?: EventSystem | false;
}

interface Loaded {
  case2021?: CaseSnippet[];
  petrarch?: { cases: PetrarchCase[]; dicts: PetrarchDictionaries; cameo: CameoPloverMap | null };
  plover?: PloverRecord[];
  ngec?: { headlines: NgecHeadline[]; pairs: { type: string; mode: string | null }[] };
}

function load(dir: string | null, suite: SuiteName, loaded: Loaded): string | null {
  if (!dir) return "shared evaluation data not found (looked for <shared>/eval/events; set SITREP_SHARED)";
  try {
    if (suite === "case2021") loaded.case2021 = loadCase2021(case2021Paths(dir).dev);
    else if (suite === "petrarch") {
      const p = petrarchPaths(dir);
      let cameo: CameoPloverMap | null = null;
      try {
        cameo = loadCameoPlover(ploverPaths(dir).cameo2plover);
      } catch {
        cameo = null;
      }
      loaded.petrarch = { cases: loadPetrarchRecords(p.records), dicts: loadPetrarchDictionaries(p.dir), cameo };
    } else if (suite === "plover") loaded.plover = loadPloverGsr(ploverPaths(dir).gsr);
    else {
      const p = ngecPaths(dir);
      let pairs: { type: string; mode: string | null }[] = [];
      try {
        pairs = loadNgecQuestionPairs(p.questions);
      } catch {
        pairs = [];
      }
      loaded.ngec = { headlines: loadNgecHeadlines(p.headlines), pairs };
    }
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

async function runSystem(
  system: EventSystem,
  suites: readonly SuiteName[],
  loaded: Loaded,
  skipped: Map<SuiteName, string>,
) {
  const notRun = { status: "not run" } as const;
  const r: SystemResult = {
    name: system.name,
    description: system.description,
    case2021: notRun,
    petrarch: notRun,
    plover: notRun,
    ngec: notRun,
  };
  for (const s of SUITES) {
    if (!suites.includes(s)) continue;
    const reason = skipped.get(s);
    if (reason) {
      r[s] = { status: "skipped", reason };
      continue;
    }
    if (s === "case2021" && system.classify && loaded.case2021)
      r.case2021 = { status: "ok", metrics: await evaluateCase2021(loaded.case2021, system.classify) };
    if (s === "petrarch" && system.codeTriples && loaded.petrarch) {
      const { cases, dicts, cameo } = loaded.petrarch;
      r.petrarch = { status: "ok", metrics: await evaluatePetrarch(cases, dicts, system.codeTriples, cameo) };
    }
    if (s === "plover" && system.codePlover && loaded.plover)
      r.plover = { status: "ok", metrics: await evaluatePlover(loaded.plover, system.codePlover) };
    if (s === "ngec" && system.codePlover && loaded.ngec)
      r.ngec = {
        status: "ok",
        metrics: await evaluateNgec(loaded.ngec.headlines, system.codePlover, loaded.ngec.pairs),
      };
  }
  return r;
}

/** Loads the suites' data from `shared` and runs the system (and the baseline) over them. */
export async function runEventsEval(opts: RunEventsEvalOptions): Promise<EventsEvalResult> {
  const suites = (opts.suites ?? [...SUITES]).filter((s) => SUITES.includes(s));
  const dir = findEventsDir(opts.shared);
  const loaded: Loaded = {};
  const skipped = new Map<SuiteName, string>();
  for (const s of suites) {
    const reason = load(dir, s, loaded);
    if (reason) skipped.set(s, reason);
  }
  const systems = [await runSystem(opts.system, suites, loaded, skipped)];
  const baseline = opts.baseline === undefined ? baselineSystem : opts.baseline;
  if (baseline && baseline !== opts.system) systems.push(await runSystem(baseline, suites, loaded, skipped));
  const d = loaded.petrarch?.dicts;
  return {
    shared: opts.shared,
    eventsDir: dir,
    suites,
    systems,
    data: d
      ? {
          petrarchDictionaries: {
            actors: d.actors.length,
            agents: d.agents.length,
            blocks: d.verbs.blocks.length,
            patterns: d.verbs.blocks.reduce((a, b) => a + b.patterns.length, 0),
            synsets: Object.keys(d.verbs.synsets).length,
            discards: d.discards.length,
            warnings: d.warnings,
          },
        }
      : {},
  };
}

// ---------------------------------------------------------------------------------------------
// Report

const f3 = (x: number) => x.toFixed(3);

function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) for (const [i, c] of r.entries()) widths[i] = Math.max(widths[i] ?? 0, c.length);
  return rows
    .map((r) => `  ${r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]))).join("  ")}`.trimEnd())
    .join("\n");
}

type Getter<M> = (m: M) => string;

function metricRows<M>(
  systems: readonly SystemResult[],
  pick: (s: SystemResult) => SuiteOutcome<M>,
  rows: [label: string, get: Getter<M>, reference: string][],
): string[][] {
  const head = ["metric", ...systems.map((s) => s.name), "published / target"];
  const body = rows.map(([label, get, ref]) => [
    label,
    ...systems.map((s) => {
      const o = pick(s);
      return o.status === "ok" ? get(o.metrics) : o.status;
    }),
    ref,
  ]);
  return [head, ...body];
}

function errorLines(
  systems: readonly SystemResult[],
  pick: (s: SystemResult) => SuiteOutcome<{ errors: number; firstError?: string }>,
) {
  const out: string[] = [];
  for (const s of systems) {
    const o = pick(s);
    if (o.status === "ok" && o.metrics.errors > 0)
      out.push(`  ${s.name}: ${o.metrics.errors} input(s) threw; first: ${o.metrics.firstError}`);
  }
  return out;
}

function skippedLine(
  systems: readonly SystemResult[],
  pick: (s: SystemResult) => SuiteOutcome<unknown>,
): string | null {
  const o = systems.map(pick).find((x) => x.status === "skipped");
  return o && o.status === "skipped" ? `  skipped: ${o.reason}` : null;
}

function firstOk<M>(systems: readonly SystemResult[], pick: (s: SystemResult) => SuiteOutcome<M>) {
  for (const s of systems) {
    const o = pick(s);
    if (o.status === "ok") return { system: s, metrics: o.metrics };
  }
  return null;
}

function formatCase(r: EventsEvalResult): string[] {
  const { systems } = r;
  const pick = (s: SystemResult) => s.case2021;
  const out = ["", "== CASE 2021 Task 2 dev: ACLED sub-type of a snippet =="];
  const skip = skippedLine(systems, pick);
  if (skip) return [...out, skip];
  const any = firstOk(systems, pick);
  if (any) {
    const m = any.metrics;
    const non = Object.entries(m.nonAcled)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
    out.push(
      `  ${m.snippets} snippets. Scored as in the shared task on the ${m.acled.n} whose gold label is one of the 25 ACLED`,
      `  classes; the ${m.snippets - m.acled.n} others are left out (${non}).`,
      "  An answer that is not one of the 25 classes (null, unknown, non-ACLED) is a miss for the gold class and a false",
      "  positive for none. Weighted F1 weights each class's F1 by its gold support; macro F1 is the plain mean.",
    );
  }
  const ref = REFERENCE.case2021;
  out.push(
    table(
      metricRows(systems, pick, [
        [
          "weighted F1 (25 ACLED classes)",
          (m) => f3(m.acled.weightedF1),
          `best CASE 2021 system ${ref.bestSystemWeightedF1} · zero-shot entailment ${ref.zeroShotEntailmentWeightedF1} · target ≥ ${ref.targetWeightedF1}`,
        ],
        ["macro F1", (m) => f3(m.acled.macroF1), ""],
        ["accuracy", (m) => f3(m.acled.accuracy), ""],
        ["weighted F1, all snippets (non-ACLED as distractors)", (m) => f3(m.withDistractors.weightedF1), ""],
        ["answers outside the 25 classes", (m) => String(Object.values(m.outside).reduce((a, b) => a + b, 0)), ""],
        ["time (ms)", (m) => m.ms.toFixed(0), ""],
      ]),
    ),
  );
  out.push(...errorLines(systems, pick));
  if (any) {
    out.push(`  per class (${any.system.name}, 25 ACLED classes):`);
    const rows = [["code", "ACLED sub-type", "support", "predicted", "P", "R", "F1"]];
    for (const c of any.metrics.acled.classes)
      rows.push([
        c.label,
        case2021Name(c.label),
        String(c.support),
        String(c.predicted),
        f3(c.precision),
        f3(c.recall),
        f3(c.f1),
      ]);
    out.push(table(rows).replace(/^ {2}/gm, "    "));
  }
  return out;
}

function formatPetrarch(r: EventsEvalResult): string[] {
  const { systems } = r;
  const pick = (s: SystemResult) => s.petrarch;
  const out = ["", "== PETRARCH2 unit tests: (source, target, CAMEO code) triples =="];
  const skip = skippedLine(systems, pick);
  if (skip) return [...out, skip];
  const any = firstOk(systems, pick);
  const d = r.data.petrarchDictionaries;
  if (any) {
    const m = any.metrics;
    out.push(
      `  ${m.sentences} sentences, ${m.codings} expected codings, ${m.goldTriples} gold triples (${m.partialGold} with an actor outside the`,
      `  dictionaries, scored as a null actor), ${m.noEventSentences} sentences expecting no event. Triples are matched per sentence`,
      "  as multisets and summed over all sentences.",
      `  ${m.sameTextGroups} groups of records share text and date but expect different codings (parse-tree errors,`,
      "  configuration options): a coder that sees only the text cannot get all of them right.",
    );
  }
  if (d)
    out.push(
      `  dictionaries: ${d.actors} actors, ${d.agents} agents, ${d.blocks} verb blocks with ${d.patterns} patterns, ${d.synsets} synsets, ${d.discards} discards` +
        (d.warnings.length ? `; ${d.warnings.length} parser warning(s)` : ""),
    );
  const ref = REFERENCE.petrarch;
  out.push(
    table(
      metricRows(systems, pick, [
        [
          "triple precision",
          (m) => f3(m.cameo.precision),
          `target ≥ ${ref.targetPrecision} (PETRARCH2 itself passes all)`,
        ],
        ["triple recall", (m) => f3(m.cameo.recall), `target ≥ ${ref.targetRecall}`],
        ["triple F1", (m) => f3(m.cameo.f1), ""],
        ["sentences exactly right", (m) => `${m.cameo.exactSentences}/${m.sentences}`, ""],
        ["no-event sentences left empty", (m) => `${m.noEventCorrect}/${m.noEventSentences}`, ""],
        [
          "PLOVER-level triple P / R",
          (m) => (m.plover ? `${f3(m.plover.precision)} / ${f3(m.plover.recall)}` : "n/a"),
          "codes mapped with CAMEO2PLOVER-2021",
        ],
        ["time (ms)", (m) => m.ms.toFixed(0), ""],
      ]),
    ),
  );
  if (any?.metrics.plover)
    out.push(
      `  PLOVER level: ${any.metrics.plover.unmappedGold} gold triples have codes CAMEO2PLOVER cannot map (the validation dictionary is`,
      "  mostly WEIS-coded) and are left out.",
    );
  out.push(...errorLines(systems, pick));
  return out;
}

function formatPlover(r: EventsEvalResult): string[] {
  const { systems } = r;
  const pick = (s: SystemResult) => s.plover;
  const out = ["", "== PLOVER gold standard records: event type, mode, actor spans =="];
  const skip = skippedLine(systems, pick);
  if (skip) return [...out, skip];
  const any = firstOk(systems, pick);
  if (any) {
    const m = any.metrics;
    out.push(
      `  ${m.records} records (v0.5 names mapped: DEMAND→REQUEST, DISAPPROVE/INVESTIGATE→ACCUSE, FIGHT→ASSAULT); ${m.modeRecords} give a mode`,
      "  (a mode counts only with the right type). Spans: a predicted source/target hits when it overlaps a gold SRC/TAR",
      `  span; recall over records with a gold span, precision over records with a predicted span. ${m.alignedRecords} records' markup`,
      "  differs from their text; their spans were moved by character alignment. Some texts are gold for two events of",
      `  different types: one answer per text can reach at most ${m.typeCeiling}/${m.records} = ${f3(m.typeCeiling / m.records)} type accuracy.`,
    );
  }
  const sp = (t: PloverMetrics["source"]) => {
    const p = spanPrf(t);
    return `${f3(p.recall)} / ${f3(p.precision)}`;
  };
  out.push(
    table(
      metricRows(systems, pick, [
        ["type accuracy", (m) => f3(m.typeAccuracy), `target ≥ ${REFERENCE.plover.targetTypeAccuracy}`],
        ["mode accuracy (where given)", (m) => f3(m.modeAccuracy), ""],
        ["source span overlap R / P", (m) => sp(m.source), ""],
        ["target span overlap R / P", (m) => sp(m.target), ""],
        ["time (ms)", (m) => m.ms.toFixed(0), ""],
      ]),
    ),
  );
  if (any) {
    const rows = [["gold type", "n", ...systems.map((s) => s.name)]];
    for (const [t, v] of Object.entries(any.metrics.perType).sort((a, b) => b[1].n - a[1].n))
      rows.push([
        t,
        String(v.n),
        ...systems.map((s) =>
          s.plover.status === "ok" ? f3(ratio(s.plover.metrics.perType[t]?.correct ?? 0, v.n)) : "-",
        ),
      ]);
    out.push("  type accuracy per gold type:", table(rows).replace(/^ {2}/gm, "    "));
  }
  out.push(...errorLines(systems, pick));
  return out;
}

function formatNgec(r: EventsEvalResult): string[] {
  const { systems } = r;
  const pick = (s: SystemResult) => s.ngec;
  const out = ["", "== NGEC headline templates (smoke, not gold) =="];
  const skip = skippedLine(systems, pick);
  if (skip) return [...out, skip];
  const any = firstOk(systems, pick);
  if (any)
    out.push(
      `  ${any.metrics.headlines} hand-written templates, placeholders filled with fixed names; ${any.metrics.modeHeadlines} give a mode.`,
    );
  out.push(
    table(
      metricRows(systems, pick, [
        ["type accuracy", (m) => f3(m.typeAccuracy), "smoke, not gold"],
        ["mode accuracy (where given)", (m) => f3(m.modeAccuracy), "smoke, not gold"],
      ]),
    ),
  );
  if (any?.metrics.unknownModes.length)
    out.push(`  NGEC modes not in data/taxonomy/plover.json: ${any.metrics.unknownModes.join(", ")}`);
  out.push(...errorLines(systems, pick));
  return out;
}

/** A plain-text report: per suite, each system's figures beside the published ones and the targets. */
export function formatEventsEval(result: EventsEvalResult): string {
  const lines = [
    "sitrep eval events",
    `shared data: ${result.eventsDir ?? `${result.shared} (eval/events not found)`}`,
  ];
  lines.push("systems:");
  for (const s of result.systems) lines.push(`  ${s.name}${s.description ? ` — ${s.description}` : ""}`);
  if (result.suites.includes("case2021")) lines.push(...formatCase(result));
  if (result.suites.includes("petrarch")) lines.push(...formatPetrarch(result));
  if (result.suites.includes("plover")) lines.push(...formatPlover(result));
  if (result.suites.includes("ngec")) lines.push(...formatNgec(result));
  return `${lines.join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------------
// Command line

/** Parses `--shared DIR --suites a,b`, runs `system` (the baseline when omitted) and prints the report. */
export async function runEventsCli(args: readonly string[], system: EventSystem = baselineSystem): Promise<number> {
  let shared = defaultSharedDir();
  let suites: SuiteName[] | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--shared" && args[i + 1]) shared = args[++i];
    else if (args[i] === "--suites" && args[i + 1]) {
      const list = args[++i].split(",").map((s) => s.trim());
      const bad = list.filter((s) => !SUITES.includes(s as SuiteName));
      if (bad.length) {
        process.stderr.write(`unknown suite(s): ${bad.join(", ")} (known: ${SUITES.join(", ")})\n`);
        return 2;
      }
      suites = list as SuiteName[];
    } else {
      process.stderr.write(`usage: eval events [--shared DIR] [--suites ${SUITES.join(",")}]\n`);
      return 2;
    }
  }
  const result = await runEventsEval({ shared, system, suites });
  process.stdout.write(formatEventsEval(result));
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runEventsCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
