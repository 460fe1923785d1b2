// PLOVER JSON (field names from the PLOVER manual's "JSON Data Fields" chapter), one object per event; control
// claims have no PLOVER counterpart and are left out. Mapping from an EventRecord:
//   id ← id · date / enddate ← time.start / time.end (YYYY-MM-DD; publication date when the event has none)
//   source ← actor1 + assoc1, recipient ← actor2 + assoc2, each {actor_text: name, identifier_text: canonical,
//     code: country alpha-3 or "", sector: MIL/REB/CVL for ACLED inter 1/2/7}
//   event ← [PLOVER type by PLOVER's conventions] (ploverEventType, plover-type.ts: a promised cooperative act
//     is AGREE, an intended conflictual act or a conditional promise THREATEN, a refused cooperative act REJECT,
//     "prepared to resume shelling" MOBILIZE; the same function `sitrep eval events` scores) · sitrep_type ←
//     type (sitrep's own act, an extra field) · quad_code ← PLOVER quad category of event[0]
//   mode ← PLOVER mode implied by the ACLED sub-event type ("Air/drone strike" → "heavy-weapons"), "" if none
//     or when event[0] differs from type (the sub-type describes the act, not the threat or promise of it).
//     PLOVER's mode is *how* the act was done; sitrep's modality (occurred, planned, denied …) is not a PLOVER
//     notion, so it travels in the extra field `modality` (the manual invites extra named fields).
//   context ← ["military"] for armed clashes, remote violence and troop movements, else []
//   The rules need the event that follows in the same sentence ("offered to … bomb" is a threat), so the writer
//   holds each run of consecutive records of one document and writes it when the next document starts (or at
//   the end). `sitrep extract` gives a document's records together; a query (`sitrep events`) orders by date,
//   so a follower with another date, or one filtered out, is not seen and the offer stays AGREE.
//   event_loc ← location as GeoNames-style fields (name, geonameid, latitude, longitude, "country code", cc3,
//     admin1) plus precision and radius_km · event_text ← [trigger text]
//   text ← evidence text · text_info ← {start, end} of the first evidence span
//   cite_info ← {citation: doc id, url, title, publication: outlet} · coder ← "sitrep" · extras: modality,
//     confidence, fatalities, acled {event_type, sub_event_type}
import type { Document, EventActor, EventRecord, LocationField, OutputRecord, PloverType } from "../../model/types.ts";
import { countryInfo } from "./countries.ts";
import { actorColumns, datePart, evidenceText, unique } from "./fields.ts";
import { ploverEventType } from "./plover-type.ts";
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
  /** sitrep's own type of the record (the act itself, whatever its modality). */
  sitrep_type: PloverType;
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

/**
 * The PLOVER object for an event; null for control claims. `others`: the other records of the same document at
 * hand (for the event that follows in the sentence, see ploverEventType).
 */
export function toPlover(
  record: OutputRecord,
  doc?: Document,
  others: readonly OutputRecord[] = [],
): PloverRecord | null {
  if (record.kind !== "event") return null;
  const e = record;
  const siblings = others.filter((r): r is EventRecord => r.kind === "event" && r.doc === e.doc);
  // the document text is only a fallback (the rules read the trigger's sentence, kept in the evidence)
  const type = ploverEventType(e, siblings, doc?.text || undefined);
  const { actor1, assoc1, actor2, assoc2 } = actorColumns(e);
  const date = datePart(e.time.start ?? e.time.end) ?? datePart(doc?.published);
  const end = datePart(e.time.end);
  const military =
    (e.acled && MILITARY_CONTEXT.has(e.acled.event_type)) || type === "MOBILIZE" || e.type === "MOBILIZE";
  const p: PloverRecord = {
    id: e.id,
    date,
    ...(end && end !== date ? { enddate: end } : {}),
    source: [actor1, ...assoc1].filter((a) => a !== null).map(ploverActor),
    recipient: [actor2, ...assoc2].filter((a) => a !== null).map(ploverActor),
    event: [type],
    sitrep_type: e.type,
    quad_code: QUAD[type],
    mode: (type === e.type && e.acled && MODE[e.acled.sub_event_type]) || "",
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

/**
 * A JSON array of PLOVER objects. Rows are held per run of consecutive records of one document and written when
 * another document's record comes (or in footer()), so each event is coded knowing the ones after it.
 */
export function ploverWriter(docs?: DocLookup): Writer {
  let run: OutputRecord[] = [];
  let held: OutputRecord[] = [];
  const array = jsonArrayWriter("[", "]", (r) => toPlover(r, docs?.get(r.doc), held));
  const flush = (): string => {
    held = run;
    run = [];
    return held.map((r) => array.row(r)).join("");
  };
  return {
    header: () => {
      run = [];
      return array.header();
    },
    row: (record) => {
      const out = run.length && run[0].doc !== record.doc ? flush() : "";
      run.push(record);
      return out;
    },
    footer: () => flush() + array.footer(),
  };
}

export function toPloverJson(records: OutputRecord[], docs?: DocLookup): string {
  return writeAll(ploverWriter(docs), records);
}
