// sitrep's own event coder as an EventSystem for `sitrep eval events`: every suite goes through the real
// pipeline (annotate → assemble). CASE 2021 takes the ACLED sub-type of the snippet's most salient event;
// PLOVER takes the type, mode and actor spans of the sentence's main event; PETRARCH codes triples with the
// unit tests' dictionaries through sitrep's tokenizer and role finder (petrarch-coder.ts).
import { triggerMode } from "../../annotate/triggers.ts";
import { extractDocument } from "../../extract.ts";
import { documentFromText } from "../../ingest/index.ts";
import { ploverForAcled } from "../../model/taxonomy.ts";
import type { AnnotatedDocument, EventRecord, PloverType, Span, Token } from "../../model/types.ts";
import { codePetrarchTriples } from "./petrarch-coder.ts";
import type { PloverPrediction, PloverSpanAnswer } from "./plover.ts";
import type { EventSystem } from "./system.ts";

/** Events of a text, with the annotations, and the shift from stored offsets to offsets in the text as given
 * (ingest trims leading blanks). */
export function eventsOf(text: string): { events: EventRecord[]; annotated: AnnotatedDocument; shift: number } {
  const doc = documentFromText(text, { origin: "eval" });
  const shift = text.length - text.trimStart().length;
  const { records, annotated } = extractDocument(doc);
  return { events: records.filter((r): r is EventRecord => r.kind === "event"), annotated, shift };
}

const ACLED_CODED = new Set(["occurred", "ongoing"]);

/**
 * How salient an event is for a one-label summary of the text: occurred before ongoing; events with actors, a
 * place or a time are better attested (confidence); a sub-type that says more than the generic ones ("Armed
 * clash" and "Attack" come from any "killed") is preferred. Ties go to the earlier event: a lede states the main
 * event first.
 */
function salience(e: EventRecord): number {
  let s = e.confidence;
  if (e.modality === "occurred") s += 0.1;
  if (e.acled && !/^(?:Armed clash|Attack|Other|Change to group\/activity)$/.test(e.acled.sub_event_type)) s += 0.2;
  return s;
}

export function mostSalient(events: EventRecord[], usable: (e: EventRecord) => boolean): EventRecord | null {
  let best: EventRecord | null = null;
  let bestScore = -Infinity;
  for (const e of events) {
    if (!usable(e)) continue;
    const s = salience(e);
    if (s > bestScore + 1e-9) {
      best = e;
      bestScore = s;
    }
  }
  return best;
}

/** CASE 2021: the ACLED sub-type of the most salient occurred (or ongoing) event; null when none. */
export function classifySnippet(text: string): string | null {
  const { events } = eventsOf(text);
  const e = mostSalient(events, (x) => ACLED_CODED.has(x.modality) && x.acled !== null);
  return e?.acled?.sub_event_type ?? null;
}

// ---------------------------------------------------------------------------------------------
// PLOVER

const COOPERATIVE = new Set<PloverType>(["CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "AGREE"]);
const CONFLICTUAL = new Set<PloverType>(["ASSAULT", "COERCE", "SANCTION"]);
/** Modalities of an act not (yet) done: as reported, a promise or a threat ("said they would blockade"). */
const INTENDED = new Set(["planned", "expected", "speculative"]);

/**
 * PLOVER codes what a sentence reports, and a stated intention is itself the act: an intended or promised
 * cooperative act is AGREE ("will give Tanzania a grant", "is willing to withdraw"), an intended conflictual
 * act is THREATEN ("will impose sanctions", "is prepared to impose martial law"). sitrep's records keep the
 * act and its modality instead. `next` is the event that follows in the sentence (the act an offer names).
 */
function ploverType(e: EventRecord, next: EventRecord | undefined, text: string): PloverType {
  const before = text.slice(Math.max(0, e.trigger.start - 30), e.trigger.start);
  const after = text.slice(e.trigger.end, e.evidence[0] ? e.evidence[0].end : text.length);
  // an attempt is coded as the act ("attempted to assassinate"); military preparation is mobilisation
  if (/\b(?:attempt(?:s|ed|ing)?|tr(?:y|ied|ies|ying)) to\s+$/i.test(before)) return e.type;
  if (e.type === "ASSAULT" && /\bprepar(?:e|es|ed|ing) (?:to|for)\s+(?:[\w-]+\s+){0,2}$/i.test(before))
    return "MOBILIZE";
  // a cooperative act refused or not done is a rejection ("will not accept", "failed to reach agreement")
  if (COOPERATIVE.has(e.type) && NEGATED_BEFORE.test(before)) return "REJECT";
  // an offer of a conflictual act is a threat, unless the act is only a condition ("willing to help if attacked")
  if (
    e.type === "AGREE" &&
    next &&
    INTENDED.has(next.modality) &&
    CONFLICTUAL.has(next.type) &&
    !CONDITION.test(text.slice(e.trigger.end, next.trigger.start))
  )
    return "THREATEN";
  // an act promised on a condition the other side must meet is a threat ("will withdraw … unless …")
  if (INTENDED.has(e.modality) && /\bunless\b/i.test(after)) return "THREATEN";
  if (INTENDED.has(e.modality) && COOPERATIVE.has(e.type)) return "AGREE";
  if (INTENDED.has(e.modality) && CONFLICTUAL.has(e.type)) return "THREATEN";
  return e.type;
}

/** A negation right before a trigger ("would not meet", "failed to reach", "will no longer"). */
const NEGATED_BEFORE = /\b(?:not|n't|never|no longer|failed to|fail to|fails to)\s+(?:[\w-]+\s+){0,2}$/i;
const CONDITION = /\b(?:if|unless|in case|should)\b/i;

const NP_POS = new Set(["PROPN", "NOUN", "ADJ", "DET", "NUM"]);

/** The noun phrase that ends nearest before `at` (a subject) or starts nearest after it (an object), from the
 * tokens, for actors the dictionary does not know ("the Philippines", "Finland", "Quatar's emir"). */
function nounPhrase(tokens: Token[], at: Span, direction: "before" | "after", limit: Span): Span | null {
  const inRange = tokens.filter((t) => t.start >= limit.start && t.end <= limit.end);
  const list =
    direction === "before"
      ? inRange.filter((t) => t.end <= at.start).reverse()
      : inRange.filter((t) => t.start >= at.end);
  const head = list.find((t) => t.pos === "PROPN" || (t.pos === "NOUN" && direction === "after"));
  if (!head) return null;
  const i = inRange.indexOf(head);
  let a = i;
  let b = i;
  while (a > 0 && NP_POS.has(inRange[a - 1].pos)) a--;
  while (b + 1 < inRange.length && (NP_POS.has(inRange[b + 1].pos) || inRange[b + 1].text === "'s")) b++;
  while (a < b && inRange[a].pos === "DET") a++;
  return { start: inRange[a].start, end: inRange[b].end };
}

/** PLOVER: type, mode and the actors' spans of the sentence's main event (its first, for a lede). */
export function codePloverText(text: string): PloverPrediction | null {
  const { events, annotated, shift } = eventsOf(text);
  const e = events.reduce<EventRecord | null>((a, b) => (!a || b.trigger.start < a.trigger.start ? b : a), null);
  if (!e) return null;
  const answer = (s: Span | null): PloverSpanAnswer | null =>
    s ? { start: s.start + shift, end: s.end + shift, text: annotated.doc.text.slice(s.start, s.end) } : null;
  const actor = (side: "1" | "2") => e.actors.find((x) => x.role.endsWith(side)) ?? null;
  const sentence = annotated.sentences.find((s) => e.trigger.start >= s.start && e.trigger.start < s.end) ?? {
    start: 0,
    end: annotated.doc.text.length,
  };
  const source = actor("1") ?? nounPhrase(annotated.tokens, e.trigger, "before", sentence);
  const target = actor("2") ?? nounPhrase(annotated.tokens, e.trigger, "after", sentence);
  const lemma = annotated.triggers.find((t) => t.start === e.trigger.start)?.lemma;
  const next = events
    .filter((x) => x.trigger.start > e.trigger.start && x.evidence[0].start === e.evidence[0].start)
    .sort((a, b) => a.trigger.start - b.trigger.start)[0];
  const type = ploverType(e, next, annotated.doc.text);
  const mode =
    type !== e.type
      ? null
      : ((e.acled ? ploverForAcled(e.acled.sub_event_type)?.mode : null) ?? (lemma ? triggerMode(lemma) : null));
  return { type, mode, source: answer(source), target: answer(target) };
}

export const sitrepSystem: EventSystem = {
  name: "sitrep",
  description: "sitrep's pipeline (annotate → assemble): lexicon triggers, roles, modality, ACLED refinement, merging",
  classify: classifySnippet,
  codePlover: codePloverText,
  codeTriples: codePetrarchTriples,
};
