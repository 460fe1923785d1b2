// How big a place is and where its parts lie: the point and radius for "the western countryside of X",
// "east Homs", "the outskirts of X", "40 km west of X", from the anchor's kind and size.
import type { Place, RelativeKind } from "../../model/types.ts";
import { destination } from "../geo.ts";
import { COUNTRY_FEATURES, cityRadiusKm, REGION_FEATURES } from "./features.ts";

/** Where a relative expression points, before it becomes a Location. */
export interface Extent {
  lat: number;
  lon: number;
  radiusKm: number;
  precision: 1 | 2 | 3;
}

/** A city this big has parts of its own ("eastern Aleppo" is in the city, "western Palmyra" is outside). */
const BIG_CITY_POPULATION = 1_000_000;

/** The place's own radius in km. */
export function placeRadius(place: Place): number {
  return place.radiusKm ?? cityRadiusKm(place.population);
}

/** Whether the place is a country or a wide region (a province, a desert, a river) rather than a spot. */
export function isRegion(place: Place): boolean {
  return COUNTRY_FEATURES.has(place.feature) || REGION_FEATURES.has(place.feature) || placeRadius(place) >= 30;
}

/** The location of the place itself: precision 3 for countries and regions, 1 otherwise. */
export function ownExtent(place: Place): Extent {
  return { lat: place.lat, lon: place.lon, radiusKm: placeRadius(place), precision: isRegion(place) ? 3 : 1 };
}

function offset(place: Place, km: number, bearing: number | undefined, radiusKm: number, precision: 1 | 2 | 3): Extent {
  const r = Math.round(radiusKm * 10) / 10;
  if (bearing === undefined || km === 0) return { lat: place.lat, lon: place.lon, radiusKm: r, precision };
  const p = destination(place, km, bearing);
  return { lat: Math.round(p.lat * 1e4) / 1e4, lon: Math.round(p.lon * 1e4) / 1e4, radiusKm: r, precision };
}

/**
 * The extent of a relative expression about `anchor`:
 * - distance: `distanceKm` along `bearing`, radius max(5, 0.15·distance);
 * - part / countryside of a region: half its radius towards `bearing` (precision 3);
 * - countryside of a town: ~20 km out, radius 25 km; part of a big city: half its radius;
 * - outskirts / near: the place, slightly widened (or just beyond its edge towards `bearing`).
 */
export function relativeExtent(anchor: Place, kind: RelativeKind, bearing?: number, distanceKm?: number): Extent {
  const r = placeRadius(anchor);
  const region = isRegion(anchor);
  switch (kind) {
    case "distance":
    case "within":
      if (distanceKm === undefined) return ownExtent(anchor);
      if (kind === "within" || bearing === undefined) return offset(anchor, 0, undefined, distanceKm + r, 2);
      return offset(anchor, distanceKm, bearing, Math.max(5, 0.15 * distanceKm), 2);
    case "part":
    case "countryside":
      if (region)
        return offset(anchor, bearing === undefined ? 0 : r / 2, bearing, bearing === undefined ? r : r / 2, 3);
      if (kind === "part" && (anchor.population ?? 0) >= BIG_CITY_POPULATION)
        return offset(anchor, bearing === undefined ? 0 : r / 2, bearing, Math.max(3, 0.6 * r), 2);
      return offset(anchor, bearing === undefined ? 0 : 20, bearing, bearing === undefined ? 30 : 25, 2);
    case "outskirts":
      if (region) return offset(anchor, 0, undefined, r, 3);
      return offset(anchor, bearing === undefined ? 0 : r + 3, bearing, Math.max(5, r + 3), 2);
    case "near":
      if (region) return offset(anchor, 0, undefined, r, 3);
      return offset(anchor, bearing === undefined ? 0 : r + 10, bearing, bearing === undefined ? r + 8 : 15, 2);
    case "between":
      return offset(anchor, 0, undefined, r, 2);
  }
}
