// What the stores keep of each document for learning its outlet's home (src/ground/outlets.ts): one row per
// region its places name, and one for the document itself, so that a tally is one GROUP BY on both backends.
import { type DocumentRegions, type OutletTally, tallyOf } from "../ground/outlets.ts";

/** The `region` column's values for a document: "" (the document), "SY" (a country), "SY\tHoms" (a division). */
export function regionRows(r: DocumentRegions): string[] {
  return ["", ...r.countries, ...r.divisions];
}

/** A row of `SELECT outlet, region, count(*) AS n … GROUP BY outlet, region` (PostgreSQL's count is a string). */
export interface RegionCount {
  outlet: string;
  region: string;
  n: number | string;
}

/** The tallies those rows make. */
export function talliesFromRows(rows: Iterable<RegionCount>): OutletTally[] {
  const out = new Map<string, OutletTally>();
  for (const { outlet, region, n } of rows) {
    const t = tallyOf(out, outlet);
    const count = Number(n);
    if (region === "") t.docs = count;
    else if (region.includes("\t")) t.divisions.set(region, count);
    else t.countries.set(region, count);
  }
  return [...out.values()];
}
