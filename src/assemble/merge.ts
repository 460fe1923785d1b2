// Within one document, the same event is often told twice (lede and body) or in two verbs ("arrived … after
// traveling from"). Merge such drafts: same type, modality and initiator, compatible places and times.
// Within one sentence, several words often tell one incident ("airstrikes killed 12 civilians", "a grenade
// explosion", "stormed the base and detonated explosive vests"): those drafts become one event whose ACLED
// sub-type is the most specific of theirs, as ACLED codes one incident once.
import type { EventRecord, LocationField } from "../model/types.ts";
import { haversine } from "./distance.ts";

const initiator = (e: EventRecord) => e.actors.find((a) => a.role === "actor1")?.canonical ?? null;
const target = (e: EventRecord) => e.actors.find((a) => a.role === "actor2")?.canonical ?? null;

function placesAgree(a: LocationField | null, b: LocationField | null): boolean {
  if (!a || !b) return true;
  if (a.lat === null || b.lat === null || a.lon === null || b.lon === null) return a.name === b.name;
  return haversine({ lat: a.lat, lon: a.lon }, { lat: b.lat, lon: b.lon }) <= Math.max(a.radius_km, b.radius_km, 5);
}

function timesAgree(a: EventRecord["time"], b: EventRecord["time"]): boolean {
  if (!a.start || !b.start) return true;
  return a.start <= (b.end ?? b.start) && b.start <= (a.end ?? a.start);
}

const GENERIC = new Set(["Attack", "Armed clash"]);

/** Death tolls far apart (more than double) tell different incidents. */
function tollsDiffer(a: EventRecord, b: EventRecord): boolean {
  if (a.fatalities === null || b.fatalities === null) return false;
  const [lo, hi] = [Math.min(a.fatalities, b.fatalities), Math.max(a.fatalities, b.fatalities)];
  return hi > 2 * lo + 2;
}

/**
 * Violence told again later in the article ("Airstrikes killed 12 … The strikes hit …"): ACLED-coded, same or
 * generic sub-types, no conflicting initiators, targets, places, times or tolls, and something that ties them:
 * both placed at the same spot; or the same initiator; or, when neither is placed, the same specific sub-type.
 * An event placed and one not are tied only by their initiator: the other may have a place sitrep could not
 * resolve.
 */
function sameViolence(a: EventRecord, b: EventRecord): boolean {
  const sa = a.acled?.sub_event_type;
  const sb = b.acled?.sub_event_type;
  if (!sa || !sb || (sa !== sb && !GENERIC.has(sa) && !GENERIC.has(sb))) return false;
  const [ia, ib, ta, tb] = [initiator(a), initiator(b), target(a), target(b)];
  if ((ia && ib && ia !== ib) || (ta && tb && ta !== tb)) return false;
  if (!placesAgree(a.location, b.location) || !timesAgree(a.time, b.time) || tollsDiffer(a, b)) return false;
  const sameInitiator = ia !== null && ia === ib;
  if (a.location && b.location) return (a.location.precision < 3 && b.location.precision < 3) || sameInitiator;
  if (a.location || b.location) return sameInitiator;
  return sameInitiator || (sa === sb && !GENERIC.has(sa));
}

function sameEvent(a: EventRecord, b: EventRecord, sameSentence: boolean): boolean {
  if (a.type !== b.type || a.modality !== b.modality) return false;
  const ia = initiator(a);
  const ib = initiator(b);
  if (sameSentence && a.type === "MOBILIZE" && (!ib || ia === ib)) return true;
  if (a.type === "ASSAULT" && sameViolence(a, b)) return true;
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
  for (const actor of b.actors) {
    if (a.actors.some((x) => x.canonical === actor.canonical)) continue;
    // one actor1 and one actor2 per event: further ones on a side are associates
    const lead = actor.role === "actor1" || actor.role === "actor2";
    const taken = lead && a.actors.some((x) => x.role === actor.role);
    a.actors.push(taken ? { ...actor, role: actor.role === "actor1" ? "assoc1" : "assoc2" } : actor);
  }
  a.confidence = Math.min(1, Math.max(a.confidence, b.confidence) + 0.05);
}

/** ACLED sub-types from the most specific (the one an incident is coded as) to the most generic. */
const PRECEDENCE = [
  "Chemical weapon",
  "Suicide bomb",
  "Government regains territory",
  "Non-state actor overtakes territory",
  "Non-violent transfer of territory",
  "Air/drone strike",
  "Shelling/artillery/missile attack",
  "Grenade",
  "Remote explosive/landmine/IED",
  "Sexual violence",
  "Abduction/forced disappearance",
  "Mob violence",
  "Excessive force against protesters",
  "Violent demonstration",
  "Protest with intervention",
  "Peaceful protest",
  "Looting/property destruction",
  "Attack",
  "Armed clash",
];
/** How far apart (in characters) two words of one incident may be. */
const INCIDENT_GAP = 80;
const ARMED = new Set([1, 2, 3, 4, 8]);

/** An incident told as both "attack" and "clash": ACLED calls it a clash when armed actors are on the target
 * side, an attack on civilians when civilians are. */
function attackOrClash(e: EventRecord, subTypes: Set<string>): void {
  if (!subTypes.has("Attack") || !subTypes.has("Armed clash")) return;
  const targets = e.actors.filter((x) => x.role.endsWith("2"));
  if (targets.some((x) => ARMED.has(x.inter))) e.acled = { event_type: "Battles", sub_event_type: "Armed clash" };
  else if (targets.some((x) => x.inter === 7))
    e.acled = { event_type: "Violence against civilians", sub_event_type: "Attack" };
}

const rank = (e: EventRecord) => {
  const i = PRECEDENCE.indexOf(e.acled?.sub_event_type ?? "");
  return i < 0 ? PRECEDENCE.length : i;
};

/** Two drafts of one sentence that tell one violent incident: same type and modality, ACLED-coded, triggers
 * close together (`lastEnd`: where the incident's last trigger ends), no two different initiators, compatible
 * places. */
function sameIncident(a: EventRecord, b: EventRecord, lastEnd: number): boolean {
  if (a.evidence[0].start !== b.evidence[0].start || a.type !== b.type || a.modality !== b.modality) return false;
  if (b.trigger.start - lastEnd > INCIDENT_GAP) return false;
  if (!a.acled || !b.acled || rank(a) === PRECEDENCE.length || rank(b) === PRECEDENCE.length) return false;
  const [fa, fb] = [FAMILY[a.acled.sub_event_type], FAMILY[b.acled.sub_event_type]];
  if (fa !== "generic" && fb !== "generic" && fa !== fb) return false;
  const [ia, ib, ta, tb] = [initiator(a), initiator(b), target(a), target(b)];
  if (ia && ib && ia !== ib) return false;
  // one side's initiator is the other's target: two events told from two sides, not one
  if ((ia && ia === tb) || (ib && ib === ta)) return false;
  return placesAgree(a.location, b.location);
}

/** Sub-types that may tell one incident together: an explosion, a territorial battle, a protest, an act of
 * violence against civilians; generic violence joins any of them. */
const FAMILY: Record<string, string> = {
  "Chemical weapon": "explosion",
  "Suicide bomb": "explosion",
  "Air/drone strike": "explosion",
  "Shelling/artillery/missile attack": "explosion",
  Grenade: "explosion",
  "Remote explosive/landmine/IED": "explosion",
  "Government regains territory": "territory",
  "Non-state actor overtakes territory": "territory",
  "Non-violent transfer of territory": "territory",
  "Sexual violence": "sexual",
  "Abduction/forced disappearance": "abduction",
  "Mob violence": "riot",
  "Violent demonstration": "protest",
  "Excessive force against protesters": "protest",
  "Protest with intervention": "protest",
  "Peaceful protest": "protest",
  "Looting/property destruction": "looting",
  Attack: "generic",
  "Armed clash": "generic",
};

/** Merges drafts that tell the same event; keeps text order. */
export function mergeEvents(events: EventRecord[]): EventRecord[] {
  const incidents: EventRecord[] = [];
  const lastEnd = new Map<EventRecord, number>();
  const subTypes = new Map<EventRecord, Set<string>>();
  for (const e of events) {
    const twin = incidents.find((o) => sameIncident(o, e, lastEnd.get(o) ?? o.trigger.end));
    if (!twin) {
      incidents.push(e);
      lastEnd.set(e, e.trigger.end);
      subTypes.set(e, new Set(e.acled ? [e.acled.sub_event_type] : []));
      continue;
    }
    if (rank(e) < rank(twin)) twin.acled = e.acled;
    fold(twin, e);
    lastEnd.set(twin, e.trigger.end);
    const seen = subTypes.get(twin) ?? new Set<string>();
    if (e.acled) seen.add(e.acled.sub_event_type);
    attackOrClash(twin, seen);
  }
  const out: EventRecord[] = [];
  for (const e of incidents) {
    const twin = out.find((o) => sameEvent(o, e, o.evidence[0].start === e.evidence[0].start));
    if (!twin) {
      out.push(e);
      continue;
    }
    const subTypes = new Set([twin.acled?.sub_event_type ?? "", e.acled?.sub_event_type ?? ""]);
    const bothGeneric = [...subTypes].every((x) => GENERIC.has(x));
    if (!bothGeneric && rank(e) < rank(twin)) twin.acled = e.acled;
    fold(twin, e);
    if (bothGeneric) attackOrClash(twin, subTypes);
  }
  return out;
}
