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
 * Each outlet's home: the first-order division most of its documents name confidently resolved places in (at
 * least `DIVISION_SHARE` of them), else the country (at least `COUNTRY_SHARE`). Countries as places, relative
 * expressions and weak readings do not count; each document counts once per division.
 */
export function learnOutletHomes(
  docs: Iterable<{ outlet?: string; places: readonly ResolvedPlace[] }>,
): Map<string, Home> {
  const tally = new Map<string, { docs: number; divisions: Map<string, number>; countries: Map<string, number> }>();
  for (const d of docs) {
    if (!d.outlet) continue;
    let t = tally.get(d.outlet);
    if (!t) {
      t = { docs: 0, divisions: new Map(), countries: new Map() };
      tally.set(d.outlet, t);
    }
    t.docs++;
    const divisions = new Set<string>();
    const countries = new Set<string>();
    for (const p of d.places) {
      if (!p.country || p.relative || p.confidence < MIN_CONFIDENCE || p.feature === "PCLI") continue;
      countries.add(p.country);
      if (p.admin1) divisions.add(`${p.country}\t${p.admin1}`);
    }
    for (const k of divisions) t.divisions.set(k, (t.divisions.get(k) ?? 0) + 1);
    for (const k of countries) t.countries.set(k, (t.countries.get(k) ?? 0) + 1);
  }
  const homes = new Map<string, Home>();
  for (const [outlet, t] of tally) {
    if (t.docs < MIN_DOCUMENTS) continue;
    const division = top(t.divisions);
    if (division && division[1] / t.docs >= DIVISION_SHARE) {
      const [country, admin1] = division[0].split("\t");
      homes.set(outlet, { country, admin1 });
      continue;
    }
    const country = top(t.countries);
    if (country && country[1] / t.docs >= COUNTRY_SHARE) homes.set(outlet, { country: country[0] });
  }
  return homes;
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
