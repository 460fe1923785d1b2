// Countries as gazetteer places: English names from i18n-iso-countries plus data/gazetteer/countries.tsv short
// forms; the point is GeoNames' own (data/gazetteer/country-points.tsv), else the area centroid of the country's
// largest Natural Earth 1:50m polygon (world-atlas), else the mean of its cities; radius √(area/π) of that polygon.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { normalizeLon } from "../geo.ts";
import { DATA_DIR, listCell, readTsv, type SourcePlace } from "./sources.ts";

const require = createRequire(import.meta.url);
type Countries = typeof import("i18n-iso-countries");

interface Topology {
  transform: { scale: [number, number]; translate: [number, number] };
  arcs: [number, number][][];
  objects: { countries: { geometries: { id?: string; type: string; arcs: unknown }[] } };
}

type Ring = [number, number][];

function decodeArcs(topo: Topology): Ring[] {
  const [sx, sy] = topo.transform.scale;
  const [tx, ty] = topo.transform.translate;
  return topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty] as [number, number];
    });
  });
}

/** Concatenates a ring's arcs, unwrapping longitudes so that no step jumps across the antimeridian. */
function ringOf(indexes: number[], arcs: Ring[]): Ring {
  const ring: Ring = [];
  for (const i of indexes) {
    const arc = i >= 0 ? arcs[i] : [...arcs[~i]].reverse();
    ring.push(...(ring.length ? arc.slice(1) : arc));
  }
  for (let k = 1; k < ring.length; k++) {
    const [x, y] = ring[k];
    const prev = ring[k - 1][0];
    ring[k] = [x + 360 * Math.round((prev - x) / 360), y];
  }
  return ring;
}

/** Planar (lon/lat) signed area and centroid of a ring. */
function ringStats(ring: Ring): { area: number; lon: number; lat: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x0, y0] = ring[i];
    const [x1, y1] = ring[i + 1];
    const cross = x0 * y1 - x1 * y0;
    a += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  if (a === 0) return { area: 0, lon: ring[0][0], lat: ring[0][1] };
  return { area: a / 2, lon: cx / (3 * a), lat: cy / (3 * a) };
}

/** Km² of a lon/lat-degree area at latitude `lat`. */
function degreesToKm2(area: number, lat: number): number {
  return Math.abs(area) * 111.32 * 111.32 * Math.cos((lat * Math.PI) / 180);
}

/** ISO numeric code → centroid and radius of the country's largest polygon. */
function countryShapes(): Map<string, { lat: number; lon: number; radiusKm: number }> {
  const topo = JSON.parse(readFileSync(require.resolve("world-atlas/countries-50m.json"), "utf8")) as Topology;
  const arcs = decodeArcs(topo);
  const out = new Map<string, { lat: number; lon: number; radiusKm: number }>();
  for (const g of topo.objects.countries.geometries) {
    if (!g.id) continue;
    const polygons = (g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : []) as number[][][];
    let best: { area: number; lon: number; lat: number } | null = null;
    for (const polygon of polygons) {
      const s = ringStats(ringOf(polygon[0], arcs));
      const km2 = degreesToKm2(s.area, s.lat);
      if (!best || km2 > best.area) best = { area: km2, lon: s.lon, lat: s.lat };
    }
    const radiusKm = best ? Math.round(Math.sqrt(best.area / Math.PI)) : 0;
    // Some ids appear twice (Australia and Ashmore and Cartier Islands are both 036): keep the larger.
    if (best && radiusKm > (out.get(g.id)?.radiusKm ?? -1)) out.set(g.id, { lat: best.lat, lon: best.lon, radiusKm });
  }
  return out;
}

/**
 * GeoNames' own point for each country (data/gazetteer/country-points.tsv): what gold corpora and other
 * geoparsers give for a country name. The outline's centroid is a fallback for countries not listed.
 */
function countryPoints(): Map<string, { lat: number; lon: number }> {
  return new Map(
    readTsv(join(DATA_DIR, "country-points.tsv")).map((r) => [r.code, { lat: Number(r.lat), lon: Number(r.lon) }]),
  );
}

/**
 * Every ISO 3166-1 country as a place (feature PCLI). `fallback` gives a point for countries without an
 * outline (e.g. Kosovo): the caller passes the mean of that country's cities.
 */
export function readCountries(fallback: (code: string) => { lat: number; lon: number } | null): SourcePlace[] {
  const countries = require("i18n-iso-countries") as Countries; // loaded here: it registers ~80 locales
  const shapes = countryShapes();
  const extra = new Map(readTsv(join(DATA_DIR, "countries.tsv")).map((r) => [r.code, r]));
  const points = countryPoints();
  const names = countries.getNames("en", { select: "all" });
  const codes = new Set([...Object.keys(names), ...extra.keys()]);
  const out: SourcePlace[] = [];
  for (const code of codes) {
    const row = extra.get(code);
    const all = [...(row ? [row.name, ...listCell(row.aliases)] : []), ...(names[code] ?? [])];
    const numeric = countries.alpha2ToNumeric(code);
    const shape = numeric ? shapes.get(numeric) : undefined;
    const point = points.get(code) ?? shape ?? fallback(code);
    if (!point || !all.length) continue;
    out.push({
      name: all[0],
      names: [...new Set(all)],
      lat: Math.round(point.lat * 1e4) / 1e4,
      lon: Math.round(normalizeLon(point.lon) * 1e4) / 1e4,
      feature: "PCLI",
      country: code,
      admin1Code: "",
      population: 0,
      radiusKm: shape ? Math.max(5, shape.radiusKm) : 50,
    });
  }
  return out;
}
