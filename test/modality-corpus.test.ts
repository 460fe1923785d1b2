// The event-coder issue's corpus check: over ../shared/corpus/fakes.jsonl (all FA-KES articles, through the real
// pipeline), no event with modality "occurred" has a trigger governed by the future tense, a conditional, or the
// cue words expected/expects/plans/planned/may/might/could/would/will. Skipped, saying so, without ../shared.
//
// The detector below is written here on purpose and shares nothing with sitrep's modality code (no lexicon, no
// sentence or clause splitter of sitrep's): if it called sitrep's own cue finder, the test could not fail.
//
// What "governed" means (the rules; each is there to keep the check meaningful without drowning it in false
// alarms):
//
// 1. Sentence. The trigger's sentence is cut by this file's own splitter: . ! ? followed by a space and a capital,
//    digit or quote, except after an abbreviation (a single letter as in "U.S.", Mr, Gen, Lt, Jan, …).
// 2. Clause. Only the part of the sentence before the trigger and after the last clause boundary counts. Boundaries:
//    ; : ( ) [ ] quotation marks, a spaced dash; a relative pronoun or subordinating word (which, who, whom, whose,
//    where, when, while, whereas, although, though, because, since, as, after, before, until, once, that, but, so);
//    a reporting verb (said, says, told, added, stated, reported, announced, claimed, confirmed, …, "according to");
//    "and"/"or" followed by a subject pronoun (and they, and he, …). A subordinate clause opened by one of those
//    words also closes at the next comma ("the army, which will deploy tomorrow, shelled X": "will" is in another
//    clause than "shelled").
// 3. Cues (case-insensitive unless said otherwise), before the trigger in its clause:
//    - future: will, shall, 'll, won't, "going to" + a word that is not a determiner, number or name ("going to the
//      front" is movement), "is/are/was/were to" + a verb ("the talks were to resume"; not "IS" the group, nor "X
//      is to blame", an idiom of responsibility). "will" as a noun ("the will of the people", "political will",
//      "the will to fight") is not a cue.
//    - cue words: would, could, may, might, expected/expects/expecting, plan/plans/planned/planning. Not cues:
//      "could not"/"couldn't" (negated past ability: the event did not happen, which is a negation and another
//      check); "as expected", "than expected", "unexpected"; "May" the month (capitalised and next to a day number,
//      a year or a date preposition: "on May 5", "10 May 2016", "in May", "since May") or the surname ("Theresa
//      May": after a capitalised word in the middle of a sentence).
//    - conditionals: if, unless, whether, "in case", "in the event". Besides the clause rule, a sentence that opens
//      with a conditional ("If the truce fails, the army …") governs every trigger of the sentence: the main
//      clause is the consequent.
//    "would" in reported speech ("said it would send troops") is future in the past and counts; a past habitual
//    "would" is rare in news and is not told apart.
// 4. Verb form (not for conditionals, which govern finite verbs: "whether jets bombed"). A modal governs a verb
//    only in its bare form or through an auxiliary: a trigger that is a finite
//    past-tense verb ("shelled", "took", "fell") is governed by a cue before it only if be/been/being/have/has
//    stands between them ("will be shelled", "may have killed"). "will advance and shelled" cannot be read as
//    "will shelled": the past verb heads a clause of its own. Likewise a lower-case past-tense verb between the cue
//    and the trigger, not after an auxiliary or a determiner, starts a clause of its own (comma-less run-on
//    headlines: "… offensive could uproot 700000 Syrians … one Palestinian killed during Gaza protests").
//    Noun and gerund triggers ("an attack", "shelling") are governed by any cue before them in the clause ("will
//    launch an attack").
// 5. A noun or gerund trigger inside a prepositional adjunct headed by after/following/since/in/during/amid names
//    an event as background and is outside the cue's scope ("will retaliate after the attack on its base", "said
//    the gas was likely used in an attack", "could be killed in air strikes"): the phrase presupposes that it
//    happened. Not after a verb of taking part (join, take part, participate, engage, help, assist, succeed): its
//    "in" phrase is what is taken part in ("will be ready to join Russia in fighting terrorists" is governed).
//
// A cue after the trigger does not count (the issue's "under" a cue: "Rebels shelled the town and will attack
// again" has "shelled" occurred).
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { extractDocument } from "../src/extract.ts";
import { parseJsonlLine } from "../src/ingest/jsonl.ts";
import type { EventRecord } from "../src/model/types.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const CORPUS = join(root, "../shared/corpus/fakes.jsonl");
const SKIP = existsSync(CORPUS) ? undefined : "../shared/corpus/fakes.jsonl is not beside the project";

// ---------------------------------------------------------------------------------------------------------------
// Sentences

const ABBREVIATIONS = new Set(
  (
    "mr mrs ms dr gen lt col maj capt sgt cpl pvt adm brig cmdr st no vs etc approx est dept govt sen rep gov pres " +
    "prof jr sr inc co corp ltd jan feb mar apr jun jul aug sep sept oct nov dec mt ft"
  ).split(" "),
);

/** The [start, end) of the sentence of `text` that holds `offset`. */
function sentenceAround(text: string, offset: number): [number, number] {
  const re = /[.!?]+["'”’)]*\s+(?=["'“‘(]?[A-Z0-9])/g;
  let start = 0;
  for (const m of text.matchAll(re)) {
    const at = m.index ?? 0;
    const word = /([A-Za-z]+)$/.exec(text.slice(Math.max(0, at - 12), at))?.[1] ?? "";
    if (word.length === 1 || ABBREVIATIONS.has(word.toLowerCase())) continue;
    const next = at + m[0].length;
    if (next > offset) return [start, at + 1];
    start = next;
  }
  return [start, text.length];
}

// ---------------------------------------------------------------------------------------------------------------
// Clauses

const SUBORDINATOR =
  /\b(?:which|who|whom|whose|where|when|while|whilst|whereas|although|though|because|since|as|after|before|until|once|that|but|so)\b/gi;
const REPORTING =
  /\b(?:said|says|say|told|tells|added|adds|stated|states|reported|reports|announced|announces|claimed|claims|confirmed|confirms|stressed|noted|explained|insisted|according to)\b/gi;
const PUNCTUATION = /[;:()[\]"“”]|\s[-–—]\s/g;
const AND_SUBJECT = /\b(?:and|or)\s+(?=(?:they|he|she|it|we|i|there)\b)/gi;

/** Offset (in `before`) where the trigger's clause starts: after the last boundary. */
function clauseStart(before: string): number {
  let start = 0;
  const mark = (at: number) => {
    if (at > start) start = at;
  };
  for (const m of before.matchAll(PUNCTUATION)) mark((m.index ?? 0) + m[0].length);
  for (const m of before.matchAll(REPORTING)) mark((m.index ?? 0) + m[0].length);
  for (const m of before.matchAll(AND_SUBJECT)) mark((m.index ?? 0) + m[0].length);
  for (const m of before.matchAll(SUBORDINATOR)) {
    const end = (m.index ?? 0) + m[0].length;
    // a subordinate clause closes at the next comma
    const comma = before.indexOf(",", end);
    mark(comma >= 0 ? comma + 1 : end);
  }
  return start;
}

// ---------------------------------------------------------------------------------------------------------------
// Cues

type Kind = "future" | "conditional" | "cue word";
interface Cue {
  kind: Kind;
  word: string;
  /** Offset of the cue's end in the clause text. */
  end: number;
}

const DETERMINER = /^(?:the|a|an|this|that|these|those|his|her|its|their|our|my|your)$|^\d/i;

/** The cues in `clause` (text before the trigger, from its clause start), with `prefix` the sentence before it and
 * `rest` the text from the trigger on. */
function cuesIn(clause: string, prefix: string, rest: string): Cue[] {
  const out: Cue[] = [];
  const re =
    /\b(will|shall|won't|going to|(?:is|are|was|were) to|would|could|may|might|expected|expects|expecting|plan|plans|planned|planning|if|unless|whether|in case|in the event)\b|'ll\b/gi;
  for (const m of clause.matchAll(re)) {
    const at = m.index ?? 0;
    const word = m[0];
    const lower = word.toLowerCase();
    const end = at + word.length;
    const before = (prefix + clause.slice(0, at)).trimEnd();
    const after = (clause.slice(end) + rest).trimStart();
    const prev = /(\S+)$/.exec(before)?.[1] ?? "";
    const next = /^(\S+)/.exec(after)?.[1] ?? "";
    let kind: Kind = "cue word";
    if (/^(?:will|shall|won't|'ll|going to|(?:is|are|was|were) to)$/.test(lower)) kind = "future";
    if (/^(?:if|unless|whether|in case|in the event)$/.test(lower)) kind = "conditional";
    if (lower === "will") {
      // the noun: "the will of", "political will", "the will to fight"
      if (/^(?:of|to)$/i.test(next) || /^[,.;]/.test(after)) continue;
      if (/^(?:the|a|political|good|free|own|his|her|its|their|popular|people's|international|strong)$/i.test(prev))
        continue;
    }
    if (lower === "going to" && (next === "" || DETERMINER.test(next) || /^[A-Z]/.test(next))) continue;
    if (
      /^(?:is|are|was|were) to$/.test(lower) &&
      (word.startsWith("IS") || next === "" || /^blame\b/i.test(next) || DETERMINER.test(next) || /^[A-Z]/.test(next))
    )
      continue;
    if (lower === "could" && /^(?:not\b|n't)/i.test(after)) continue;
    if (/^expect/.test(lower) && /^(?:as|than)$/i.test(prev)) continue;
    if (word === "May" || word === "MAY") {
      const dateNext = /^\d|^(?:\d{4}|and|or|to|through|until)\b/i.test(next);
      const datePrev =
        /^\d/.test(prev) ||
        /^(?:in|on|of|since|until|by|early|late|mid|last|this|next|from|to|through|between|during|end|beginning|and|or)$/i.test(
          prev,
        );
      const surname = /^[A-Z]/.test(prev) && !/[.!?"”]$/.test(prev);
      if (dateNext || datePrev || surname) continue;
    }
    out.push({ kind, word, end });
  }
  return out;
}

const PAST =
  /^(?:\w+ed|took|fell|struck|shot|fought|overran|withdrew|threw|blew|met|sent|led|drove|began|broke|won|lost|stole|held|caught|fled|rose|hit|made|gave|came|went|left|ran|tore|beat|bombarded|spread|brought|burnt|burned|built|kept|put|set|cut|stood|swept|forced|sought|flew|dealt|slew)$/i;

/** Words in -ed that are not past tenses. */
const NOT_PAST = /^(?:\w*eed|hundred|red|bed|shed|sacred|kindred|wicked|naked|ragged|rugged)$/i;

/** A past-tense form: "shelled", "took". (Participles look the same and are told apart by auxiliaries.) */
const isPast = (word: string) => PAST.test(word) && !NOT_PAST.test(word);
const isPastForm = (trigger: string) => isPast(trigger.split(/\s+/)[0]);

/** What may stand right before a past form that is not a finite verb: auxiliaries and determiners ("were killed",
 * "the besieged town"). */
const BEFORE_PARTICIPLE =
  /^(?:be|been|being|have|has|had|is|are|was|were|get|got|gets|the|a|an|its|their|his|her|this|that|these|those|and|or|not|newly|heavily|reportedly|allegedly)$/i;

/** Whether a lower-case past-tense verb in `between` heads a clause of its own. */
function finiteVerbIn(between: string): boolean {
  const words = between.split(/\s+/).filter(Boolean);
  for (let i = 1; i < words.length; i++) {
    const w = words[i].replace(/[^\w'-]/g, "");
    if (!/^[a-z]/.test(w) || !isPast(w) || BEFORE_PARTICIPLE.test(words[i - 1].replace(/[^\w'-]/g, ""))) continue;
    if (/^by$/i.test(words[i + 1] ?? "")) continue; // "troops backed by jets": a participle
    return true;
  }
  return false;
}

/** Words that let a cue reach a past-form trigger: "will be shelled", "may have killed". */
const AUXILIARY = /\b(?:be|been|being|have|has)\b/i;

const ADJUNCT =
  /\b(?:in|during|after|following|since|amid|amidst)\s+(?:(?:a|an|the|this|that|these|those|its|their|his|her|last|recent|\w+'s)\s+)?(?:[\w-]+\s+){0,2}$/i;
const TAKING_PART =
  /\b(?:join\w*|take part|takes part|took part|taking part|participat\w*|engag\w*|help\w*|assist\w*|succeed\w*)\s+(?:\S+\s+){0,2}?(?:in|during)\s+(?:\S+\s+){0,3}$/i;

interface Finding {
  kind: Kind;
  cue: string;
}

/** The cue that governs the trigger at [start, end) of `text`, or null. */
function governingCue(text: string, start: number, end: number): Finding | null {
  const [s] = sentenceAround(text, start);
  const before = text.slice(s, start);
  const trigger = text.slice(start, end);
  // a sentence that opens with a conditional governs all of it
  const opening = /^\s*(?:(?:and|but|even|only)\s+)?(if|unless|in case|in the event)\b/i.exec(before);
  if (opening) return { kind: "conditional", cue: opening[1] };
  const from = clauseStart(before);
  const clause = before.slice(from);
  const past = isPastForm(trigger);
  const adjunct = !past && !TAKING_PART.test(clause) && ADJUNCT.exec(clause);
  for (const c of cuesIn(clause, before.slice(0, from), text.slice(start, start + 80)).reverse()) {
    if (adjunct && c.end <= (adjunct.index ?? 0)) continue;
    // a conditional governs a finite verb ("whether jets bombed"); a modal only a bare form or an auxiliary
    if (c.kind !== "conditional" && past && !AUXILIARY.test(clause.slice(c.end))) continue;
    if (c.kind !== "conditional" && finiteVerbIn(clause.slice(c.end))) continue;
    return { kind: c.kind, cue: c.word };
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------

/** The cue governing the trigger marked [[…]] in `s`. */
function check(s: string): string | null {
  const start = s.indexOf("[[");
  const end = s.indexOf("]]") - 2;
  const found = governingCue(s.replace("[[", "").replace("]]", ""), start, end);
  return found ? `${found.kind}:${found.cue}` : null;
}

test("the detector itself: what it flags and what it leaves", () => {
  // governed
  assert.equal(check("The army will [[shell]] the town."), "future:will");
  assert.equal(check("Rebels say they'll [[attack]] the base."), "future:'ll");
  assert.equal(check("The army is going to [[attack]] the town."), "future:going to");
  assert.equal(check("Kerry and Lavrov were to hold [[talks]] in Geneva."), "future:were to");
  assert.equal(check("Government forces are expected to [[retake]] the town."), "cue word:expected");
  assert.equal(check("The town may have been [[shelled]] overnight."), "cue word:may");
  assert.equal(check("Russia said it would send [[troops]] to the area."), "cue word:would");
  assert.equal(check("Rebels could launch an [[offensive]] on the city."), "cue word:could");
  assert.equal(check("The army plans to [[storm]] the village."), "cue word:plans");
  assert.equal(check("It is unclear whether jets [[bombed]] the market."), "conditional:whether");
  assert.equal(check("If talks fail, the army will [[attack]] the town."), "conditional:If");
  assert.equal(check("The US will be ready to join Russia in [[fighting]] the group."), "future:will");
  // not governed
  assert.equal(check("The army, which will withdraw tomorrow, [[shelled]] the town."), null);
  assert.equal(check("Rebels [[shelled]] the town and will attack again."), null);
  assert.equal(check("The army will advance and rebels [[shelled]] the town."), null);
  assert.equal(check("On May 5 jets [[bombed]] the market."), null);
  assert.equal(check("Officials said Damascus was to [[blame]] for the attack."), null);
  assert.equal(check("Air strikes have forced IS to [[withdraw]] from the town."), null);
  assert.equal(check("Sun 10 May 2016 jets [[bombed]] the market."), null);
  assert.equal(check("Rebels could not [[capture]] the town."), null);
  assert.equal(check("As expected, the army [[attacked]] the town."), null);
  assert.equal(check("The will of the people [[toppled]] the regime."), null);
  assert.equal(check("The army will retaliate after the [[attack]] on its base."), null);
  assert.equal(check("Experts said the gas was likely used in the [[attack]] on the town."), null);
  assert.equal(check("Officials said they will investigate. Jets [[bombed]] the market."), null);
  assert.equal(
    check("The offensive could uproot thousands Media activists fear one Palestinian killed during Gaza [[protests]]."),
    null,
  );
});

interface Violation {
  doc: string;
  kind: Kind;
  cue: string;
  trigger: string;
  type: string;
  sentence: string;
}

test("FA-KES: no occurred event under the future, a conditional or a modal cue", { skip: SKIP }, (t) => {
  const seen = new Set<string>();
  const violations: Violation[] = [];
  let documents = 0;
  let occurred = 0;
  for (const line of readFileSync(CORPUS, "utf8").split("\n")) {
    if (!line.trim()) continue;
    const doc = parseJsonlLine(line, "fakes.jsonl");
    if ("message" in doc) assert.fail(`${doc.origin}: ${doc.message}`);
    if (seen.has(doc.contentHash)) continue; // repeated texts, as `sitrep extract` skips them
    seen.add(doc.contentHash);
    documents++;
    const { records } = extractDocument(doc);
    for (const r of records) {
      if (r.kind !== "event" || r.modality !== "occurred") continue;
      occurred++;
      const e = r as EventRecord;
      const found = governingCue(doc.text, e.trigger.start, e.trigger.end);
      if (!found) continue;
      const [from, to] = sentenceAround(doc.text, e.trigger.start);
      violations.push({
        doc: doc.id,
        ...found,
        trigger: e.trigger.text,
        type: e.type,
        sentence: `${doc.text.slice(from, e.trigger.start)}[[${e.trigger.text}]]${doc.text.slice(e.trigger.end, to)}`,
      });
    }
  }
  t.diagnostic(`${documents} documents, ${occurred} occurred events, ${violations.length} under a cue`);
  assert.ok(documents > 780, `only ${documents} FA-KES documents read`);
  assert.ok(occurred > 5000, `only ${occurred} occurred events`);
  const byKind = new Map<string, number>();
  for (const v of violations)
    byKind.set(`${v.kind}:${v.cue.toLowerCase()}`, (byKind.get(`${v.kind}:${v.cue.toLowerCase()}`) ?? 0) + 1);
  assert.equal(
    violations.length,
    0,
    `${violations.length} occurred events of ${occurred} are under a cue (${[...byKind].map(([k, n]) => `${k} ${n}`).join(", ")}):\n` +
      violations
        .map((v) => `  ${v.doc} ${v.type} "${v.trigger}" under "${v.cue}" (${v.kind}): ${v.sentence}`)
        .join("\n"),
  );
});
