// Within one document, the same event is often told twice (lede and body) or in two verbs ("arrived … after
// traveling from"). Merge such drafts: same type, modality and initiator, compatible places and times.
import type { EventRecord, LocationField } from "../model/types.ts";
import { haversine } from "./distance.ts";

const initiator = (e: EventRecord) => e.actors.find((a) => a.role === "actor1")?.canonical ?? null;

function placesAgree(a: LocationField | null, b: LocationField | null): boolean {
  if (!a || !b) return true;
  if (a.lat === null || b.lat === null || a.lon === null || b.lon === null) return a.name === b.name;
  return haversine({ lat: a.lat, lon: a.lon }, { lat: b.lat, lon: b.lon }) <= Math.max(a.radius_km, b.radius_km, 5);
}

function timesAgree(a: EventRecord["time"], b: EventRecord["time"]): boolean {
  if (!a.start || !b.start) return true;
  return a.start <= (b.end ?? b.start) && b.start <= (a.end ?? a.start);
}

function sameEvent(a: EventRecord, b: EventRecord, sameSentence: boolean): boolean {
  if (a.type !== b.type || a.modality !== b.modality) return false;
  const ia = initiator(a);
  const ib = initiator(b);
  if (sameSentence && a.type === "MOBILIZE" && (!ib || ia === ib)) return true;
  if (!ia || ia !== ib) return false;
  if (!a.location || !b.location) return false;
  return placesAgree(a.location, b.location) && placesAgree(a.origin, b.origin) && timesAgree(a.time, b.time);
}

/** Folds `b` into `a`: missing fields filled, evidence and sources joined. */
function fold(a: EventRecord, b: EventRecord): void {
  a.location ??= b.location;
  a.origin ??= b.origin;
  if (!a.time.start && b.time.start) a.time = b.time;
  a.size ??= b.size;
  a.fatalities ??= b.fatalities;
  a.source.chain = [...new Set([...a.source.chain, ...b.source.chain])];
  for (const e of b.evidence) if (!a.evidence.some((x) => x.start === e.start)) a.evidence.push(e);
  const names = new Set(a.actors.map((x) => `${x.canonical}|${x.role}`));
  for (const actor of b.actors) if (!names.has(`${actor.canonical}|${actor.role}`)) a.actors.push(actor);
  a.confidence = Math.min(1, Math.max(a.confidence, b.confidence) + 0.05);
}

/** Merges drafts that tell the same event; keeps text order. */
export function mergeEvents(events: EventRecord[]): EventRecord[] {
  const out: EventRecord[] = [];
  for (const e of events) {
    const twin = out.find((o) => sameEvent(o, e, o.evidence[0].start === e.evidence[0].start));
    if (twin) fold(twin, e);
    else out.push(e);
  }
  return out;
}
