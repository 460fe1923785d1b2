// Builds the gazetteer cache (data/gazetteer/cache/): places.tsv (one place per line), names.tsv (sorted
// "key<TAB>row row …" lines: strict keys, and loose keys prefixed with "~"), their line offsets (*.idx, uint32)
// and meta.json. The runtime loader binary-searches names.tsv in place, so loading is a few file reads.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { readCountries } from "./countries.ts";
import { cityRadiusKm } from "./features.ts";
import { foldKey, isLatinScript, nameKey } from "./normalize.ts";
import { cities500Path, DATA_DIR, readCities500, readSupplement, readUsCounties, type SourcePlace } from "./sources.ts";
import { lineOffsets } from "./store.ts";

export const CACHE_DIR = join(DATA_DIR, "cache");
const CODE_DIR = dirname(fileURLToPath(import.meta.url));
const BUILD_VERSION = "4";

/** Alternate names of places at least this big survive even when they are common English words. */
const BIG_POPULATION = 100_000;

export interface GazetteerMeta {
  version: string;
  inputsHash: string;
  /** "SY.11" → "Homs". */
  admin1Names: Record<string, string>;
  /** Country code → row of its PCLI place. */
  countryRows: Record<string, number>;
  /** "SY.11" → row of the ADM1 place. */
  admin1Rows: Record<string, number>;
  /** Keys of common English words that are also place names ("police", "hope"). */
  common: string[];
  places: number;
  keys: number;
  builtAt: string;
}

/** Hash of everything the cache is built from: data files, the build code, and the cities500 dump's size. */
export function inputsHash(): string {
  const h = createHash("sha1").update(BUILD_VERSION);
  for (const f of ["supplement.tsv", "us-counties.tsv", "countries.tsv", "country-points.tsv", "common-words.txt"]) {
    const p = join(DATA_DIR, f);
    h.update(f).update(existsSync(p) ? readFileSync(p) : "");
  }
  for (const f of ["build.ts", "normalize.ts", "features.ts", "countries.ts", "sources.ts", "../geo.ts"]) {
    h.update(readFileSync(join(CODE_DIR, f)));
  }
  h.update(String(statSync(cities500Path()).size));
  return h.digest("hex");
}

function readCommonWords(): Set<string> {
  const p = join(DATA_DIR, "common-words.txt");
  if (!existsSync(p)) return new Set();
  return new Set(
    readFileSync(p, "utf8")
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith("#"))
      .map(nameKey),
  );
}

function mean(points: { lat: number; lon: number }[]): { lat: number; lon: number } | null {
  if (!points.length) return null;
  const lat = points.reduce((s, p) => s + p.lat, 0) / points.length;
  const lon = points.reduce((s, p) => s + p.lon, 0) / points.length;
  return { lat, lon };
}

/**
 * Display name of an admin1 division: "Latakia Governorate" → "Latakia", "Kano State" → "Kano", "Mandalay
 * Region" → "Mandalay" (as GeoNames names them); "Free State" is the South African province's whole name.
 */
function admin1Display(name: string): string {
  return name.replace(/(?<!^Free)\s+(Governorate|Province|Oblast|District|State|Region)$/i, "");
}

/** Supplement rows as places; rows without a point get the mean (and spread) of their admin1's cities. */
function supplementPlaces(cities: SourcePlace[]): SourcePlace[] {
  const byAdmin1 = new Map<string, SourcePlace[]>();
  for (const c of cities) {
    const k = `${c.country}.${c.admin1Code}`;
    const list = byAdmin1.get(k);
    if (list) list.push(c);
    else byAdmin1.set(k, [c]);
  }
  return readSupplement().map((r) => {
    let { lat, lon, radiusKm } = r;
    const members =
      lat === null || lon === null || radiusKm === null ? (byAdmin1.get(`${r.country}.${r.admin1Code}`) ?? []) : [];
    const m = mean(members) ?? { lat: 0, lon: 0 };
    if (lat === null || lon === null) {
      lat = Math.round(m.lat * 1e4) / 1e4;
      lon = Math.round(m.lon * 1e4) / 1e4;
    }
    if (radiusKm === null && members.length) {
      const sq = members.reduce((s, p) => s + ((p.lat - m.lat) * 111) ** 2 + ((p.lon - m.lon) * 85) ** 2, 0);
      radiusKm = Math.round(Math.max(20, 1.5 * Math.sqrt(sq / Math.max(1, members.length))));
    }
    return {
      name: r.name,
      names: [r.name, ...r.alternates],
      lat,
      lon,
      feature: r.feature,
      country: r.country,
      admin1Code: r.admin1Code,
      population: 0,
      radiusKm: radiusKm ?? 5,
    };
  });
}

/**
 * US counties and parishes (ADM2), indexed by their full name only ("Walker County", "Orleans Parish"): a bare
 * "Walker" stays the town. Their population is that of their cities500 places (GeoNames files US places under
 * the county's FIPS code as admin2), which ranks same-named counties when the text names no state.
 */
function countyPlaces(cities: SourcePlace[]): SourcePlace[] {
  const population = new Map<string, number>();
  for (const c of cities) {
    if (c.country !== "US" || !c.admin2Code) continue;
    const k = `${c.admin1Code}.${c.admin2Code}`;
    population.set(k, (population.get(k) ?? 0) + c.population);
  }
  return readUsCounties().map((r) => ({
    name: r.name,
    names: [r.name],
    lat: r.lat,
    lon: r.lon,
    feature: "ADM2",
    country: "US",
    admin1Code: r.admin1Code,
    population: population.get(`${r.admin1Code}.${r.fips.slice(2)}`) ?? 0,
    radiusKm: r.radiusKm,
  }));
}

/** Whether a GeoNames alternate name is worth indexing. */
function usableAlternate(name: string, place: SourcePlace, common: Set<string>): boolean {
  if (name.length < 2 || name.length > 60 || !isLatinScript(name)) return false;
  if (/^[A-Z0-9-]{2,5}$/.test(name) || /^[\d\s\W]+$/.test(name)) return false; // IATA/ICAO codes, numbers
  const big = place.population >= BIG_POPULATION || place.feature === "PPLC" || place.feature === "PPLA";
  return big || !common.has(nameKey(name));
}

/** Builds the cache files from the inputs and returns the meta written. */
export function buildGazetteer(): GazetteerMeta {
  const started = Date.now();
  const common = readCommonWords();
  const cities = readCities500();
  const supplement = supplementPlaces(cities);
  const countries = readCountries((code) => mean(cities.filter((c) => c.country === code)));
  const places = [...countries, ...supplement, ...countyPlaces(cities), ...cities];

  const index = new Map<string, number[]>();
  const add = (key: string, row: number) => {
    const rows = index.get(key);
    if (!rows) index.set(key, [row]);
    else if (rows[rows.length - 1] !== row) rows.push(row);
  };
  const admin1Names: Record<string, string> = {};
  const admin1Rows: Record<string, number> = {};
  const countryRows: Record<string, number> = {};
  const lines: string[] = [];

  places.forEach((p, row) => {
    const strong = new Set(p.names.map(nameKey));
    const weak = new Set((p.weakNames ?? []).filter((n) => !p.names.includes(n) && usableAlternate(n, p, common)));
    const strict = new Set([...strong, ...[...weak].map(nameKey)].filter((k) => k.length >= 2));
    for (const k of strict) add(k, row);
    for (const k of new Set([...strict].map(foldKey))) if (k.length >= 2) add(`~${k}`, row);
    if (p.feature === "PCLI") countryRows[p.country] = row;
    if (p.feature === "ADM1" && p.admin1Code) {
      admin1Names[`${p.country}.${p.admin1Code}`] = admin1Display(p.name);
      admin1Rows[`${p.country}.${p.admin1Code}`] = row;
    }
    const radius = p.radiusKm ?? cityRadiusKm(p.population);
    lines.push(
      [
        p.geonameid ?? "",
        p.name,
        p.lat,
        p.lon,
        p.feature,
        p.country,
        p.admin1Code,
        p.population || "",
        radius,
        p.alternates ?? "",
      ].join("\t"),
    );
  });

  const keys = [...index.keys()].sort();
  const nameLines = keys.map((k) => `${k}\t${index.get(k)!.join(" ")}`);
  const meta: GazetteerMeta = {
    version: BUILD_VERSION,
    inputsHash: inputsHash(),
    admin1Names,
    countryRows,
    admin1Rows,
    common: [...common].sort(),
    places: places.length,
    keys: keys.length,
    builtAt: new Date().toISOString(),
  };
  mkdirSync(CACHE_DIR, { recursive: true });
  for (const [file, text] of [
    ["places", `${lines.join("\n")}\n`],
    ["names", `${nameLines.join("\n")}\n`],
  ]) {
    const buf = Buffer.from(text, "utf8");
    writeAtomic(join(CACHE_DIR, `${file}.tsv`), buf);
    writeAtomic(join(CACHE_DIR, `${file}.idx`), Buffer.from(lineOffsets(buf).buffer));
  }
  writeAtomic(join(CACHE_DIR, "meta.json"), JSON.stringify(meta));
  process.stderr.write(`gazetteer: built ${places.length} places, ${keys.length} keys in ${Date.now() - started} ms\n`);
  return meta;
}

/** Writes through a temporary file and a rename, so that a concurrent reader never sees half a file. */
function writeAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, path);
}
