// ACLED-compatible CSV: ACLED's 31 columns in ACLED's order, RFC 4180 quoting, CRLF line ends.
// Only events with an `acled` type become rows. Conventions follow ACLED's codebook (classic numeric inter codes):
// - time_precision: 1 exact day; 2 a range of up to ~a week (event_date = its middle day); 3 a month, a longer
//   range or no date (event_date = middle of the range).
// - inter1/inter2: ACLED actor type codes (1 state forces … 8 external/other); inter2 is 0 without a second actor.
// - interaction: the two codes smaller first (12 = state forces vs rebels, 17 = state forces vs civilians); a sole
//   actor gives its code followed by 0 (10 = state forces acting alone, 60 = sole protesters).
// - location/latitude/longitude: the named place; for a relative place ("40 km west of Palmyra", precision 2) the
//   anchor town with geo_precision 2, as ACLED codes "near" events. admin2/admin3/source_scale stay empty.
// - notes: the evidence text; source: attribution chain and outlet; timestamp: the document's publication date in
//   Unix seconds (ACLED's is its upload time), empty when unknown.
import type { Document, EventRecord, OutputRecord } from "../../model/types.ts";
import { countryInfo } from "./countries.ts";
import { actorColumns, actorLabel, actorList, datePart, evidenceText, sourceText } from "./fields.ts";

export const ACLED_COLUMNS = [
  "event_id_cnty",
  "event_date",
  "year",
  "time_precision",
  "disorder_type",
  "event_type",
  "sub_event_type",
  "actor1",
  "assoc_actor_1",
  "inter1",
  "actor2",
  "assoc_actor_2",
  "inter2",
  "interaction",
  "civilian_targeting",
  "iso",
  "region",
  "country",
  "admin1",
  "admin2",
  "admin3",
  "location",
  "latitude",
  "longitude",
  "geo_precision",
  "source",
  "source_scale",
  "notes",
  "fatalities",
  "tags",
  "timestamp",
] as const;

export type AcledColumn = (typeof ACLED_COLUMNS)[number];
export type AcledRow = Record<AcledColumn, string | number>;

const DISORDER: Record<string, string> = {
  Battles: "Political violence",
  "Explosions/Remote violence": "Political violence",
  "Violence against civilians": "Political violence",
  Protests: "Demonstrations",
  Riots: "Demonstrations",
  "Strategic developments": "Strategic developments",
};

/** One RFC 4180 field: quoted when it holds a comma, a quote or a line break; quotes doubled. */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvLine(values: (string | number)[]): string {
  return `${values.map(csvField).join(",")}\r\n`;
}

export function acledHeader(): string {
  return csvLine([...ACLED_COLUMNS]);
}

/** The CSV line for a record, or "" when it is not an ACLED-codable event. */
export function acledLine(record: OutputRecord, doc?: Document): string {
  const row = acledRow(record, doc);
  return row ? csvLine(ACLED_COLUMNS.map((c) => row[c])) : "";
}

/** ACLED's columns for an event with an `acled` type; null otherwise. */
export function acledRow(record: OutputRecord, doc?: Document): AcledRow | null {
  if (record.kind !== "event" || !record.acled) return null;
  const e = record;
  const acled = record.acled;
  const { date, precision } = acledDate(e, doc);
  const { actor1, assoc1, actor2, assoc2 } = actorColumns(e);
  const inter1 = actor1?.inter ?? 0;
  const inter2 = actor2?.inter ?? 0;
  const loc = e.location;
  const place = loc?.anchor && loc.precision > 1 ? loc.anchor : loc;
  const country = countryInfo(loc?.country);
  const targets = [actor2, ...assoc2];
  const civilianTargeting =
    acled.event_type === "Violence against civilians" ||
    (["Explosions/Remote violence", "Riots"].includes(acled.event_type) && targets.some((a) => a?.inter === 7));
  const published = Date.parse(datePart(doc?.published) ?? "");
  return {
    event_id_cnty: `${country?.alpha3 ?? "XXX"}${fnv1a(e.id)}`,
    event_date: date,
    year: date.slice(0, 4),
    time_precision: precision,
    disorder_type: DISORDER[acled.event_type] ?? "",
    event_type: acled.event_type,
    sub_event_type: acled.sub_event_type,
    actor1: actorLabel(actor1),
    assoc_actor_1: actorList(assoc1),
    inter1,
    actor2: actorLabel(actor2),
    assoc_actor_2: actorList(assoc2),
    inter2,
    interaction: interaction(inter1, inter2),
    civilian_targeting: civilianTargeting ? "Civilian targeting" : "",
    iso: country?.numeric ?? "",
    region: country?.region ?? "",
    country: country?.name ?? "",
    admin1: loc?.admin1 ?? "",
    admin2: "",
    admin3: "",
    location: place?.name ?? "",
    latitude: coord(place?.lat),
    longitude: coord(place?.lon),
    geo_precision: loc?.precision ?? "",
    source: sourceText(e, doc),
    source_scale: "",
    notes: evidenceText(e),
    fatalities: e.fatalities ?? 0,
    tags: ["Protests", "Riots"].includes(acled.event_type) ? `crowd size=${e.size?.text || "no report"}` : "",
    timestamp: Number.isNaN(published) ? "" : published / 1000,
  };
}

/** ACLED's combined interaction code (see the header comment); "" when no actor has a code. */
export function interaction(inter1: number, inter2: number): number | "" {
  const codes = [inter1, inter2].filter((c) => c > 0).sort((a, b) => a - b);
  if (codes.length === 2) return codes[0] * 10 + codes[1];
  return codes.length === 1 ? codes[0] * 10 : "";
}

const DAY = 86_400_000;

/** ACLED's event_date and time_precision for an event's time range (publication date when it has none). */
export function acledDate(e: EventRecord, doc?: Document): { date: string; precision: 1 | 2 | 3 } {
  const start = datePart(e.time.start ?? e.time.end);
  const end = datePart(e.time.end ?? e.time.start);
  if (!start || !end) return { date: datePart(doc?.published) ?? "", precision: 3 };
  const t0 = Date.parse(start);
  const t1 = Date.parse(end);
  if (Number.isNaN(t0) || Number.isNaN(t1)) return { date: start, precision: 3 };
  const days = Math.round((t1 - t0) / DAY);
  const middle = new Date(t0 + Math.floor(days / 2) * DAY).toISOString().slice(0, 10);
  if (e.time.precision === "month" || e.time.precision === "year") return { date: middle, precision: 3 };
  if (days <= 0) return { date: start, precision: 1 };
  return { date: middle, precision: days <= 10 ? 2 : 3 };
}

function coord(value: number | null | undefined): string {
  return value == null ? "" : String(Math.round(value * 1e4) / 1e4);
}

/** A stable decimal number from an id (32-bit FNV-1a), for event_id_cnty. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The whole CSV for a batch of records: header, then one row per ACLED-codable event. */
export function toAcledCsv(records: OutputRecord[], docs?: Map<string, Document>): string {
  return acledHeader() + records.map((r) => acledLine(r, docs?.get(r.doc))).join("");
}
