// An outlet's home region, learned from its own documents: a local paper names its own state's towns again and
// again ("Alexandria" in the Alexandria, Louisiana paper is in Louisiana), which is the "local lexicon" of
// Lieberman et al. (2010). No gold and no list of outlets: the places sitrep resolved with confidence in an
// outlet's documents say where it is. The home then weighs in resolving each of its documents like one more
// mention of that region (`Document.home`, `resolveAll`).
import type { Document, Home } from "../model/types.ts";

/** What learning needs of a resolved place (a `PlaceRecord` has it). */
export interface ResolvedPlace {
  country: string | null;
  admin1: string | null;
  feature: string | null;
  confidence: number;
  relative?: unknown;
}

/** An outlet needs this many documents before a home is learned for it. */
export const MIN_DOCUMENTS = 3;
/** The share of its documents that must name places in the division (or country) for it to be home. */
export const DIVISION_SHARE = 0.4;
export const COUNTRY_SHARE = 0.5;
/** Only places resolved at least this confidently count. */
const MIN_CONFIDENCE = 0.6;

/**
 * What one document says of its outlet's home: the countries and the first-order divisions ("US\tLouisiana") its
 * confidently resolved places lie in, each once. Countries as places, relative expressions and weak readings do
 * not count. This is what the store keeps per document (`Store.putDocument`'s `regions`).
 */
export interface DocumentRegions {
  outlet: string;
  countries: string[];
  divisions: string[];
}

export function documentRegions(outlet: string, places: readonly ResolvedPlace[]): DocumentRegions {
  const divisions = new Set<string>();
  const countries = new Set<string>();
  for (const p of places) {
    if (!p.country || p.relative || p.confidence < MIN_CONFIDENCE || p.feature === "PCLI") continue;
    countries.add(p.country);
    if (p.admin1) divisions.add(`${p.country}\t${p.admin1}`);
  }
  return { outlet, countries: [...countries], divisions: [...divisions] };
}

/** How many of an outlet's documents name each country and each division. */
export interface OutletTally {
  outlet: string;
  docs: number;
  countries: Map<string, number>;
  divisions: Map<string, number>;
}

/** Adds documents' regions to `tallies` (a new map when none is given), per outlet. */
export function tallyRegions(
  docs: Iterable<DocumentRegions>,
  tallies = new Map<string, OutletTally>(),
): Map<string, OutletTally> {
  for (const d of docs) {
    const t = tallyOf(tallies, d.outlet);
    t.docs++;
    for (const k of d.divisions) t.divisions.set(k, (t.divisions.get(k) ?? 0) + 1);
    for (const k of d.countries) t.countries.set(k, (t.countries.get(k) ?? 0) + 1);
  }
  return tallies;
}

/** The outlet's tally in `tallies`, an empty one added when there is none. */
export function tallyOf(tallies: Map<string, OutletTally>, outlet: string): OutletTally {
  let t = tallies.get(outlet);
  if (!t) {
    t = { outlet, docs: 0, countries: new Map(), divisions: new Map() };
    tallies.set(outlet, t);
  }
  return t;
}

/** Adds one tally into another of the same outlet (stored documents and a batch's new ones). */
export function addTally(into: OutletTally, t: OutletTally): void {
  into.docs += t.docs;
  for (const [k, n] of t.divisions) into.divisions.set(k, (into.divisions.get(k) ?? 0) + n);
  for (const [k, n] of t.countries) into.countries.set(k, (into.countries.get(k) ?? 0) + n);
}

/** An outlet's home with what it rests on: its most named division and country, in how many of its documents. */
export interface HomeReading {
  outlet: string;
  documents: number;
  home: Home | null;
  division: { country: string; admin1: string; documents: number } | null;
  country: { country: string; documents: number } | null;
}

/**
 * An outlet's home: the first-order division most of its documents name confidently resolved places in (at least
 * `DIVISION_SHARE` of them), else the country (at least `COUNTRY_SHARE`); none below `MIN_DOCUMENTS`.
 */
export function readHome(t: OutletTally): HomeReading {
  const division = top(t.divisions);
  const country = top(t.countries);
  const reading: HomeReading = {
    outlet: t.outlet,
    documents: t.docs,
    home: null,
    division: division ? { ...splitDivision(division[0]), documents: division[1] } : null,
    country: country ? { country: country[0], documents: country[1] } : null,
  };
  if (t.docs < MIN_DOCUMENTS) return reading;
  if (reading.division && reading.division.documents / t.docs >= DIVISION_SHARE)
    reading.home = { country: reading.division.country, admin1: reading.division.admin1 };
  else if (reading.country && reading.country.documents / t.docs >= COUNTRY_SHARE)
    reading.home = { country: reading.country.country };
  return reading;
}

/** Each outlet's home (`readHome`), for the outlets that have one. */
export function homesOf(tallies: Iterable<OutletTally>): Map<string, Home> {
  const homes = new Map<string, Home>();
  for (const t of tallies) {
    const { home } = readHome(t);
    if (home) homes.set(t.outlet, home);
  }
  return homes;
}

/** Each outlet's home learned from its documents' places (`documentRegions`, `tallyRegions`, `homesOf`). */
export function learnOutletHomes(
  docs: Iterable<{ outlet?: string; places: readonly ResolvedPlace[] }>,
): Map<string, Home> {
  const regions: DocumentRegions[] = [];
  for (const d of docs) if (d.outlet) regions.push(documentRegions(d.outlet, d.places));
  return homesOf(tallyRegions(regions).values());
}

/** "US\tLouisiana" → the country and the division's name. */
function splitDivision(key: string): { country: string; admin1: string } {
  const [country, admin1] = key.split("\t");
  return { country, admin1 };
}

/** The most frequent key (ties: the first counted). */
function top(counts: Map<string, number>): [string, number] | undefined {
  let best: [string, number] | undefined;
  for (const e of counts) if (!best || e[1] > best[1]) best = e;
  return best;
}

/** `doc` with its outlet's home from `homes`, when it has one (a copy; the text is shared). */
export function withHome(doc: Document, homes: ReadonlyMap<string, Home> | undefined): Document {
  const home = doc.outlet ? homes?.get(doc.outlet) : undefined;
  return home ? { ...doc, home } : doc;
}
