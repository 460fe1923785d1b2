// Read access to the built cache: binary search over the sorted names file, places parsed on demand.
// Both files stay as raw buffers with the line-offset tables written by the build, so loading is three reads.
import type { Place } from "../../model/types.ts";
import type { GazetteerMeta } from "./build.ts";

/** Line-start offsets of a buffer (plus one past the end): what the build stores in *.idx. */
export function lineOffsets(buf: Uint8Array): Uint32Array {
  const starts = [0];
  for (let i = buf.indexOf(10); i >= 0; i = buf.indexOf(10, i + 1)) starts.push(i + 1);
  return Uint32Array.from(starts);
}

/** A place row with the fields the resolver needs besides the Place itself. */
export interface PlaceRow {
  row: number;
  place: Place;
  admin1Code: string;
  /** GeoNames alternate-name count (0 for curated places and countries). */
  alternates: number;
}

export class GazetteerStore {
  private readonly cache = new Map<number, PlaceRow>();

  constructor(
    private readonly places: Buffer,
    private readonly placeLines: Uint32Array,
    private readonly names: Buffer,
    private readonly nameLines: Uint32Array,
    readonly meta: GazetteerMeta,
  ) {}

  get size(): number {
    return this.placeLines.length - 1;
  }

  /**
   * Rows indexed under exactly `key` (a strict key, or "~" + a loose key). Keys are ASCII, so comparing the
   * bytes of the names file with the key's bytes orders them as comparing the strings would, without decoding a
   * string per probe.
   */
  rows(key: string): number[] {
    const probe = Buffer.from(key, "latin1");
    let lo = 0;
    let hi = this.nameLines.length - 2;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const start = this.nameLines[mid];
      const cmp = this.names.compare(probe, 0, probe.length, start, this.names.indexOf(9, start));
      if (cmp < 0) lo = mid + 1;
      else if (cmp > 0) hi = mid - 1;
      else {
        return this.names
          .toString("latin1", start + probe.length + 1, this.nameLines[mid + 1] - 1)
          .split(" ")
          .map(Number);
      }
    }
    return [];
  }

  /** The place on `row`, parsed once. */
  place(row: number): PlaceRow {
    const hit = this.cache.get(row);
    if (hit) return hit;
    const line = this.places.toString("utf8", this.placeLines[row], this.placeLines[row + 1] - 1);
    const [id, name, lat, lon, feature, country, admin1Code, population, radius, alternates] = line.split("\t");
    const place: Place = { name, lat: Number(lat), lon: Number(lon), feature };
    if (id) place.geonameid = Number(id);
    if (country) place.country = country;
    const admin1 = this.meta.admin1Names[`${country}.${admin1Code}`];
    if (admin1) place.admin1 = admin1;
    if (population) place.population = Number(population);
    place.radiusKm = Number(radius);
    const entry = { row, place, admin1Code, alternates: Number(alternates) || 0 };
    this.cache.set(row, entry);
    return entry;
  }
}
