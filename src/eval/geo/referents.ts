// Which of a system's resolution misses are the right place at another point. A country, a province or a
// continent is an area; gold corpora give it one point, and which point depends on where the annotators took it
// from (GeoNames' for LGL and GeoWebNews, Wikipedia's for GeoVirus). Canada is at 60° N 96° W in LGL and at
// 60.1° N 113.6° W in GeoWebNews: 976 km apart, both "Canada". Acc@161 counts such an answer wrong; this module
// counts how many misses are of that kind, so that a table can tell wrong places from other points of the right one.
import { getGazetteer } from "../../ground/gazetteer/index.ts";
import { nameKey } from "../../ground/gazetteer/normalize.ts";
import type { GoldArticle } from "./corpora.ts";
import { ACC_KM, errorKm, matchOverlap, type PointSpan } from "./metrics.ts";

/** A prediction that also names the place it chose (`sitrep places` records do). */
export interface NamedPointSpan extends PointSpan {
  name: string | null;
}

export interface ReferentMisses {
  /** Gold toponyms with coordinates that the system recognised and placed more than 161 km away. */
  misses: number;
  /** Of those, the ones where the system named the gold referent and the gold point lies within that place's area. */
  samePlace: number;
  /** Of `samePlace`, countries (and continents and world regions). */
  countries: number;
  /** Toponyms scored (as in Acc@161's n). */
  n: number;
}

/** "United_States", "Georgia (country)", "Côte d'Ivoire" → comparable keys: the gazetteer's name key, without a
 * bracketed qualifier or underscores. */
export function referentKey(name: string): string {
  return nameKey(name.replace(/\s*\(.*\)\s*$/, "").replace(/_/g, " "));
}

/** The area of a named place the gazetteer knows at this point: its radius in km (0 if not found). */
function radiusAt(name: string, lat: number, lon: number): { radiusKm: number; country: boolean } {
  for (const p of getGazetteer().lookup(name)) {
    if (Math.abs(p.lat - lat) < 1e-4 && Math.abs(p.lon - lon) < 1e-4) {
      const country = ["PCLI", "CONT", "RGN"].includes(p.feature);
      return { radiusKm: p.radiusKm ?? 0, country };
    }
  }
  return { radiusKm: 0, country: false };
}

/**
 * Counts, over the gold toponyms with coordinates that a prediction overlaps, the misses (> 161 km) whose
 * prediction names the gold referent (LGL's gazetteer name, GeoWebNews' normalised name, GeoVirus' Wikipedia
 * title; else the toponym as written) with the gold point inside that place's area (1.5 × its radius: areas are
 * not circles). A town's radius is a few km, so two towns of one name 200 km apart are never counted as one.
 */
export function referentMisses(articles: GoldArticle[], preds: NamedPointSpan[][]): ReferentMisses {
  const out: ReferentMisses = { misses: 0, samePlace: 0, countries: 0, n: 0 };
  articles.forEach((art, ai) => {
    const pred = preds[ai] ?? [];
    for (const [gi, pi] of matchOverlap(art.toponyms, pred)) {
      const g = art.toponyms[gi];
      const p = pred[pi];
      if (g.lat === null || g.lon === null) continue;
      out.n++;
      const km = errorKm({ lat: g.lat, lon: g.lon }, p);
      if (km <= ACC_KM) continue;
      out.misses++;
      if (!p.name || p.lat === null || p.lon === null) continue;
      if (referentKey(p.name) !== referentKey(g.referent ?? g.name)) continue;
      const area = radiusAt(p.name, p.lat, p.lon);
      if (km > 1.5 * area.radiusKm) continue;
      out.samePlace++;
      if (area.country) out.countries++;
    }
  });
  return out;
}
