// Decides an event's modality from the cues around its trigger.
// Denials and conditionals/hypotheses dominate; a negation right before the trigger denies it; otherwise the
// cue nearest the trigger (plan, expectation, future, speculation, ongoing) decides; no cue means it occurred.
import type {
  AnnotatedDocument,
  Modality,
  ModalityCue,
  ModalityCueKind,
  Span,
  TriggerMention,
} from "../model/types.ts";
import { clauseAt, sentenceAt, within } from "./context.ts";

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

/** Cues that bear on `trigger`: in its clause before it, and for noun triggers also right after it. */
export function cuesFor(ad: AnnotatedDocument, trigger: Span & { nominal?: boolean }): ModalityCue[] {
  const clause = clauseAt(ad, trigger.start);
  const sentence = sentenceAt(ad, trigger.start);
  const text = ad.doc.text;
  const noun = trigger.nominal === true || /^\w+ing\b/i.test(text.slice(trigger.start, trigger.end));
  const head = text.slice(clause.start, trigger.start);
  const lead = PARTICIPATING.test(head) ? null : head.match(PRESUPPOSING);
  const from = noun && lead?.index !== undefined ? clause.start + lead.index : clause.start;
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
