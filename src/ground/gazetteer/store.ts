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

const TAB = 9;
const SPACE = 32;

/** The space-separated decimal row numbers in `buf` from `from` to `to` (exclusive). */
function parseRows(buf: Uint8Array, from: number, to: number): number[] {
  const out: number[] = [];
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = buf[i];
    if (c === SPACE) {
      out.push(v);
      v = 0;
    } else v = v * 10 + (c - 48);
  }
  out.push(v);
  return out;
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
   * Rows indexed under exactly `key` (a strict key, or "~" + a loose key), by binary search over the sorted names
   * file. Keys are ASCII, so comparing the key's char codes with the file's bytes orders them as comparing the
   * strings would; the key's end compares as the tab that ends each key in the file (lower than any key
   * character), so a key sorts before the longer keys it begins. The comparison and the row numbers are read in
   * JavaScript from the buffer: a call into Buffer's native methods per probe cost more than the search itself.
   */
  rows(key: string): number[] {
    const names = this.names;
    const lines = this.nameLines;
    const n = key.length;
    let lo = 0;
    let hi = lines.length - 2;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const start = lines[mid];
      let cmp = 0; // > 0: the probe sorts after this line's key
      for (let i = 0; ; i++) {
        const a = i < n ? key.charCodeAt(i) : TAB;
        const b = names[start + i];
        if (a !== b) {
          cmp = a - b;
          break;
        }
        if (a === TAB) break;
      }
      if (cmp > 0) lo = mid + 1;
      else if (cmp < 0) hi = mid - 1;
      else return parseRows(names, start + n + 1, lines[mid + 1] - 1);
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
