// PLOVER JSON (field names from the PLOVER manual's "JSON Data Fields" chapter), one object per event; control
// claims have no PLOVER counterpart and are left out. Mapping from an EventRecord:
//   id ← id · date / enddate ← time.start / time.end (YYYY-MM-DD; publication date when the event has none)
//   source ← actor1 + assoc1, recipient ← actor2 + assoc2, each {actor_text: name, identifier_text: canonical,
//     code: country alpha-3 or "", sector: MIL/REB/CVL for ACLED inter 1/2/7}
//   event ← [type] · quad_code ← PLOVER quad category of type (1 verbal coop … 4 material conflict)
//   mode ← PLOVER mode implied by the ACLED sub-event type ("Air/drone strike" → "heavy-weapons"), "" if none.
//     PLOVER's mode is *how* the act was done; sitrep's modality (occurred, planned, denied …) is not a PLOVER
//     notion, so it travels in the extra field `modality` (the manual invites extra named fields).
//   context ← ["military"] for armed clashes, remote violence and troop movements, else []
//   event_loc ← location as GeoNames-style fields (name, geonameid, latitude, longitude, "country code", cc3,
//     admin1) plus precision and radius_km · event_text ← [trigger text]
//   text ← evidence text · text_info ← {start, end} of the first evidence span
//   cite_info ← {citation: doc id, url, title, publication: outlet} · coder ← "sitrep" · extras: modality,
//     confidence, fatalities, acled {event_type, sub_event_type}
import type { Document, EventActor, EventRecord, LocationField, OutputRecord, PloverType } from "../../model/types.ts";
import { countryInfo } from "./countries.ts";
import { actorColumns, datePart, evidenceText, unique } from "./fields.ts";
import { type DocLookup, jsonArrayWriter, type Writer, writeAll } from "./writer.ts";

export interface PloverActor {
  actor_text: string;
  identifier_text: string;
  code: string;
  sector?: string;
}

export interface PloverRecord {
  id: string;
  date: string | null;
  enddate?: string;
  source: PloverActor[];
  recipient: PloverActor[];
  event: PloverType[];
  quad_code: 1 | 2 | 3 | 4;
  mode: string;
  context: string[];
  event_loc: Record<string, string | number | null> | null;
  event_text: string[];
  text: string;
  text_info: { start: number; end: number } | null;
  cite_info: { citation: string; url: string | null; title: string | null; publication: string | null };
  coder: string;
  modality: EventRecord["modality"];
  confidence: number;
  fatalities: number | null;
  acled: EventRecord["acled"];
}

const QUAD: Record<PloverType, 1 | 2 | 3 | 4> = {
  AGREE: 1,
  CONSULT: 1,
  SUPPORT: 1,
  CONCEDE: 1,
  COOPERATE: 2,
  AID: 2,
  RETREAT: 2,
  REQUEST: 3,
  ACCUSE: 3,
  REJECT: 3,
  SANCTION: 3,
  THREATEN: 3,
  PROTEST: 4,
  MOBILIZE: 4,
  COERCE: 4,
  ASSAULT: 4,
};

/** ACLED sub-event type → PLOVER mode (modes as in CAMEO2PLOVER and the PLOVER gold records). */
const MODE: Record<string, string> = {
  "Armed clash": "firearms",
  "Air/drone strike": "heavy-weapons",
  "Shelling/artillery/missile attack": "heavy-weapons",
  "Remote explosive/landmine/IED": "explosives",
  Grenade: "explosives",
  "Suicide bomb": "suicide-attack",
  "Chemical weapon": "unconventional",
  "Sexual violence": "sexual",
  "Abduction/forced disappearance": "abduct",
  Arrests: "arrest",
  "Looting/property destruction": "destroy",
  "Peaceful protest": "demo",
  "Protest with intervention": "demo",
  "Violent demonstration": "riot",
  "Mob violence": "riot",
};

const MILITARY_CONTEXT = new Set(["Battles", "Explosions/Remote violence"]);
const SECTOR: Record<number, string> = { 1: "MIL", 2: "REB", 7: "CVL" };

function ploverActor(a: EventActor): PloverActor {
  const actor: PloverActor = { actor_text: a.name, identifier_text: a.canonical, code: a.country ?? "" };
  if (SECTOR[a.inter]) actor.sector = SECTOR[a.inter];
  return actor;
}

function eventLoc(loc: LocationField | null): PloverRecord["event_loc"] {
  if (!loc) return null;
  return {
    name: loc.name,
    geonameid: loc.geonameid ?? loc.anchor?.geonameid ?? null,
    latitude: loc.lat,
    longitude: loc.lon,
    "country code": loc.country ?? null,
    cc3: countryInfo(loc.country)?.alpha3 ?? null,
    admin1: loc.admin1 ?? null,
    precision: loc.precision,
    radius_km: loc.radius_km,
  };
}

/** The PLOVER object for an event; null for control claims. */
export function toPlover(record: OutputRecord, doc?: Document): PloverRecord | null {
  if (record.kind !== "event") return null;
  const e = record;
  const { actor1, assoc1, actor2, assoc2 } = actorColumns(e);
  const date = datePart(e.time.start ?? e.time.end) ?? datePart(doc?.published);
  const end = datePart(e.time.end);
  const military = (e.acled && MILITARY_CONTEXT.has(e.acled.event_type)) || e.type === "MOBILIZE";
  const p: PloverRecord = {
    id: e.id,
    date,
    ...(end && end !== date ? { enddate: end } : {}),
    source: [actor1, ...assoc1].filter((a) => a !== null).map(ploverActor),
    recipient: [actor2, ...assoc2].filter((a) => a !== null).map(ploverActor),
    event: [e.type],
    quad_code: QUAD[e.type],
    mode: (e.acled && MODE[e.acled.sub_event_type]) ?? "",
    context: military ? ["military"] : [],
    event_loc: eventLoc(e.location),
    event_text: unique([e.trigger.text]),
    text: evidenceText(e),
    text_info: e.evidence[0] ? { start: e.evidence[0].start, end: e.evidence[0].end } : null,
    cite_info: {
      citation: e.doc,
      url: doc?.url ?? null,
      title: doc?.title ?? null,
      publication: e.source.outlet ?? doc?.outlet ?? null,
    },
    coder: "sitrep",
    modality: e.modality,
    confidence: e.confidence,
    fatalities: e.fatalities,
    acled: e.acled,
  };
  return p;
}

export function ploverWriter(docs?: DocLookup): Writer {
  return jsonArrayWriter("[", "]", (r) => toPlover(r, docs?.get(r.doc)));
}

export function toPloverJson(records: OutputRecord[], docs?: DocLookup): string {
  return writeAll(ploverWriter(docs), records);
}
