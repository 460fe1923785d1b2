// Where an event happened and where a movement started: picks among the document's place mentions
// (relative expressions first, then plain toponyms) around a trigger, skipping places that only say where a
// source sits ("a military source in east Homs") and resolving "the city" to the last city named.

import { haversineKm } from "../ground/geo.ts";
import type {
  AnnotatedDocument,
  LocationField,
  PlaceMention,
  RelativePlaceMention,
  Span,
  TriggerMention,
} from "../model/types.ts";
import {
  clauseAt,
  covering,
  firstStartingAt,
  lastStartingIn,
  overlapping,
  overlaps,
  sentenceAt,
  within,
} from "./context.ts";

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
}

/** Seas and gulfs, and the words after one that make it a modifier ("the Mediterranean coastal city of X"). */
const WATERS = /^(?:OCN|SEA|GULF|BAY)$/;
const SHORE_AFTER =
  /^\s+(?:coast|coastal|coastline|coasts|shore|shores|seaboard|littoral|port|ports|island|islands)\b/i;

const PEOPLE_FROM =
  /\b(?:(?:militants|fighters|mercenaries|jihadists|volunteers|recruits|refugees|migrants|civilians|residents|families|people|nationals|citizens|troops|soldiers|delegates|delegation|envoys?)\s+(?:who\s+(?:came|come|had\s+come)\s+)?from|natives?\s+of)\s+(?:the\s+)?$/i;

/** An apostrophe's possessive right after a name ("Syria's", "Homs'"). */
const POSSESSIVE_AFTER = /^['’]s?(?![\p{L}\p{N}])/u;
/** Up to three lower-case words between a possessor and the place it holds ("Syria's rebel-held northern Idlib"). */
const HELD_BETWEEN = /^(?:['’]s?)?\s+(?:[\p{Ll}-]+\s+){0,3}$/u;

/** Whether a resolved mention is in the possessive: "Syria's", "Homs'", or "Syrias" where the apostrophe was lost. */
function possessive(m: PlaceMention, text: string): boolean {
  const name = m.place?.name ?? "";
  if (/s$/.test(m.text) && !/s$/i.test(name) && !/s$/i.test(m.text.slice(0, -1))) return true;
  return POSSESSIVE_AFTER.test(text.slice(m.end, m.end + 3));
}

/**
 * The country most of the document's place mentions lie in (demonyms count; a country named only as a modifier
 * does not), or null.
 */
function focusCountry(ad: AnnotatedDocument, modifiers: Set<PlaceMention>): string | null {
  const counts = new Map<string, number>();
  for (const m of ad.places) {
    const country = m.place?.country;
    if (country && !modifiers.has(m)) counts.set(country, (counts.get(country) ?? 0) + 1);
  }
  let best: string | null = null;
  for (const [c, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = c;
  return best;
}

/**
 * Whether `m` is a container in the possessive before the place it holds: "Syria's Idlib province", "Iraq's
 * Mosul", "Aleppo's Sukkari district" (and "Syrias Idlib", as copied text without its apostrophes writes it). Such
 * a name says where the next place is, not where the event was: the next place is the more precise location. The
 * next place must lie in the container: the same country, and for a place narrower than a country its first-order
 * division or within its radius.
 */
function possessorOf(m: PlaceMention, next: PlaceMention | undefined, text: string): boolean {
  const p = m.place;
  const q = next?.place;
  if (!next || !p || !q || next.demonym || next.start - m.end > 40 || p.country !== q.country) return false;
  if (!possessive(m, text)) return false;
  if (!HELD_BETWEEN.test(text.slice(m.end, next.start))) return false;
  if (/^PCL/.test(p.feature)) return true;
  return (!!p.admin1 && p.admin1 === q.admin1) || haversineKm(p, q) <= (p.radiusKm ?? 10) * 1.5 + 10;
}

/** A country joined by a hyphen to the word after or before it: "US-led", "U.S.-backed", "US-Russian", "Russian-US". */
const HYPHEN_AFTER = /^[-‐‑]\p{L}/u;
const HYPHEN_BEFORE = /\p{L}[-‐‑]$/u;
/** Words before a name that make it where something is: "in Syria last week" is a place, "a US airstrike" is not. */
const LOCATIVE_BEFORE =
  /\b(?:in|into|inside|across|throughout|within|to|from|at|near|over|outside|around|toward|towards)\s+(?:the\s+)?$/i;

/**
 * Whether a country's name is used as a modifier, like a demonym ("a suspected US airstrike", "the US-backed
 * Syrian Democratic Forces", "a US-Russian brokered ceasefire"): joined by a hyphen, or right before a lower-case
 * noun or adjective (wink's tags) and not after a locative word ("an airstrike in Syria last week" stays Syria).
 * It says whose, not where. Possessives are left alone ("Syria's war has killed…" stays in Syria).
 */
function countryModifier(m: PlaceMention, ad: AnnotatedDocument): boolean {
  if (!/^PCL/.test(m.place?.feature ?? "")) return false;
  const text = ad.doc.text;
  if (possessive(m, text)) return false;
  if (
    HYPHEN_AFTER.test(text.slice(m.end, m.end + 2)) ||
    HYPHEN_BEFORE.test(text.slice(Math.max(0, m.start - 2), m.start))
  )
    return true;
  if (text[m.end] !== " " || LOCATIVE_BEFORE.test(text.slice(Math.max(0, m.start - 20), m.start))) return false;
  const next = ad.tokens[firstStartingAt(ad.tokens, m.end + 1)];
  return next?.start === m.end + 1 && /^\p{Ll}/u.test(next.text) && (next.pos === "NOUN" || next.pos === "ADJ");
}

/**
 * "backed by Moscow", "a truce agreed by Russia and the United States", "agreed by Turkey Russia and Iran": a state
 * (or its capital) after "by", alone or in a list of names, is an agent.
 */
const AGENT_BEFORE = /\bby\s+(?:the\s+)?(?:\p{Lu}[\p{L}.'’-]*(?:\s+|\s*,\s*)(?:and\s+)?(?:the\s+)?){0,4}$/u;
/** "the Islamic State (banned in Russia)": a group's legal status somewhere, not where anything happened. */
const STATUS_BEFORE = /\b(?:banned|outlawed|prohibited|proscribed|illegal)\s+in\s+(?:the\s+)?$/i;

/**
 * Whether a country or a capital is named as a state that acts, not as a place: after "by" ("backed by Moscow"),
 * or as the subject of a verb ("Moscow denied bombing hospitals", "the US launched a cruise missile attack") when
 * the text is not about that country ("Damascus has been the scene of heavy fighting" stays Damascus).
 */
function stateAsActor(m: PlaceMention, ad: AnnotatedDocument, focus: string | null): boolean {
  const text = ad.doc.text;
  if (!/^(?:PCL|PPLC)/.test(m.place?.feature ?? "") || possessive(m, text)) return false; // "by Syria's rebels"
  const before = text.slice(Math.max(0, m.start - 60), m.start);
  if (AGENT_BEFORE.test(before)) return true;
  if (m.place?.country === focus || text[m.end] !== " " || LOCATIVE_BEFORE.test(before)) return false;
  const next = ad.tokens[firstStartingAt(ad.tokens, m.end + 1)];
  return next?.start === m.end + 1 && (next.pos === "VERB" || next.pos === "AUX");
}

/** "on the Syrian side of the border with Iraq": the country after "border with" is across it, not where. */
const ACROSS_BORDER = /\b(?:border|borders|frontier|boundary)(?:\s+crossings?)?\s+with\s+(?:the\s+)?$/i;

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
      out.push({ start: r.start, end: r.end, location: relativeLocation(r), city: false });
  }
  const named = ad.places.filter((m) => !m.demonym); // "Syrian" names a country, not where something happened
  // "a US airstrike" is whose, not where, unless the text is about that country ("the Syria war")
  const modifiers = new Set(named.filter((m) => countryModifier(m, ad)));
  const focus = focusCountry(ad, modifiers);
  for (let i = 0; i < named.length; i++) {
    const m = named[i];
    // "Syria's Idlib province": the possessor only says where the next place lies
    if (possessorOf(m, named[i + 1], ad.doc.text)) continue;
    if (modifiers.has(m) && m.place?.country !== focus) continue;
    if (stateAsActor(m, ad, focus) || STATUS_BEFORE.test(ad.doc.text.slice(Math.max(0, m.start - 30), m.start)))
      continue;
    if (
      /^PCL/.test(m.place?.feature ?? "") &&
      ACROSS_BORDER.test(ad.doc.text.slice(Math.max(0, m.start - 40), m.start))
    )
      continue;
    // "militants from the North Caucasus", "natives of Chechnya": where people come from, not where it happened
    if (peopleFrom(m)) continue;
    if (m.street) continue; // no point of its own: a location only through its "within" expression
    if (!notSource(m) || overlapping(ad.relativePlaces, m).length) continue;
    if (covering(ad.actors, m).length) continue;
    if (WATERS.test(m.place?.feature ?? "") && SHORE_AFTER.test(ad.doc.text.slice(m.end, m.end + 20))) continue;
    out.push({ start: m.start, end: m.end, location: placeLocation(m), city: /^PPL/.test(m.place?.feature ?? "") });
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
    if (antecedent) out.push({ ...span, location: placeLocation(antecedent, span), city: true });
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
