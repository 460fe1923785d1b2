// Where an event happened and where a movement started: picks among the document's place mentions
// (relative expressions first, then plain toponyms) around a trigger, skipping places that only say where a
// source sits ("a military source in east Homs") and resolving "the city" to the last city named.

import type {
  AnnotatedDocument,
  LocationField,
  PlaceMention,
  RelativePlaceMention,
  Span,
  TriggerMention,
} from "../model/types.ts";
import { clauseAt, covering, lastStartingIn, overlapping, overlaps, sentenceAt, within } from "./context.ts";
import { namedNotWhere } from "./not-where.ts";

const REGION_FEATURES = /^(ADM1|ADM2|PCL|PCLI|RGN|ADMD|CONT|OCN|SEA|GULF|BAY)/;
const DEFAULT_RADIUS: Record<string, number> = { PCLI: 300, PCL: 300, ADM1: 80, ADM2: 30, RGN: 60 };

/** A plain toponym as an output location. */
export function placeLocation(m: PlaceMention, span: Span = m): LocationField {
  const p = m.place;
  const feature = p?.feature ?? "";
  const region = REGION_FEATURES.test(feature);
  return {
    name: m.text, // as written: "Palmyra", not GeoNames' "Tadmur"
    lat: p?.lat ?? null,
    lon: p?.lon ?? null,
    radius_km: p?.radiusKm ?? DEFAULT_RADIUS[feature] ?? 5,
    precision: region ? 3 : 1,
    ...(p?.geonameid ? { geonameid: p.geonameid } : {}),
    ...(p?.country ? { country: p.country } : {}),
    ...(p?.admin1 ? { admin1: p.admin1 } : {}),
    start: span.start,
    end: span.end,
  };
}

/** A relative expression as an output location. */
export function relativeLocation(r: RelativePlaceMention): LocationField {
  const l = r.location;
  return {
    name: l.name,
    lat: l.lat,
    lon: l.lon,
    radius_km: l.radiusKm,
    precision: l.precision,
    ...(l.anchor ? { anchor: l.anchor } : {}),
    ...(l.bearingDeg !== undefined ? { bearing_deg: l.bearingDeg } : {}),
    ...(l.country ? { country: l.country } : {}),
    ...(l.admin1 ? { admin1: l.admin1 } : {}),
    start: r.start,
    end: r.end,
  };
}

interface Candidate extends Span {
  location: LocationField;
  city: boolean;
  /** A whole country ("Syria"): the least precise location an event can have. */
  country: boolean;
}

/** Words before a place that make it where people come from: "militants from", "refugees from", "natives of". */
const PEOPLE_FROM =
  /\b(?:(?:militants|fighters|mercenaries|jihadists|volunteers|recruits|refugees|migrants|civilians|residents|families|people|nationals|citizens|troops|soldiers|delegates|delegation|envoys?)\s+(?:who\s+(?:came|come|had\s+come)\s+)?from|natives?\s+of)\s+(?:the\s+)?$/i;

const ANAPHOR =
  /\bthe\s+(?:(?:ancient|coastal|besieged|strategic|northern|southern|eastern|western|whole|entire|embattled|historic|old)\s+)?(city|town|village)(?:\s+itself)?\b(?!\s+(?:of|called|named)\b)/gi;

/** Every place a record may be located at, in text order, without those that only locate a source. */
export function locationCandidates(ad: AnnotatedDocument): Candidate[] {
  const sourceSpans = ad.attributions.flatMap((a) => a.sources).sort((a, b) => a.start - b.start);
  const notSource = (s: Span) => overlapping(sourceSpans, s).length === 0;
  const out: Candidate[] = [];
  const peopleFrom = (s: Span) => PEOPLE_FROM.test(ad.doc.text.slice(Math.max(0, s.start - 40), s.start));
  for (const r of ad.relativePlaces) {
    if (notSource(r) && r.location.lat !== null && !peopleFrom(r))
      out.push({ start: r.start, end: r.end, location: relativeLocation(r), city: false, country: false });
  }
  const named = ad.places.filter((m) => !m.demonym); // "Syrian" names a country, not where something happened
  const notWhere = namedNotWhere(ad, named);
  for (const m of named) {
    if (notWhere.has(m)) continue;
    // "militants from the North Caucasus", "natives of Chechnya": where people come from, not where it happened
    if (peopleFrom(m)) continue;
    if (m.street) continue; // no point of its own: a location only through its "within" expression
    if (!notSource(m) || overlapping(ad.relativePlaces, m).length) continue;
    if (covering(ad.actors, m).length) continue;
    const feature = m.place?.feature ?? "";
    const kind = { city: /^PPL/.test(feature), country: /^PCL/.test(feature) };
    out.push({ start: m.start, end: m.end, location: placeLocation(m), ...kind });
  }
  for (const m of ad.doc.text.matchAll(ANAPHOR)) {
    const span = { start: m.index ?? 0, end: (m.index ?? 0) + m[0].length };
    if (out.some((c) => overlaps(c, span))) continue;
    const antecedent = lastStartingIn(
      ad.places,
      0,
      span.start + 1,
      (p) => !p.demonym && p.end <= span.start && /^PPL/.test(p.place?.feature ?? ""),
    );
    if (antecedent) out.push({ ...span, location: placeLocation(antecedent, span), city: true, country: false });
  }
  return out.sort((a, b) => a.start - b.start);
}

const DESTINATION_CUE = /\b(?:in|to|into|towards?|at|reach(?:ed)?|near|outside|on|inside|entered)\s+(?:\S+\s+){0,4}$/i;
const ORIGIN_CUE = /\bfrom\s+(?:\S+\s+){0,5}$/i;

export interface EventPlaces {
  location: LocationField | null;
  locations: LocationField[];
  origin: LocationField | null;
}

/** Picks location (and origin for movements) of the event announced by `trigger`. */
export function placesFor(ad: AnnotatedDocument, trigger: TriggerMention, candidates: Candidate[]): EventPlaces {
  const text = ad.doc.text;
  const clause = clauseAt(ad, trigger.start);
  const sentence = sentenceAt(ad, trigger.start);
  const inClause = within(candidates, clause);
  const after = inClause.filter((c) => c.start >= trigger.end);
  const before = inClause.filter((c) => c.end <= trigger.start);
  const lead = (c: Candidate) => text.slice(Math.max(clause.start, c.start - 50), c.start);
  const origin = after.find((c) => ORIGIN_CUE.test(lead(c))) ?? null;
  let location: Candidate | undefined;
  if (trigger.frame === "movement") {
    location = after.find((c) => c !== origin && DESTINATION_CUE.test(lead(c)) && !ORIGIN_CUE.test(lead(c)));
    location ??= before.filter((c) => DESTINATION_CUE.test(lead(c))).at(-1);
  } else {
    location = after.find((c) => c !== origin) ?? before.at(-1);
  }
  location ??= within(candidates, sentence)
    .filter((c) => c !== origin)
    .find((c) => c.start >= trigger.end);
  // "a helicopter was shot down near Saraqeb, killing all five … since operations began in Syria": a whole
  // country gives way to a place in it that the same clause names, the nearest to the trigger (ACLED codes the
  // most precise place the report gives)
  if (location?.country) {
    const chosen = location;
    const inside = inClause.filter(
      (c) => !c.country && c !== origin && c.location.country && c.location.country === chosen.location.country,
    );
    const distance = (c: Candidate) => (c.start >= trigger.end ? c.start - trigger.end : trigger.start - c.end);
    location = inside.sort((a, b) => distance(a) - distance(b))[0] ?? location;
  }
  const locations = location ? [location.location] : [];
  // multi-location events: "in X and Y" — other places joined to the chosen one by "and"/","
  if (location) {
    let last = location;
    for (const c of after.filter((x) => x.start > location.end && x !== origin)) {
      if (!/^\s*(?:,|and|,\s*and)\s*$/.test(text.slice(last.end, c.start))) break;
      locations.push(c.location);
      last = c;
    }
  }
  return {
    location: location?.location ?? null,
    locations,
    origin: trigger.frame === "movement" && origin ? origin.location : null,
  };
}
