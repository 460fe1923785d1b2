// Event assembly: one draft event per trigger, with roles, places, time, size, fatalities, modality,
// source and evidence; ACLED sub-types refined from who acted on whom and the words around (acled.ts).
import type { AnnotatedDocument, EventRecord, TriggerMention } from "../model/types.ts";
import { refineAcled } from "./acled.ts";
import { sentenceAt } from "./context.ts";
import { CUE } from "./cues.ts";
import { evidenceFor, fatalitiesFor, recordId, sizeFor, sourceFor, timeFor, triggerField } from "./fields.ts";
import { locationCandidates, placesFor } from "./locations.ts";
import { modalityOf } from "./modality.ts";
import { eventActors, sidesOf } from "./roles.ts";

const CODED_BY_ACLED = new Set(["occurred", "ongoing"]);

/**
 * Background, not news: a cumulative toll ("more than 300,000 people have been killed since the war began",
 * "a conflict that has killed …") or how the war started ("the conflict began with protests in 2011").
 */
export function isBackground(ad: AnnotatedDocument, trigger: TriggerMention): boolean {
  const text = ad.doc.text;
  const sentence = sentenceAt(ad, trigger.start);
  if (CUE.tollAfter.test(text.slice(trigger.end, Math.min(sentence.end, trigger.end + 90)))) return true;
  if (CUE.tollBefore.test(text.slice(Math.max(sentence.start, trigger.start - 60), trigger.start))) return true;
  return CUE.origin.test(text.slice(sentence.start, trigger.start));
}

/** Drafts one event per trigger. */
export function assembleEvents(ad: AnnotatedDocument): EventRecord[] {
  const candidates = locationCandidates(ad);
  const sourceSpans = ad.attributions.flatMap((a) => a.sources);
  const events: EventRecord[] = [];
  for (const trigger of ad.triggers) {
    if (sourceSpans.some((s) => trigger.start >= s.start && trigger.end <= s.end)) continue;
    if (isBackground(ad, trigger)) continue;
    const sides = sidesOf(ad, trigger);
    const places = placesFor(ad, trigger, candidates);
    const actors = eventActors(sides, places.location?.country);
    const { modality, hedged } = modalityOf(ad, trigger);
    const time = timeFor(ad, trigger);
    const found = [actors.length > 0, places.location !== null, time.start !== null].filter(Boolean).length;
    events.push({
      kind: "event",
      id: recordId("ev", ad.doc.id, trigger, trigger.lemma),
      doc: ad.doc.id,
      type: trigger.plover,
      modality,
      acled: CODED_BY_ACLED.has(modality) ? refineAcled(ad, trigger, actors) : null,
      actors,
      location: places.location,
      ...(places.locations.length > 1 ? { locations: places.locations } : {}),
      origin: places.origin,
      time,
      size:
        trigger.frame === "movement" || trigger.frame === "attack" || trigger.frame === "capture"
          ? sizeFor(ad, trigger)
          : null,
      fatalities: trigger.frame === "attack" || trigger.frame === "capture" ? fatalitiesFor(ad, trigger) : null,
      source: sourceFor(ad, trigger),
      evidence: [evidenceFor(ad, trigger)],
      confidence: Math.round((0.4 + 0.15 * found + (hedged ? -0.15 : 0.05)) * 100) / 100,
      trigger: triggerField(trigger),
    });
  }
  return events;
}
