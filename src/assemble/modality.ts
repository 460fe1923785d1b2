// Decides an event's modality from the cues around its trigger.
// Denials and conditionals/hypotheses dominate; a negation right before the trigger denies it; otherwise the
// cue nearest the trigger (plan, expectation, future, speculation, ongoing) decides; no cue means it occurred.
import type {
  AnnotatedDocument,
  Modality,
  ModalityCue,
  ModalityCueKind,
  Span,
  Token,
  TriggerMention,
} from "../model/types.ts";
import { clauseAt, sentenceAt, startingIn, within } from "./context.ts";

const NEAREST: Partial<Record<ModalityCueKind, Modality>> = {
  plan: "planned",
  intention: "planned",
  expectation: "expected",
  future: "expected",
  speculation: "speculative",
  ongoing: "ongoing",
};

/** What may stand between a noun trigger and a cue after it that bears on it ("an offensive is expected",
 * "joint operations against ISIS would …"): the noun's own words, not a clause of its own ("protest as they
 * try to", "the attack, which …"). */
const NOUN_TO_CUE =
  /^(?![\s\S]*(?:[,;]|\b(?:as|while|when|after|before|because|since|and|but|that|which|who|where|if|they|he|she|it|we)\b))[\s\S]{0,50}$/i;

/** A noun or gerund after "in", "during", "after", "following", "since", "amid": the phrase presupposes the
 * event ("will advance after seizing the town", "believes chlorine was likely used in a rebel attack"); a cue
 * before the phrase bears on the verb that governs it, not on the event. */
const PRESUPPOSING =
  /\b(?:in|during|after|following|since|amid|amidst)\s+(?:(?:a|an|the|this|that|its|their|last|recent|\w+'s)\s+)?(?:[\w-]+\s+){0,2}$/i;

/** Except after a verb of taking part, whose "in" phrase is what is taken part in, not its setting: "will be ready
 * to join Russia in fighting terrorists", "plans to take part in the offensive". */
const PARTICIPATING =
  /\b(?:join|joins|joined|joining|take part|takes part|took part|taking part|participat(?:e|es|ed|ing)|engag(?:e|es|ed|ing)|help|helps|helped|helping|assist|assists|assisted|assisting|succeed|succeeds|succeeded|succeeding)\s+(?:[\w-]+\s+){0,2}?(?:in|during)\s+(?:[\w-]+\s+){0,3}$/i;

/** Words of a coordinated clause's subject between "and" and its verb ("and another child was killed"). */
const SUBJECT_POS = new Set(["DET", "ADJ", "NOUN", "PROPN", "NUM", "PRON"]);

/** A verb that can head a clause of its own: an auxiliary, or an inflected verb other than a gerund. */
function finiteVerb(t: Token): boolean {
  if (t.pos === "AUX") return true;
  return t.pos === "VERB" && t.text.toLowerCase() !== t.lemma.toLowerCase() && !/ing$/i.test(t.text);
}

/** Words that open a relative clause inside a noun phrase ("fighters who were granted safe passage"). */
const RELATIVE = new Set(["who", "whom", "whose", "which", "that"]);

/** Words that open a clause of their own, whose subject comes next: before them, a verb is another clause's. */
const OPENS_CLAUSE = new Set([
  ...RELATIVE,
  "as",
  "when",
  "once",
  "after",
  "before",
  "because",
  "since",
  "if",
  "whether",
]);

/**
 * Where the last clause coordinated by "and"/"or" with a subject of its own starts, between `from` and the
 * trigger: "the death toll is likely to rise and another child was killed" — "likely" bears on the rise, not on
 * the killing. Not a coordination of verbs sharing a subject and its cue ("expected to attack and seize the
 * town"), nor of nouns ("troops and state employees were murdered": nothing before "and" is a clause of its
 * own), nor a noun phrase with a relative clause ("and fighters who were granted passage").
 */
function coordinatedClauseStart(ad: AnnotatedDocument, from: number, trigger: Span): number {
  const tokens = startingIn(ad.tokens, from, trigger.end);
  let start = from;
  let verbSince = false; // a finite verb since the last clause start: what comes before "and" is a clause
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i].text.toLowerCase();
    if (w !== "and" && w !== "or") {
      // "it was reported that troops and employees were murdered": "was" is another clause's verb
      if (OPENS_CLAUSE.has(w)) verbSince = false;
      else if (finiteVerb(tokens[i])) verbSince = true;
      continue;
    }
    // "said clashes were underway and that 11 fighters and five others were killed": a clause of its own
    if (tokens[i + 1]?.text.toLowerCase() === "that" && tokens.slice(i + 2).some((t) => finiteVerb(t))) {
      start = tokens[i].end;
      verbSince = false;
      continue;
    }
    if (!verbSince) continue;
    let j = i + 1;
    const first = j;
    while (
      j < tokens.length &&
      j - first < 6 &&
      !RELATIVE.has(tokens[j].text.toLowerCase()) &&
      (SUBJECT_POS.has(tokens[j].pos) || tokens[j].text === "of")
    )
      j++;
    const verb = tokens[j];
    if (j > first && verb && verb.start <= trigger.start && finiteVerb(verb)) {
      start = tokens[i].end;
      verbSince = false;
      i = j - 1;
    }
  }
  return start;
}

/** Cues that bear on `trigger`: in its clause before it, and for noun triggers also right after it. */
export function cuesFor(ad: AnnotatedDocument, trigger: Span & { nominal?: boolean }): ModalityCue[] {
  const clause = clauseAt(ad, trigger.start);
  const sentence = sentenceAt(ad, trigger.start);
  const text = ad.doc.text;
  const noun = trigger.nominal === true || /^\w+ing\b/i.test(text.slice(trigger.start, trigger.end));
  const head = text.slice(clause.start, trigger.start);
  const lead = PARTICIPATING.test(head) ? null : head.match(PRESUPPOSING);
  const from = Math.max(
    noun && lead?.index !== undefined ? clause.start + lead.index : clause.start,
    coordinatedClauseStart(ad, clause.start, trigger),
  );
  // every cue kept lies inside the sentence (the clause is part of it)
  return within(ad.modality, sentence).filter((c) => {
    // a cue inside the trigger is the trigger's own word ("denied the allegations" is a rejection)
    if (c.start < trigger.end && trigger.start < c.end) return false;
    if (c.cue === "denial") return c.start >= sentence.start && c.end <= sentence.end;
    if (c.cue === "conditional") return c.start >= sentence.start && c.end <= trigger.start;
    if (c.start < clause.start || c.end > clause.end) return false;
    if (c.end <= trigger.start) return c.start >= from;
    return trigger.nominal === true && c.start >= trigger.end && NOUN_TO_CUE.test(text.slice(trigger.end, c.start));
  });
}

export function modalityOf(ad: AnnotatedDocument, trigger: TriggerMention): { modality: Modality; hedged: boolean } {
  const cues = cuesFor(ad, trigger);
  const has = (k: ModalityCueKind) => cues.some((c) => c.cue === k);
  const hedged = has("speculation") || has("hypothesis");
  if (has("denial")) return { modality: "denied", hedged };
  if (has("conditional") || has("hypothesis")) return { modality: "speculative", hedged: true };
  const text = ad.doc.text;
  const negated = cues.some(
    (c) =>
      c.cue === "negation" &&
      c.end <= trigger.start &&
      !/[,;]/.test(text.slice(c.end, trigger.start)) &&
      trigger.start - c.end < 25,
  );
  if (negated) return { modality: "denied", hedged };
  let best: { distance: number; modality: Modality } | null = null;
  for (const c of cues) {
    const modality = NEAREST[c.cue];
    if (!modality) continue;
    const distance = c.end <= trigger.start ? trigger.start - c.end : c.start - trigger.end;
    if (!best || distance < best.distance) best = { distance, modality };
  }
  return { modality: best?.modality ?? "occurred", hedged };
}
