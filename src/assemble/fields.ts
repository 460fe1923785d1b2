// The smaller fields of an event: time, size, fatalities, source chain and evidence, each taken from the
// mentions in the trigger's clause or sentence.
import { createHash } from "node:crypto";
import type { AnnotatedDocument, EventRecord, Evidence, Span, TimeField, TriggerMention } from "../model/types.ts";
import { clauseAt, sentenceAt, within } from "./context.ts";

const PERSON_UNITS =
  /^(personnel|soldiers|troops|fighters|men|militants|members|servicemen|officers|recruits|volunteers|people|rebels|forces|gunmen|policemen|marines|commandos|reservists|mercenaries)$/i;

/** The time expression nearest the trigger in its clause (after it first), else in its sentence. */
export function timeFor(ad: AnnotatedDocument, trigger: Span): TimeField {
  const clause = clauseAt(ad, trigger.start);
  const sentence = sentenceAt(ad, trigger.start);
  const distance = (t: Span) => (t.start >= trigger.end ? t.start - trigger.end : trigger.start - t.end + 1);
  const pick = (range: Span) => within(ad.times, range).sort((a, b) => distance(a) - distance(b))[0];
  const t = pick(clause) ?? pick(sentence);
  if (!t) return { text: null, start: null, end: null, precision: null };
  return { text: t.text, start: t.startDate, end: t.endDate, precision: t.precision };
}

/** The size of the force: the largest count of people in the sentence, else any count. */
export function sizeFor(ad: AnnotatedDocument, trigger: Span): EventRecord["size"] {
  const sentence = sentenceAt(ad, trigger.start);
  const sizes = within(ad.quantities, sentence).filter((q) => q.kind === "size");
  const people = sizes.filter((q) => PERSON_UNITS.test(q.unit));
  const best = (people.length ? people : sizes).sort((a, b) => (b.min ?? 0) - (a.min ?? 0))[0];
  return best ? { min: best.min, max: best.max, unit: best.unit, text: best.text } : null;
}

/** Fatalities stated in the sentence (the lower bound), or null. */
export function fatalitiesFor(ad: AnnotatedDocument, trigger: Span): number | null {
  const sentence = sentenceAt(ad, trigger.start);
  const deaths = within(ad.quantities, sentence).filter((q) => q.kind === "fatalities" && q.min !== null);
  if (!deaths.length) return null;
  return deaths.reduce((sum, q) => sum + (q.min ?? 0), 0);
}

/** Who says so: the attributions stated in the trigger's sentence. */
export function sourceFor(ad: AnnotatedDocument, trigger: Span): EventRecord["source"] {
  const sentence = sentenceAt(ad, trigger.start);
  const said = ad.attributions.filter((a) => a.sentence === sentence.index);
  const chain = said.flatMap((a) => a.chain);
  return { outlet: ad.doc.outlet ?? null, chain: [...new Set(chain)] };
}

/** The sentence holding the trigger, as evidence. */
export function evidenceFor(ad: AnnotatedDocument, trigger: Span): Evidence {
  const s = sentenceAt(ad, trigger.start);
  return { doc: ad.doc.id, start: s.start, end: s.end, text: ad.doc.text.slice(s.start, s.end) };
}

/** A stable id from the document and the words that support the record. */
export function recordId(prefix: string, docId: string, span: Span, key: string): string {
  const hash = createHash("sha1").update(`${docId}|${span.start}|${span.end}|${key}`).digest("hex");
  return `${prefix}-${hash.slice(0, 16)}`;
}

export function triggerField(t: TriggerMention): EventRecord["trigger"] {
  return { text: t.text, start: t.start, end: t.end };
}
