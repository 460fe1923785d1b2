// Small pure geometry helpers on a spherical Earth: distances, destination points, compass words, boxes.
// Coordinates are WGS84 degrees; distances are kilometres; bearings are degrees clockwise from north.

export interface LatLon {
  lat: number;
  lon: number;
}

/** Mean Earth radius in km (IUGG). */
export const EARTH_RADIUS_KM = 6371.0088;

const RAD = Math.PI / 180;

/**
 * Great-circle distance in km between two points (haversine formula).
 * @example haversineKm({ lat: 34.5601, lon: 38.2805 }, { lat: 34.7268, lon: 36.7234 }) // ≈ 143.9
 */
export function haversineKm(a: LatLon, b: LatLon): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The point reached by travelling `distanceKm` from `point` along the great circle starting at `bearingDeg`.
 * @example destination({ lat: 34.5601, lon: 38.2805 }, 40, 270) // ≈ { lat: 34.557, lon: 37.844 }
 */
export function destination(point: LatLon, distanceKm: number, bearingDeg: number): LatLon {
  const d = distanceKm / EARTH_RADIUS_KM;
  const b = bearingDeg * RAD;
  const lat1 = point.lat * RAD;
  const lon1 = point.lon * RAD;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b));
  const lon2 =
    lon1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return { lat: lat2 / RAD, lon: normalizeLon(lon2 / RAD) };
}

/**
 * Initial great-circle bearing in degrees [0, 360) from `a` towards `b`.
 * @example initialBearing({ lat: 0, lon: 0 }, { lat: 0, lon: 1 }) // 90
 */
export function initialBearing(a: LatLon, b: LatLon): number {
  const lat1 = a.lat * RAD;
  const lat2 = b.lat * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const y = Math.sin(dLon) * Math.cos(lat2);
  const x = Math.cos(lat1) * Math.sin(lat2) - Math.sin(lat1) * Math.cos(lat2) * Math.cos(dLon);
  return (Math.atan2(y, x) / RAD + 360) % 360;
}

/**
 * Great-circle midpoint of two points.
 * @example midpoint({ lat: 0, lon: 0 }, { lat: 0, lon: 10 }) // { lat: 0, lon: 5 }
 */
export function midpoint(a: LatLon, b: LatLon): LatLon {
  const half = haversineKm(a, b) / 2;
  return half === 0 ? { lat: a.lat, lon: a.lon } : destination(a, half, initialBearing(a, b));
}

const POINTS: Record<string, number> = {
  n: 0,
  nne: 22.5,
  ne: 45,
  ene: 67.5,
  e: 90,
  ese: 112.5,
  se: 135,
  sse: 157.5,
  s: 180,
  ssw: 202.5,
  sw: 225,
  wsw: 247.5,
  w: 270,
  wnw: 292.5,
  nw: 315,
  nnw: 337.5,
};

const WORDS: Record<string, string> = { north: "n", south: "s", east: "e", west: "w" };

/**
 * Compass word → bearing in degrees, or null when `word` is not a direction.
 * Accepts north/northern/northward(s), north-east/northeast/north east/northeastern, NE/N.E., and the 16 points.
 * @example bearingOf("south-western") // 225
 */
export function bearingOf(word: string): number | null {
  const w = word
    .toLowerCase()
    .replace(/[.\s‐‑–—-]+/g, "")
    .replace(/(ern|erly|wards?)$/, "");
  if (w in POINTS) return POINTS[w];
  const m = /^(north|south)?(north|south|east|west)?(east|west)?$/.exec(w);
  if (!m || !w) return null;
  const letters = [m[1], m[2], m[3]]
    .filter(Boolean)
    .map((x) => WORDS[x as string])
    .join("");
  return letters in POINTS ? POINTS[letters] : null;
}

/**
 * Bounding box of a circle of `radiusKm` around `point` (longitudes unwrapped at the poles: the box is widened
 * to the full range there).
 * @example bboxAround({ lat: 0, lon: 0 }, 111.2) // ≈ { south: -1, west: -1, north: 1, east: 1 }
 */
export function bboxAround(
  point: LatLon,
  radiusKm: number,
): { south: number; west: number; north: number; east: number } {
  const dLat = radiusKm / (EARTH_RADIUS_KM * RAD);
  const south = Math.max(-90, point.lat - dLat);
  const north = Math.min(90, point.lat + dLat);
  const cos = Math.cos(point.lat * RAD);
  if (north >= 90 || south <= -90 || cos < 1e-9) return { south, west: -180, north, east: 180 };
  const dLon = Math.min(180, dLat / cos);
  return { south, west: normalizeLon(point.lon - dLon), north, east: normalizeLon(point.lon + dLon) };
}

/** Wraps a longitude into [-180, 180). */
export function normalizeLon(lon: number): number {
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}
