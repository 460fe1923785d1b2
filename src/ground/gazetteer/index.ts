// The gazetteer: GeoNames cities500 + countries + the curated supplement, loaded synchronously from the cache
// in data/gazetteer/cache/ (built first when missing or stale). `getGazetteer()` returns one shared instance.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Place } from "../../model/types.ts";
import { buildGazetteer, CACHE_DIR, type GazetteerMeta, inputsHash } from "./build.ts";
import { looseKey, nameKey } from "./normalize.ts";
import { GazetteerStore } from "./store.ts";

/** A gazetteer entry matched by a name. `exact` is false for a transliteration-variant (loose) match. */
export interface Candidate {
  place: Place;
  row: number;
  /** GeoNames admin1 code ("11"), for containment checks; "" when unknown. */
  admin1Code: string;
  exact: boolean;
  /** GeoNames alternate-name count: how widely known the place is (0 for curated places). */
  alternates: number;
}

export interface Gazetteer {
  /** Places known by `name` (any spelling; normalised here), best-known spellings first. */
  lookup(name: string): Place[];
  /** Like `lookup`, with row, admin1 code and match kind. */
  candidates(name: string): Candidate[];
  /** The country with ISO 3166-1 alpha-2 `code`. */
  country(code: string): Place | undefined;
  /** The first-order division `admin1Code` of `country`, when the gazetteer has it as a place. */
  admin1(country: string, admin1Code: string): Candidate | undefined;
  /** Whether `name` is also a common English word ("Police", "Hope"). */
  isCommonWord(name: string): boolean;
  /** Number of places. */
  readonly size: number;
}

class LoadedGazetteer implements Gazetteer {
  private readonly common: Set<string>;

  constructor(private readonly store: GazetteerStore) {
    this.common = new Set(store.meta.common);
  }

  get size(): number {
    return this.store.size;
  }

  candidates(name: string): Candidate[] {
    const strict = nameKey(name);
    if (!strict) return [];
    const exact = new Set(this.store.rows(strict));
    const loose = this.store.rows(`~${looseKey(name)}`).filter((r) => !exact.has(r));
    const out: Candidate[] = [];
    for (const row of exact) out.push(this.candidate(row, true));
    for (const row of loose) out.push(this.candidate(row, false));
    return out;
  }

  lookup(name: string): Place[] {
    return this.candidates(name).map((c) => c.place);
  }

  country(code: string): Place | undefined {
    const row = this.store.meta.countryRows[code.toUpperCase()];
    return row === undefined ? undefined : this.store.place(row).place;
  }

  admin1(country: string, admin1Code: string): Candidate | undefined {
    const row = this.store.meta.admin1Rows[`${country}.${admin1Code}`];
    return row === undefined ? undefined : this.candidate(row, true);
  }

  isCommonWord(name: string): boolean {
    return this.common.has(nameKey(name));
  }

  private candidate(row: number, exact: boolean): Candidate {
    const { place, admin1Code, alternates } = this.store.place(row);
    return { place, row, admin1Code, exact, alternates };
  }
}

function readMeta(): GazetteerMeta | null {
  const path = join(CACHE_DIR, "meta.json");
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as GazetteerMeta;
  } catch {
    return null;
  }
}

/** Loads the cache (building it first when missing or built from other inputs) into a fresh Gazetteer. */
export function loadGazetteer(): Gazetteer {
  let meta = readMeta();
  if (!meta || meta.inputsHash !== inputsHash()) meta = buildGazetteer();
  const read = (file: string) => readFileSync(join(CACHE_DIR, file));
  const offsets = (file: string) => {
    const buf = read(file);
    const aligned = buf.byteOffset % 4 === 0 ? buf : Buffer.from(buf);
    return new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
  };
  const store = new GazetteerStore(read("places.tsv"), offsets("places.idx"), read("names.tsv"), offsets("names.idx"), meta);
  return new LoadedGazetteer(store);
}

let shared: Gazetteer | null = null;

/** The process-wide gazetteer, loaded on first use. */
export function getGazetteer(): Gazetteer {
  shared ??= loadGazetteer();
  return shared;
}
