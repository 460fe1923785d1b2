// Event assembly: one draft event per trigger, with roles, places, time, size, fatalities, modality,
// source and evidence; ACLED sub-types refined from who acted on whom.
import type { AcledType, AnnotatedDocument, EventActor, EventRecord, TriggerMention } from "../model/types.ts";
import { evidenceFor, fatalitiesFor, recordId, sizeFor, sourceFor, timeFor, triggerField } from "./fields.ts";
import { locationCandidates, placesFor } from "./locations.ts";
import { modalityOf } from "./modality.ts";
import { eventActors, sidesOf } from "./roles.ts";

const CODED_BY_ACLED = new Set(["occurred", "ongoing"]);

/** ACLED's sub-type depends on the actors: a state retaking ground, civilians attacked, and so on. */
function refineAcled(trigger: TriggerMention, actors: EventActor[]): AcledType | null {
  if (!trigger.acled) return null;
  const a1 = actors.find((a) => a.role === "actor1");
  const a2 = actors.find((a) => a.role === "actor2");
  if (trigger.frame === "capture") {
    const state = a1 && (a1.inter === 1 || a1.inter === 8) && /^Military Forces|^Government/.test(a1.canonical);
    return {
      event_type: "Battles",
      sub_event_type: state ? "Government regains territory" : "Non-state actor overtakes territory",
    };
  }
  if (trigger.lemma === "kill") {
    if (a2 && a2.inter !== 7) return { event_type: "Battles", sub_event_type: "Armed clash" };
    return trigger.acled;
  }
  if (trigger.acled.event_type === "Battles" && a2?.inter === 7) {
    return { event_type: "Violence against civilians", sub_event_type: "Attack" };
  }
  return trigger.acled;
}

/** Drafts one event per trigger. */
export function assembleEvents(ad: AnnotatedDocument): EventRecord[] {
  const candidates = locationCandidates(ad);
  const sourceSpans = ad.attributions.flatMap((a) => a.sources);
  const events: EventRecord[] = [];
  for (const trigger of ad.triggers) {
    if (sourceSpans.some((s) => trigger.start >= s.start && trigger.end <= s.end)) continue;
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
      acled: CODED_BY_ACLED.has(modality) ? refineAcled(trigger, actors) : null,
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
