// Relative place recogniser: expressions built on a place mention ("some 40km west of Palmyra", "the western
// countryside of Palmyra", "east Homs", "northern Aleppo countryside", "Idlib's southern countryside",
// "the outskirts of X", "near X", "between X and Y"). Reads `ad.places`, fills `ad.relativePlaces`.

import { type Extent, isRegion, ownExtent, placeRadius, relativeExtent } from "../ground/gazetteer/extent.ts";
import { bearingOf, haversineKm, midpoint } from "../ground/geo.ts";
import type {
  AnnotatedDocument,
  Location,
  PlaceMention,
  Recognizer,
  RelativeKind,
  RelativePlaceMention,
} from "../model/types.ts";

const DIR = "(?:north|south)(?:[- ]?(?:east|west))?|east|west";
const DIR_ADJ = `(?:${DIR})(?:ern)?`;
const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  hundred: 100,
};
const NUMBER = `\\d+(?:[.,]\\d+)?|${Object.keys(NUMBER_WORDS).join("|")}`;
const CITY_OF = "(?:the\\s+(?:city|town|village|province|capital|governorate|region)\\s+of\\s+)?";

/** Patterns on the text just before the anchor, most specific first; group names feed `relative()`. */
const BEFORE: [RelativeKind, RegExp][] = [
  [
    "distance",
    new RegExp(
      `(?:\\b(?:some|about|around|approximately|roughly|nearly|almost|just|over|under|more than|less than|up to|at least)\\s+)?\\b(?<n>${NUMBER})\\s*-?\\s*(?<unit>km|kms|kilomet(?:er|re)s?|mi|miles?)\\s+(?:to the\\s+)?(?<dir>${DIR}|[NS][EW]|[NSEW])\\s+(?:of|from)\\s+${CITY_OF}$`,
      "i",
    ),
  ],
  [
    "within",
    new RegExp(
      `\\b(?:within|up to)\\s+(?<n>${NUMBER})\\s*-?\\s*(?<unit>km|kms|kilomet(?:er|re)s?|mi|miles?)\\s+(?:of|from)\\s+${CITY_OF}$`,
      "i",
    ),
  ],
  ["between", /\bbetween\s+$/i],
  [
    "countryside",
    new RegExp(
      `\\b(?:the\\s+)?(?:(?<dir>${DIR_ADJ})\\s+)?(?:countryside|rural areas|hinterland)\\s+of\\s+${CITY_OF}$`,
      "i",
    ),
  ],
  [
    "outskirts",
    new RegExp(
      `\\b(?:the\\s+)?(?:(?<dir>${DIR_ADJ})\\s+)?(?:outskirts|suburbs|edges?|environs|periphery|entrances?)\\s+of\\s+${CITY_OF}$`,
      "i",
    ),
  ],
  [
    "part",
    new RegExp(
      `\\b(?:the\\s+)?(?<dir>${DIR_ADJ})\\s+(?:parts?|sides?|sectors?|districts|neighbou?rhoods|areas|regions?|reaches|flank|front)\\s+of\\s+${CITY_OF}$`,
      "i",
    ),
  ],
  ["part", new RegExp(`\\bthe\\s+(?<dir>${DIR})\\s+of\\s+${CITY_OF}$`, "i")],
  ["near", new RegExp(`\\b(?<dir>${DIR})\\s+of\\s+${CITY_OF}$`, "i")],
  ["countryside", /\brural\s+$/i],
  ["part", new RegExp(`\\b(?<dir>${DIR_ADJ})\\s+$`, "i")],
  [
    "near",
    /\b(?:near|nearby|around|close to|not far from|outside|in the vicinity of|in the area of|on the road to|the vicinity of)\s+(?:the\s+(?:city|town|village)\s+of\s+)?$/i,
  ],
];

/** Patterns on the text just after the anchor ("X countryside", "X's eastern countryside", "X outskirts"). */
const AFTER: [RelativeKind, RegExp][] = [
  [
    "countryside",
    new RegExp(`^(?:['’]s|s)?\\s+(?:(?<dir>${DIR_ADJ})\\s+)?(?:countryside|rural areas|hinterland)\\b`, "i"),
  ],
  ["outskirts", new RegExp(`^(?:['’]s|s)?\\s+(?:(?<dir>${DIR_ADJ})\\s+)?(?:outskirts|suburbs)\\b`, "i")],
  [
    "part",
    new RegExp(
      `^(?:['’]s|s)?\\s+(?<dir>${DIR_ADJ})\\s+(?:parts?|districts|neighbou?rhoods|sectors?|flank|front)\\b`,
      "i",
    ),
  ],
];

function toKm(n: string, unit: string): number {
  const value = NUMBER_WORDS[n.toLowerCase()] ?? Number(n.replace(",", "."));
  return /^mi/i.test(unit) ? value * 1.609344 : value;
}

function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** The Location of a mention: the place itself, or where a relative expression points. */
export function locationOf(mention: PlaceMention | RelativePlaceMention): Location {
  if ("kind" in mention) return mention.location;
  const { place } = mention;
  if (!place)
    return {
      start: mention.start,
      end: mention.end,
      name: mention.text,
      lat: null,
      lon: null,
      precision: 1,
      radiusKm: 5,
    };
  const e = ownExtent(place);
  const loc: Location = { start: mention.start, end: mention.end, name: mention.text, ...e, feature: place.feature };
  if (place.geonameid !== undefined) loc.geonameid = place.geonameid;
  if (place.country) loc.country = place.country;
  if (place.admin1) loc.admin1 = place.admin1;
  return loc;
}

function build(
  anchor: PlaceMention,
  kind: RelativeKind,
  span: { start: number; end: number; text: string },
  extent: Extent,
  extra: { bearingDeg?: number; distanceKm?: number } = {},
): RelativePlaceMention {
  const place = anchor.place!;
  const location: Location = {
    start: span.start,
    end: span.end,
    name: span.text,
    ...extent,
    anchor: { name: anchor.text, lat: place.lat, lon: place.lon },
  };
  if (place.geonameid !== undefined) location.anchor!.geonameid = place.geonameid;
  if (extra.bearingDeg !== undefined) location.bearingDeg = extra.bearingDeg;
  if (extra.distanceKm !== undefined) location.distanceKm = round(extra.distanceKm, 1);
  if (place.country) location.country = place.country;
  if (place.admin1) location.admin1 = place.admin1;
  return { ...span, kind, anchor, location };
}

/** "between X and Y": the midpoint, wide enough to cover both. */
function between(
  text: string,
  a: PlaceMention,
  b: PlaceMention | undefined,
  start: number,
): RelativePlaceMention | null {
  if (!b?.place || !a.place || !/^\s+and\s+$/i.test(text.slice(a.end, b.start))) return null;
  const mid = midpoint(a.place, b.place);
  const radiusKm = Math.max(5, haversineKm(a.place, b.place) / 2);
  const extent: Extent = { lat: round(mid.lat), lon: round(mid.lon), radiusKm: round(radiusKm, 1), precision: 2 };
  return build(a, "between", { start, end: b.end, text: text.slice(start, b.end) }, extent);
}

/** Recognises the relative expression built on `anchor`, if any. */
function relativeTo(text: string, anchor: PlaceMention, next: PlaceMention | undefined): RelativePlaceMention | null {
  const place = anchor.place;
  if (!place) return null;
  const before = text.slice(Math.max(0, anchor.start - 90), anchor.start);
  const base = anchor.start - before.length;
  for (const [kind, re] of BEFORE) {
    const m = re.exec(before);
    if (!m) continue;
    const start = base + m.index;
    if (kind === "between") {
      const r = between(text, anchor, next, start);
      if (r) return r;
      continue;
    }
    const g = m.groups ?? {};
    const bearing = g.dir ? (bearingOf(g.dir) ?? undefined) : undefined;
    const distanceKm = g.n && g.unit ? toKm(g.n, g.unit) : undefined;
    const span = { start, end: anchor.end, text: text.slice(start, anchor.end) };
    // "northern Aleppo countryside": a direction before and "countryside" after.
    const after = kind === "part" ? AFTER[0][1].exec(text.slice(anchor.end, anchor.end + 40)) : null;
    if (after && !after.groups?.dir) {
      span.end = anchor.end + after[0].length;
      span.text = text.slice(start, span.end);
      return build(anchor, "countryside", span, relativeExtent(place, "countryside", bearing), { bearingDeg: bearing });
    }
    return build(anchor, kind, span, relativeExtent(place, kind, bearing, distanceKm), {
      bearingDeg: bearing,
      distanceKm,
    });
  }
  for (const [kind, re] of AFTER) {
    const m = re.exec(text.slice(anchor.end, anchor.end + 40));
    if (!m) continue;
    const bearing = m.groups?.dir ? (bearingOf(m.groups.dir) ?? undefined) : undefined;
    const end = anchor.end + m[0].length;
    const span = { start: anchor.start, end, text: text.slice(anchor.start, end) };
    return build(anchor, kind, span, relativeExtent(place, kind, bearing), { bearingDeg: bearing });
  }
  return null;
}

/** Recognises the relative place expressions of a document whose places are known. */
export function recognizeRelativePlaces(text: string, places: PlaceMention[]): RelativePlaceMention[] {
  const out: RelativePlaceMention[] = [];
  places.forEach((anchor, i) => {
    const r = relativeTo(text, anchor, places[i + 1]);
    if (r && !out.some((o) => r.start < o.end && o.start < r.end)) out.push(r);
  });
  return out;
}

export const relativePlacesRecognizer: Recognizer = {
  name: "relative-places",
  run(ad: AnnotatedDocument) {
    // demonyms ("Syrian") anchor no relative expression, nor do streets, which have no point of their own
    const places = ad.places.filter((p) => !p.demonym && !p.street);
    const found = recognizeRelativePlaces(ad.doc.text, places);
    for (const s of ad.places) {
      const r = s.street && streetWithin(s);
      if (r && !found.some((o) => r.start < o.end && o.start < r.end)) found.push(r);
    }
    ad.relativePlaces.push(...found.sort((a, b) => a.start - b.start));
  },
};

/**
 * A street within its locality ("Main Street" in a text about Springfield): the locality's point with its
 * radius, precision 2 (3 when the locality is a region: the text names no town).
 */
export function streetWithin(street: PlaceMention): RelativePlaceMention | null {
  const anchor = street.street?.locality;
  if (!anchor?.place) return null;
  const extent: Extent = {
    lat: anchor.place.lat,
    lon: anchor.place.lon,
    radiusKm: round(placeRadius(anchor.place), 1),
    precision: isRegion(anchor.place) ? 3 : 2,
  };
  return build(anchor, "within", { start: street.start, end: street.end, text: street.text }, extent);
}
