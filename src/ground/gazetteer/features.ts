// What GeoNames feature codes mean for sitrep: how important a place of that kind is a priori, whether a
// feature-word hint ("province", "gas field") fits it, and how far such a place extends.
import type { FeatureHint } from "./normalize.ts";

/** Country-level features. */
export const COUNTRY_FEATURES = new Set(["PCLI", "PCLD", "PCLS", "PCLF", "PCLIX", "TERR"]);

/** Oceans, seas, gulfs and bays (data/gazetteer/supplement.tsv). */
const WATERS = ["OCN", "SEA", "GULF", "BAY"];

/** First-order administrative divisions, wide regions and open waters: "precision 3" places. */
export const REGION_FEATURES = new Set(["ADM1", "RGN", "DSRT", "STM", "MTS", "PEN", "PLN"].concat(WATERS));

const HINT_FEATURES: Record<FeatureHint, string[]> = {
  adm1: ["ADM1"],
  adm2: ["ADM2", "ADM1", "PPLA2"],
  field: ["GASF", "OILF", "GOSP"],
  plant: ["GOSP", "PS", "OILR", "MFG"],
  airbase: ["AIRB", "AIRF", "AIRP", "INSM"],
  airport: ["AIRP", "AIRB", "AIRF"],
  dam: ["DAM"],
  crossing: ["PSTB"],
  mountain: ["MTS", "MT", "RGN"],
  river: ["STM"],
  city: ["PPL", "PPLA", "PPLA2", "PPLA3", "PPLA4", "PPLA5", "PPLC", "PPLX", "PPLL", "PPLG"],
};

/** Whether a place of feature code `feature` fits the hint given by a feature word. */
export function fitsHint(feature: string, hint: FeatureHint): boolean {
  return HINT_FEATURES[hint].includes(feature);
}

/** A-priori importance of a feature code, before population is considered (0.25..1.6). */
export function featureWeight(feature: string): number {
  if (COUNTRY_FEATURES.has(feature) || feature === "CONT") return 1.6; // CONT: also wider regions, see importance
  switch (feature) {
    case "PPLC":
      return 1.2;
    case "ADM1":
      return 1.5; // as much as a city of ~500,000 people: a province is known beyond its borders
    case "PPLA":
      return 0.7;
    case "PPLA2":
      return 0.5;
    case "PPLA3":
    case "PPLA4":
    case "PPLA5":
      return 0.35;
    case "PPL":
    case "PPLX":
    case "PPLL":
    case "PPLF":
    case "PPLS":
    case "STLMT":
    case "PPLG":
    case "PPLR":
    case "PPLW":
    case "PPLQ":
    case "PPLH":
    case "PPLCH":
    case "":
      return 0.25;
    default:
      return 0.8; // curated conflict features (fields, airbases, dams, crossings, regions)
  }
}

/** Population term of the prior: 0 (none), ~0.96 (7,000), ~1.17 (50,000), ~1.75 (ten million). */
export function populationWeight(population: number | undefined): number {
  return population && population > 0 ? Math.min(1.8, Math.log10(1 + population) / 4) : 0;
}

/**
 * What population stands for in the prior of places that have none in the gazetteer: a country outweighs
 * its biggest city ("Mexico" is the country), a province a city of half a million.
 */
function standInPopulationWeight(feature: string): number {
  if (COUNTRY_FEATURES.has(feature) || feature === "CONT") return 1;
  return feature === "ADM1" ? 0.8 : 0;
}

/**
 * How far a populated place extends, in km, from its population: 1 km for a hamlet, ~4 km for 50,000 people,
 * ~12 km for 1.6 million.
 */
export function cityRadiusKm(population: number | undefined): number {
  const r = 0.1 * Math.cbrt(Math.max(0, population ?? 0));
  return Math.round(Math.max(1, Math.min(35, r)) * 10) / 10;
}

/** Prominence term of the prior from the GeoNames alternate-name count: 0 (none) to ~0.5 (a hundred). */
export function prominenceWeight(alternates: number): number {
  return 0.25 * Math.log10(1 + alternates);
}

/** A country, province, capital, admin seat, town of 50,000 or curated feature: known beyond its region. */
export function important(c: { place: { feature: string; population?: number; geonameid?: number } }): boolean {
  const p = c.place;
  return (p.population ?? 0) >= 50_000 || ["PCLI", "ADM1", "PPLC", "PPLA"].includes(p.feature) || !p.geonameid;
}

/** A-priori importance of a reading: kind of place, population and fame together. */
export function importance(c: {
  place: { feature: string; population?: number; country?: string | null; geonameid?: number | null };
  alternates: number;
}): number {
  const p = c.place;
  // A curated place in no one country (a continent, "the European Union", "the Middle East") is as
  // important as a country: "EU" is not Eu in France.
  const feature = !p.country && !p.geonameid ? "CONT" : p.feature;
  const population = p.population ? populationWeight(p.population) : standInPopulationWeight(feature);
  return featureWeight(feature) + population + prominenceWeight(c.alternates);
}
