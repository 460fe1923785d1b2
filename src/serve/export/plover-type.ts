// The PLOVER event type of a sitrep event record, by PLOVER's coding conventions. sitrep's own `type` names the
// act and `modality` says whether it happened (../shared/contract.md); PLOVER instead codes what the sentence
// reports, so a stated intention is itself the event: an intended or promised cooperative act is AGREE ("will
// give Tanzania a grant", "is willing to withdraw"), an intended conflictual act is THREATEN ("will impose
// sanctions"), a refused cooperative act is REJECT ("would not accept"). One pure function, used by the PLOVER
// export (plover.ts) and by `sitrep eval events` (src/eval/events/sitrep-system.ts), so the eval scores what
// users get.
//
// The words around the trigger are read from the trigger's sentence, which every record carries as evidence:
// every rule below looks only inside that sentence, so the answer is the same whether or not the caller has the
// document text (`sitrep extract` keeps no text; `sitrep events` has it from the store). The document text is a
// fallback for a record whose evidence does not hold its trigger; with neither, only the rules that need no
// words apply (intended cooperative → AGREE, intended conflictual → THREATEN), which can miss a REJECT, an
// attempt, a conditional threat or an offer of force.
import type { EventRecord, PloverType } from "../../model/types.ts";

const COOPERATIVE = new Set<PloverType>(["CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "AGREE"]);
const CONFLICTUAL = new Set<PloverType>(["ASSAULT", "COERCE", "SANCTION"]);
/** Modalities of an act not (yet) done: as reported, a promise or a threat ("said they would blockade"). */
const INTENDED = new Set<EventRecord["modality"]>(["planned", "expected", "speculative"]);

/** A negation right before a trigger ("would not meet", "failed to reach", "will no longer"). */
const NEGATED_BEFORE = /\b(?:not|n't|never|no longer|failed to|fail to|fails to)\s+(?:[\w-]+\s+){0,2}$/i;
/** An attempt is coded as the act ("attempted to assassinate", "tried to storm"). */
const ATTEMPT_BEFORE = /\b(?:attempt(?:s|ed|ing)?|tr(?:y|ied|ies|ying)) to\s+$/i;
/** Military preparation is mobilisation ("prepared to resume shelling"). */
const PREPARE_BEFORE = /\bprepar(?:e|es|ed|ing) (?:to|for)\s+(?:[\w-]+\s+){0,2}$/i;
const CONDITION = /\b(?:if|unless|in case|should)\b/i;
/** How far before the trigger the negation, attempt and preparation cues are looked for. */
const WINDOW_BEFORE = 30;

/** A stretch of text and the document offset of its first character. */
interface Passage {
  text: string;
  offset: number;
}

/** The trigger's sentence: the evidence span holding the trigger, else the document text, else null. */
function passageOf(e: EventRecord, text: string | undefined): Passage | null {
  const holds = (start: number, s: string) =>
    e.trigger.start >= start &&
    e.trigger.end <= start + s.length &&
    s.slice(e.trigger.start - start, e.trigger.end - start) === e.trigger.text;
  const ev = e.evidence.find((x) => holds(x.start, x.text));
  if (ev) return { text: ev.text, offset: ev.start };
  if (text && holds(0, text)) {
    // the sentence as the evidence bounds it when the first evidence span is that sentence, else the whole text
    const first = e.evidence[0];
    return first && first.start <= e.trigger.start && e.trigger.end <= first.end
      ? { text: text.slice(first.start, first.end), offset: first.start }
      : { text, offset: 0 };
  }
  return null;
}

/**
 * The event that follows `e` in its sentence (the act an offer names: "offered to bomb …"), from the records of
 * the same document that the caller has; undefined when there is none among them.
 */
export function nextInSentence(e: EventRecord, others: readonly EventRecord[]): EventRecord | undefined {
  const sentence = e.evidence[0]?.start;
  let next: EventRecord | undefined;
  for (const x of others) {
    if (x === e || x.doc !== e.doc || x.evidence[0]?.start !== sentence || x.trigger.start <= e.trigger.start) continue;
    if (!next || x.trigger.start < next.trigger.start) next = x;
  }
  return next;
}

/**
 * The PLOVER type of `e`. `others`: the other event records of the same document the caller has (for the event
 * that follows in the sentence); `text`: the document text when known (only a fallback, see above).
 */
export function ploverEventType(e: EventRecord, others: readonly EventRecord[] = [], text?: string): PloverType {
  const intended = INTENDED.has(e.modality);
  const passage = passageOf(e, text);
  if (passage) {
    const at = e.trigger.start - passage.offset;
    const before = passage.text.slice(Math.max(0, at - WINDOW_BEFORE), at);
    const after = passage.text.slice(e.trigger.end - passage.offset);
    if (ATTEMPT_BEFORE.test(before)) return e.type;
    if (e.type === "ASSAULT" && PREPARE_BEFORE.test(before)) return "MOBILIZE";
    // a cooperative act refused or not done is a rejection ("will not accept", "failed to reach agreement")
    if (COOPERATIVE.has(e.type) && NEGATED_BEFORE.test(before)) return "REJECT";
    // an offer of a conflictual act is a threat, unless the act is only a condition ("willing to help if attacked")
    const next = e.type === "AGREE" ? nextInSentence(e, others) : undefined;
    if (
      next &&
      INTENDED.has(next.modality) &&
      CONFLICTUAL.has(next.type) &&
      !CONDITION.test(passage.text.slice(e.trigger.end - passage.offset, next.trigger.start - passage.offset))
    )
      return "THREATEN";
    // an act promised on a condition the other side must meet is a threat ("will withdraw … unless …")
    if (intended && /\bunless\b/i.test(after)) return "THREATEN";
  }
  if (intended && COOPERATIVE.has(e.type)) return "AGREE";
  if (intended && CONFLICTUAL.has(e.type)) return "THREATEN";
  return e.type;
}
