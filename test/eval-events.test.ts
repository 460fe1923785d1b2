// The event evaluation: metrics on toy data, the PETRARCH dictionary parsers on snippets written here,
// markup stripping, and (when ../shared is present) the loaders' counts and the runner end to end.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { baselineSystem, dictionaryTokens } from "../src/eval/events/baseline.ts";
import {
  case2021CodeFor,
  case2021Paths,
  evaluateCase2021,
  loadCase2021,
  loadCase2021Note,
  parseTsv,
} from "../src/eval/events/case2021.ts";
import { classificationReport, matchTriples, spansOverlap, tripleScores } from "../src/eval/events/metrics.ts";
import { fillTemplate, loadNgecHeadlines, ngecPaths, parseCsv } from "../src/eval/events/ngec.ts";
import { eventsDir, MissingDataError } from "../src/eval/events/paths.ts";
import {
  actorCodeAt,
  buildPetrarchDictionaries,
  evaluatePetrarch,
  findDiscard,
  goldTriples,
  loadPetrarchDictionaries,
  loadPetrarchRecords,
  parseActors,
  parseAgents,
  parseDiscards,
  parseVerbs,
  petrarchPaths,
  stripComments,
  verbInflections,
} from "../src/eval/events/petrarch.ts";
import {
  evaluatePlover,
  loadCameoPlover,
  loadPloverGsr,
  parseCameoPlover,
  ploverPaths,
  projectSpans,
  stripMarkup,
} from "../src/eval/events/plover.ts";
import { formatEventsEval, runEventsEval } from "../src/eval/events/run.ts";
import { case2021AcledCodes } from "../src/model/taxonomy.ts";

const SHARED = process.env.SITREP_SHARED || fileURLToPath(new URL("../../shared", import.meta.url));
const EVENTS = existsSync(SHARED) ? eventsDir(SHARED) : null;

// ---------------------------------------------------------------------------------------------
// Metrics

test("classification report: weighted vs macro F1", () => {
  const gold = ["A", "A", "A", "A", "B", "C"];
  const pred = ["A", "A", "A", "A", "A", "C"];
  const r = classificationReport(gold, pred, ["A", "B", "C"]);
  const a = r.classes[0];
  assert.equal(a.support, 4);
  assert.equal(a.predicted, 5);
  assert.ok(Math.abs(a.precision - 0.8) < 1e-9);
  assert.equal(a.recall, 1);
  const f1A = (2 * 0.8) / 1.8;
  assert.ok(Math.abs(r.weightedF1 - (4 * f1A + 0 + 1) / 6) < 1e-9);
  assert.ok(Math.abs(r.macroF1 - (f1A + 0 + 1) / 3) < 1e-9);
  assert.ok(r.weightedF1 > r.macroF1, "the majority class dominates the weighted mean");
  assert.ok(Math.abs(r.accuracy - 5 / 6) < 1e-9);
});

test("classification report: answers and gold outside the label set", () => {
  // X is outside the labels: a prediction of X is a miss, not a false positive; gold X only adds false positives.
  const r = classificationReport(["A", "B", "X"], ["X", null, "A"], ["A", "B"]);
  assert.equal(r.classes[0].support, 1);
  assert.equal(r.classes[0].predicted, 1);
  assert.equal(r.classes[0].tp, 0);
  assert.equal(r.classes[1].predicted, 0);
  assert.equal(r.weightedF1, 0);
  // A label with neither gold nor predictions is left out of the macro mean.
  const r2 = classificationReport(["A"], ["A"], ["A", "B"]);
  assert.equal(r2.macroF1, 1);
  assert.equal(r2.weightedF1, 1);
});

test("triples: multiset matching and micro P/R over sentences", () => {
  const t = (source: string | null, target: string | null, code: string) => ({ source, target, code });
  assert.deepEqual(matchTriples([t("A", "B", "01"), t("A", "B", "01")], [t("a", "b", "01")]), { tp: 1, fp: 0, fn: 1 });
  assert.deepEqual(matchTriples([t(null, "B", "02")], [t("", "B", "02")]), { tp: 1, fp: 0, fn: 0 });
  const s = tripleScores([
    { gold: [t("A", "B", "01")], pred: [t("A", "B", "01"), t("B", "A", "02")] },
    { gold: [t("C", "D", "03")], pred: [] },
    { gold: [], pred: [] },
  ]);
  assert.deepEqual([s.tp, s.fp, s.fn], [1, 1, 1]);
  assert.equal(s.precision, 0.5);
  assert.equal(s.recall, 0.5);
  assert.equal(s.exactSentences, 1);
});

test("span overlap", () => {
  assert.ok(spansOverlap({ start: 0, end: 5 }, { start: 4, end: 9 }));
  assert.ok(!spansOverlap({ start: 0, end: 5 }, { start: 5, end: 9 }));
  assert.ok(!spansOverlap({ start: 3, end: 3 }, { start: 0, end: 9 }));
});

// ---------------------------------------------------------------------------------------------
// PETRARCH dictionary formats (snippets written for this test)

const ACTORS = `<!-- test actors
     spanning lines -->
KESTREL_REPUBLIC  [KST]  # a comment
+KESTRELIAN
+KESTREL_CITY
HARBOUR GUARD [KSTMIL]
OLD_DUKE_OSRIC   # restricted codes below
+DUKE_OSRIC
\t[KSTELI <900101]
\t[KSTGOV 19900101 - 19991231]
\t[KSTREB >000101]
NORTHMARK
\t[NRM]
#FORGOTTEN [XXX]
<! -- sloppy comment -->
`;

test("actors: entries, aliases, codes on their own lines, date restrictions, comments", () => {
  const warnings: string[] = [];
  const a = parseActors(ACTORS, "t", warnings);
  assert.deepEqual(warnings, []);
  assert.deepEqual(
    a.map((e) => e.phrase.words.join(" ")),
    ["KESTREL REPUBLIC", "HARBOUR GUARD", "OLD DUKE OSRIC", "NORTHMARK"],
  );
  assert.deepEqual(
    a[0].aliases.map((p) => p.words),
    [["KESTRELIAN"], ["KESTREL", "CITY"]],
  );
  assert.equal(actorCodeAt(a[0], "19950101"), "KST");
  const duke = a[2];
  assert.deepEqual(duke.codes[0], { code: "KSTELI", from: null, to: "19900101" });
  assert.deepEqual(duke.codes[2], { code: "KSTREB", from: "20000101", to: null });
  assert.equal(actorCodeAt(duke, "19850601"), "KSTELI");
  assert.equal(actorCodeAt(duke, "950601"), "KSTGOV");
  assert.equal(actorCodeAt(duke, "20050101"), "KSTREB");
  assert.equal(actorCodeAt(duke, null), null, "no default code and no date");
  assert.equal(actorCodeAt(a[3]), "NRM");
});

const AGENTS = `!OFFICER! = OFFICER, OFFICERS
HARBOUR_MASTER [~GOV] # comment
TOWN_CRIER {} [~MED]
GOOSE_HERD {GEESE_HERDS} [~AGR]
AID_AGENCY  [ NGO~]
POLICE!OFFICER! [~COP]
NIGHT WATCH [~COP]
`;

test("agents: plurals, {} and {…}, ~ position, substitution markers, gaps", () => {
  const g = parseAgents(AGENTS);
  const by = (w: string) => g.find((e) => e.phrase.words.join("_") === w);
  assert.deepEqual(
    by("HARBOUR_MASTER")?.plurals.map((p) => p.words),
    [["HARBOUR", "MASTERS"]],
  );
  assert.deepEqual(by("TOWN_CRIER")?.plurals, []);
  assert.deepEqual(
    by("GOOSE_HERD")?.plurals.map((p) => p.words),
    [["GEESE", "HERDS"]],
  );
  assert.deepEqual(by("AID_AGENCY")?.plurals[0].words, ["AID", "AGENCIES"]);
  assert.equal(by("AID_AGENCY")?.position, "prefix");
  assert.equal(by("AID_AGENCY")?.code, "NGO");
  assert.equal(by("HARBOUR_MASTER")?.position, "suffix");
  assert.ok(by("POLICEOFFICER") && by("POLICEOFFICERS"));
  assert.deepEqual(by("POLICEOFFICER")?.plurals, []);
  assert.deepEqual(by("NIGHT_WATCH")?.phrase.gaps, [true], "a blank lets other words in between");
  assert.deepEqual(by("HARBOUR_MASTER")?.phrase.gaps, [false]);
});

const VERBS = `<!-- test verbs -->
&WEAPONS_
+CANNON
+STONE_THROWER

&KIT
+SHIELD
+&WEAPONS

--- BOMBARD  [195]  ---
BOMBARD    # comment
PELT {PELTS PELTED PELTING}
+BLAST_AWAY {+BLASTS_AWAY +BLASTED_AWAY}
TOWN_+RAZE [196]
- $ * + WITH &WEAPONS [194]
- FAILED_TO_* [---]
- % * ^ AT_ONCE [190:191]

--- GREET  [032:033] # NOUN ---
GREET
- * WARMLY  [051]
`;

test("verbs: synsets, blocks, verb forms, multi-word verbs, patterns", () => {
  const warnings: string[] = [];
  const v = parseVerbs(VERBS, "t", warnings);
  assert.deepEqual(warnings, []);
  assert.deepEqual(
    v.synsets.WEAPONS.phrases.map((p) => p.words.join(" ")),
    ["CANNON", "STONE THROWER"],
    "label ending in _: no plurals",
  );
  assert.deepEqual(
    v.synsets.KIT.phrases.map((p) => p.words.join(" ")),
    ["SHIELD", "SHIELDS", "CANNON", "STONE THROWER"],
    "nested synset expanded",
  );
  const [bombard, greet] = v.blocks;
  assert.equal(bombard.name, "BOMBARD");
  assert.deepEqual(bombard.code, { code: "195", reciprocal: null });
  assert.deepEqual(greet.code, { code: "032", reciprocal: "033" });
  const forms = (i: number) => bombard.verbs[i].forms.map((f) => f.words.join(" "));
  assert.deepEqual(forms(0), ["BOMBARD", "BOMBARDS", "BOMBARDED", "BOMBARDING"]);
  assert.deepEqual(forms(1), ["PELT", "PELTS", "PELTED", "PELTING"]);
  assert.deepEqual(forms(2), ["BLAST AWAY", "BLASTS AWAY", "BLASTED AWAY"]);
  assert.equal(bombard.verbs[2].head, 0);
  assert.equal(bombard.verbs[3].head, 1);
  assert.deepEqual(bombard.verbs[3].code, { code: "196", reciprocal: null });
  assert.deepEqual(forms(3), ["TOWN RAZE", "TOWN RAZES", "TOWN RAZED", "TOWN RAZING"]);
  const [p0, p1, p2] = bombard.patterns;
  assert.deepEqual(
    p0.tokens.map((k) => k.kind),
    ["source", "verb", "target", "word", "synset"],
  );
  assert.equal(p0.verbIndex, 1);
  assert.deepEqual(p0.code, { code: "194", reciprocal: null });
  assert.deepEqual(
    p1.tokens.map((k) => [k.kind, k.joined]),
    [
      ["word", true],
      ["word", true],
      ["verb", false],
    ],
  );
  assert.deepEqual(p1.code.code, "---");
  assert.deepEqual(
    p2.tokens.map((k) => k.kind),
    ["compound", "verb", "skip", "word", "word"],
  );
  assert.deepEqual(p2.code, { code: "190", reciprocal: "191" });
});

test("discards, comments, inflections and the indexes", () => {
  const d = parseDiscards("+HORSE RACE  # story\nCHESS_MATCH ; legacy comment\n");
  assert.deepEqual(
    d.map((x) => [x.phrase, x.scope]),
    [
      ["HORSE RACE", "story"],
      ["CHESS MATCH", "sentence"],
    ],
  );
  assert.equal(findDiscard("Kestrel won the horse race.", d)?.scope, "story");
  assert.equal(findDiscard("A seahorse raced.", d), null);
  assert.deepEqual(
    stripComments("A [###] # c\nB <!-- x --> C").map((l) => l.text),
    ["A [###]", "B  C"],
  );
  assert.deepEqual(verbInflections("DENY"), ["DENIES", "DENIED", "DENYING"]);
  assert.deepEqual(verbInflections("ARRIVE"), ["ARRIVES", "ARRIVED", "ARRIVING"]);
  const dicts = buildPetrarchDictionaries({ actors: ACTORS, agents: AGENTS, verbs: VERBS, discards: "" });
  const toks = dictionaryTokens("Kestrel City's harbour masters pelted Northmark.");
  const at = toks.indexOf("KESTREL");
  assert.equal(dicts.actorIndex.longestAt(toks, at)?.length, 2);
  assert.equal(dicts.agentIndex.longestAt(toks, toks.indexOf("HARBOUR"))?.values[0].code, "GOV");
  assert.equal(dicts.verbIndex.longestAt(toks, toks.indexOf("PELTED"))?.values[0].block.name, "BOMBARD");
});

// ---------------------------------------------------------------------------------------------
// PLOVER markup, CAMEO → PLOVER, CSV/TSV

test("markup stripping keeps offsets", () => {
  const m = "The (SRC: Blue Army (BA)) (EVT: shelled ) (LOC:(TAR: Redtown)) on Monday, (SRC/TAR: both} said.";
  const { text, spans } = stripMarkup(m);
  assert.equal(text, "The Blue Army (BA) shelled  Redtown on Monday, both said.");
  for (const s of spans) assert.equal(text.slice(s.start, s.end), s.text);
  const by = (role: string) => spans.filter((s) => s.role === role).map((s) => s.text);
  assert.deepEqual(by("source"), ["Blue Army (BA)", "both"]);
  assert.deepEqual(by("target"), ["Redtown", "both"]);
  assert.deepEqual(by("event"), ["shelled"]);
  assert.deepEqual(by("location"), ["Redtown"]);
  const stray = stripMarkup("(SRC: A) said) it");
  assert.equal(stray.text, "A said) it");
});

test("spans move onto a text that differs from the markup", () => {
  const { text, spans } = stripMarkup("(SRC: Isreal) (EVT: will evacuate) the (TAR: Gaza Strip).");
  const real = "Under the plan, Israel will evacuate the Gaza Strip.";
  const moved = projectSpans(spans, text, real);
  assert.deepEqual(
    moved.map((s) => s.text),
    ["Israel", "will evacuate", "Gaza Strip"],
  );
  for (const s of moved) assert.equal(real.slice(s.start, s.end), s.text);
});

test("CAMEO → PLOVER table format and prefix lookup", () => {
  const map = parseCameoPlover(
    "# comment\n19: ASSAULT\n190: ASSAULT, , military # Use force\n194: ASSAULT, heavy-weapons, military; cbrn # x\n10: REQUEST\n",
  );
  assert.equal(map.entries.length, 4);
  assert.deepEqual(map.lookup("194")?.contexts, ["military", "cbrn"]);
  assert.equal(map.lookup("1941")?.mode, "heavy-weapons");
  assert.equal(map.lookup("199")?.cameo, "19");
  assert.equal(map.lookup("102b")?.type, "REQUEST");
  assert.equal(map.lookup("223"), null);
});

test("TSV/CSV with quoting; CASE answers to codes", () => {
  const rows = parseTsv('id\ttext\tlabel\r\n1\t"He said ""go"", then left"\tX\r\n2\tplain\tY\r\n');
  assert.deepEqual(rows[1], ["1", 'He said "go", then left', "X"]);
  assert.equal(rows.length, 3);
  assert.deepEqual(parseCsv('a,b\n"x, y",z\n')[1], ["x, y", "z"]);
  assert.equal(fillTemplate("{country_1} shells {city}", { country_1: "A", city: "B" }), "A shells B");
  assert.equal(case2021CodeFor("Air/drone strike"), "AIR_STRIKE");
  assert.equal(case2021CodeFor("air/drone STRIKE"), "AIR_STRIKE");
  assert.equal(case2021CodeFor("GRENADE"), "GRENADE");
  assert.equal(case2021CodeFor("DIPLO"), "DIPLO");
  assert.equal(case2021CodeFor("Airstrike"), null);
  assert.equal(case2021CodeFor(null), null);
});

test("CASE scorer on toy snippets", async () => {
  const snippets = [
    { id: "1", text: "jets struck", label: "AIR_STRIKE" },
    { id: "2", text: "jets struck again", label: "AIR_STRIKE" },
    { id: "3", text: "a flood", label: "NATURAL_DISASTER" },
  ];
  const m = await evaluateCase2021(snippets, () => "Air/drone strike");
  assert.equal(m.acled.n, 2);
  assert.equal(m.acled.weightedF1, 1);
  assert.ok(m.withDistractors.weightedF1 < 1, "the flood predicted as an air strike is a false positive there");
  assert.deepEqual(m.nonAcled, { NATURAL_DISASTER: 1 });
});

// ---------------------------------------------------------------------------------------------
// With ../shared

test("CASE 2021 dev: 509 snippets; the note's 25 codes are the taxonomy's", (t) => {
  if (!EVENTS) return t.skip("../shared not found");
  const p = case2021Paths(EVENTS);
  const s = loadCase2021(p.dev);
  assert.equal(s.length, 509);
  assert.ok(s.every((x) => x.text && x.label));
  const note = loadCase2021Note(p.note);
  assert.deepEqual([...note.acled].sort(), [...case2021AcledCodes].sort());
  assert.deepEqual([...note.nonAcled].sort(), [
    "ATTRIB",
    "DIPLO",
    "MAN_MADE_DISASTER",
    "NATURAL_DISASTER",
    "ORG_CRIME",
  ]);
  const labels = new Set(s.map((x) => x.label));
  assert.ok([...labels].every((l) => note.acled.includes(l) || note.nonAcled.includes(l)));
});

test("PETRARCH: 284 sentences, 385 codings; dictionaries parse cleanly", (t) => {
  if (!EVENTS) return t.skip("../shared not found");
  const p = petrarchPaths(EVENTS);
  const cases = loadPetrarchRecords(p.records);
  assert.equal(cases.length, 284);
  assert.equal(
    cases.reduce((a, c) => a + c.expected.length, 0),
    385,
  );
  assert.ok(cases.reduce((a, c) => a + goldTriples(c).length, 0) > 300);
  const d = loadPetrarchDictionaries(p.dir);
  assert.deepEqual(d.warnings, []);
  assert.ok(d.actors.length > 100 && d.agents.length > 80 && d.verbs.blocks.length > 200);
  const gollum = d.actors.find((a) => a.aliases.some((x) => x.words[0] === "SMEAGOL"));
  assert.ok(gollum && gollum.codes.length === 3);
  assert.ok(d.discards.some((x) => x.scope === "story") && d.discards.some((x) => x.scope === "sentence"));
});

test("PETRARCH: an oracle scores 1 on triples", async (t) => {
  if (!EVENTS) return t.skip("../shared not found");
  const p = petrarchPaths(EVENTS);
  const cases = loadPetrarchRecords(p.records);
  let next = 0;
  const m = await evaluatePetrarch(cases, loadPetrarchDictionaries(p.dir), () => goldTriples(cases[next++]));
  assert.equal(m.cameo.precision, 1);
  assert.equal(m.cameo.recall, 1);
  assert.equal(m.noEventCorrect, m.noEventSentences);
});

test("PLOVER: 322 gold records; CAMEO2PLOVER loads", async (t) => {
  if (!EVENTS) return t.skip("../shared not found");
  const recs = loadPloverGsr(ploverPaths(EVENTS).gsr);
  assert.equal(recs.length, 322);
  for (const r of recs) for (const s of r.spans) assert.equal(r.text.slice(s.start, s.end), s.text);
  assert.ok(recs.filter((r) => r.spans.some((s) => s.role === "source")).length > 300);
  const map = loadCameoPlover(ploverPaths(EVENTS).cameo2plover);
  assert.equal(map.lookup("0874")?.type, "RETREAT");
  assert.equal(map.lookup("195")?.mode, "heavy-weapons");
  // An oracle answering each record in turn (a few texts carry two gold events of different types).
  const seen = new Map<string, number>();
  const perfect = await evaluatePlover(recs, (text) => {
    const k = seen.get(text) ?? 0;
    seen.set(text, k + 1);
    const r = recs.filter((x) => x.text === text)[k];
    return r ? { type: r.type, mode: r.mode } : null;
  });
  assert.equal(perfect.typeAccuracy, 1);
  assert.ok(perfect.typeCeiling < 322 && perfect.typeCeiling > 310);
  assert.equal(perfect.modeAccuracy, 1);
});

test("NGEC headlines load", (t) => {
  if (!EVENTS) return t.skip("../shared not found");
  const h = loadNgecHeadlines(ngecPaths(EVENTS).headlines);
  assert.equal(h.length, 375);
  assert.ok(h.every((x) => !x.text.includes("{")));
});

test("runner end to end with the baseline", async (t) => {
  if (!EVENTS) return t.skip("../shared not found");
  const r = await runEventsEval({ shared: SHARED, system: { name: "empty" } });
  assert.equal(r.systems.length, 2);
  const [empty, base] = r.systems;
  assert.equal(empty.case2021.status, "not run");
  for (const s of ["case2021", "petrarch", "plover", "ngec"] as const) assert.equal(base[s].status, "ok", s);
  if (base.case2021.status === "ok") {
    assert.equal(base.case2021.metrics.acled.n, 421);
    assert.ok(base.case2021.metrics.acled.weightedF1 < 0.1);
  }
  if (base.petrarch.status === "ok") assert.equal(base.petrarch.metrics.codings, 385);
  const text = formatEventsEval(r);
  for (const needle of [
    "CASE 2021",
    "0.839",
    "0.74",
    "≥ 0.85",
    "PETRARCH2",
    "≥ 0.9",
    "PLOVER",
    "smoke, not gold",
    "not run",
  ])
    assert.ok(text.includes(needle), needle);
  assert.ok(text.includes("Shelling/artillery/missile attack"), "per-class table");
  const only = await runEventsEval({ shared: SHARED, system: baselineSystem, suites: ["plover"] });
  assert.equal(only.systems.length, 1);
  assert.equal(only.systems[0].case2021.status, "not run");
});

test("runner without shared data says so", async () => {
  const r = await runEventsEval({ shared: "/nonexistent/shared", system: baselineSystem });
  assert.equal(r.eventsDir, null);
  const s = r.systems[0].case2021;
  assert.equal(s.status, "skipped");
  assert.match(formatEventsEval(r), /skipped: shared evaluation data not found/);
  assert.throws(() => loadCase2021("/nonexistent/dev.tsv"), MissingDataError);
});

// ---------------------------------------------------------------------------------------------
// sitrep's own system (sitrep-system.ts, petrarch-coder.ts), on sentences and dictionaries written here

import { codePetrarchTriples } from "../src/eval/events/petrarch-coder.ts";
import { classifySnippet, codePloverText, sitrepSystem } from "../src/eval/events/sitrep-system.ts";

test("sitrep classifies a snippet by its most salient occurred event, or answers null", () => {
  assert.equal(
    classifySnippet("Police fired tear gas to disperse striking teachers in the capital."),
    "Protest with intervention",
  );
  assert.equal(
    classifySnippet("Gunmen killed four villagers on Sunday. A car bomb exploded near the market an hour later."),
    "Remote explosive/landmine/IED",
  );
  assert.equal(classifySnippet("The army is expected to attack the town next week."), null);
  assert.equal(classifySnippet("The weather was mild on Tuesday."), null);
});

test("sitrep codes PLOVER: the main event, stated intentions as AGREE/THREATEN, spans without a dictionary", () => {
  const text = "Finland will give Tanzania a grant of ten million dollars.";
  const p = codePloverText(text);
  assert.equal(p?.type, "AGREE");
  assert.equal(text.slice(p?.source?.start, p?.source?.end), "Finland");
  assert.equal(codePloverText("Rebel leaders said they would blockade the port.")?.type, "THREATEN");
  const phone = codePloverText("  The minister telephoned his counterpart in Amman.");
  assert.deepEqual([phone?.type, phone?.mode], ["CONSULT", "phone"]);
  assert.equal(sitrepSystem.name, "sitrep");
});

const TOY = buildPetrarchDictionaries({
  actors: "GONDOR [GON]\nMORDOR [MOR]\nOSGILIATH [OSG]\n",
  agents: "GOVERNMENT [~GOV]\nSOLDIER [~MIL]\n",
  verbs: "--- ATTACK [190] ---\nATTACK\n- * WITH ARTILLERY [195]\n\n--- MEET [031:032] ---\nMEET {MET}\n",
  discards: "BASEBALL\n",
});
const code = (s: string) =>
  codePetrarchTriples(s, TOY, { id: null, date: null }).map((t) => `${t.source}>${t.target}:${t.code}`);

test("sitrep's PETRARCH coder: subject and object, agents, patterns, reciprocal codes", () => {
  assert.deepEqual(code("Gondor attacked Mordor on Monday."), ["GON>MOR:190"]);
  assert.deepEqual(code("Gondor attacked Mordor with artillery."), ["GON>MOR:195"]);
  assert.deepEqual(code("The Gondor government met Osgiliath."), ["GONGOV>OSG:031", "OSG>GONGOV:032"]);
  assert.deepEqual(code("Soldiers from Mordor attacked Gondor."), ["MORMIL>GON:190"]);
});

test("sitrep's PETRARCH coder: coordination, passive voice, discards, subordinate clauses", () => {
  assert.deepEqual(code("Mordor and Osgiliath attacked Gondor."), ["MOR>GON:190", "OSG>GON:190"]);
  assert.deepEqual(code("Gondor was attacked by Mordor."), ["MOR>GON:190"]);
  assert.deepEqual(code("Gondor attacked Mordor during a baseball game."), []);
  assert.deepEqual(code("Gondor met Osgiliath after Mordor attacked."), ["GON>OSG:031", "OSG>GON:032"]);
});
