// sitrep's own event coder as an EventSystem for `sitrep eval events`: every suite goes through the real
// pipeline (annotate → assemble). CASE 2021 takes the ACLED sub-type of the snippet's most salient event;
// PLOVER takes the type, mode and actor spans of the sentence's main event; PETRARCH codes triples with the
// unit tests' dictionaries through sitrep's tokenizer and role finder (petrarch-coder.ts).
import { triggerMode } from "../../annotate/triggers.ts";
import { extractDocument } from "../../extract.ts";
import { documentFromText } from "../../ingest/index.ts";
import { ploverForAcled } from "../../model/taxonomy.ts";
import type { AnnotatedDocument, EventRecord, Span, Token } from "../../model/types.ts";
import { ploverEventType } from "../../serve/export/plover-type.ts";
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
//
// The type is the one the PLOVER export writes (`sitrep extract|events --format plover`): ploverEventType
// (src/serve/export/plover-type.ts) re-codes sitrep's act + modality by PLOVER's conventions (a promised
// cooperative act is AGREE, an intended conflictual act THREATEN, a refused cooperative act REJECT, …), given
// the other events of the text, so the eval scores exactly what users get.

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
  const type = ploverEventType(e, events, annotated.doc.text);
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
