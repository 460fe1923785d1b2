// The gazetteer: GeoNames cities500 + countries + the curated supplement, loaded synchronously from the cache
// in data/gazetteer/cache/ (built first when missing or stale). `getGazetteer()` returns one shared instance.
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Place } from "../../model/types.ts";
import { buildGazetteer, CACHE_DIR, type GazetteerMeta, inputsHash } from "./build.ts";
import { importance } from "./features.ts";
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
  /** Places known by `name` (any spelling; normalised here): exact spellings first, each by importance. */
  lookup(name: string): Place[];
  /** Like `lookup`, with row, admin1 code and match kind. */
  candidates(name: string): Candidate[];
  /** The same, not copied: the memoised list itself, which callers must not modify. */
  candidatesView(name: string): readonly Candidate[];
  /** The country with ISO 3166-1 alpha-2 `code`. */
  country(code: string): Place | undefined;
  /** The same as a candidate reading. */
  countryCandidate(code: string): Candidate | undefined;
  /** The first-order division `admin1Code` of `country`, when the gazetteer has it as a place. */
  admin1(country: string, admin1Code: string): Candidate | undefined;
  /** The first-order division of `country` named `name` as places carry it in `admin1` ("Louisiana"). */
  admin1Named(country: string, name: string): Candidate | undefined;
  /** Whether `name` is also a common English word ("Police", "Hope"). */
  isCommonWord(name: string): boolean;
  /** Number of places. */
  readonly size: number;
}

/** Past this many names, the candidates memo starts afresh (FA-KES asks for about 20k distinct names). */
const MEMO_LIMIT = 50_000;

class LoadedGazetteer implements Gazetteer {
  private readonly common: Set<string>;
  /** `candidates` by name as asked: the same names are looked up again and again, within and across texts. */
  private readonly memo = new Map<string, Candidate[]>();

  constructor(private readonly store: GazetteerStore) {
    this.common = new Set(store.meta.common);
  }

  get size(): number {
    return this.store.size;
  }

  candidates(name: string): Candidate[] {
    return this.candidatesView(name).slice(); // callers get their own array; the candidates are never modified
  }

  candidatesView(name: string): readonly Candidate[] {
    let hit = this.memo.get(name);
    if (!hit) {
      hit = this.lookupCandidates(name);
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      this.memo.set(name, hit);
    }
    return hit;
  }

  private lookupCandidates(name: string): Candidate[] {
    const strict = nameKey(name);
    if (!strict) return [];
    const exact = new Set(this.store.rows(strict));
    const loose = this.store.rows(`~${looseKey(name)}`).filter((r) => !exact.has(r));
    const byImportance = (a: Candidate, b: Candidate) => importance(b) - importance(a);
    return [
      ...[...exact].map((row) => this.candidate(row, true)).sort(byImportance),
      ...loose.map((row) => this.candidate(row, false)).sort(byImportance),
    ];
  }

  lookup(name: string): Place[] {
    return this.candidates(name).map((c) => c.place);
  }

  country(code: string): Place | undefined {
    const row = this.store.meta.countryRows[code.toUpperCase()];
    return row === undefined ? undefined : this.store.place(row).place;
  }

  countryCandidate(code: string): Candidate | undefined {
    const row = this.store.meta.countryRows[code.toUpperCase()];
    return row === undefined ? undefined : this.candidate(row, true);
  }

  admin1(country: string, admin1Code: string): Candidate | undefined {
    const row = this.store.meta.admin1Rows[`${country}.${admin1Code}`];
    return row === undefined ? undefined : this.candidate(row, true);
  }

  admin1Named(country: string, name: string): Candidate | undefined {
    if (!this.admin1ByName) {
      this.admin1ByName = new Map();
      for (const [key, display] of Object.entries(this.store.meta.admin1Names))
        this.admin1ByName.set(`${key.split(".")[0]}|${display}`, key);
    }
    const key = this.admin1ByName.get(`${country}|${name}`);
    return key === undefined ? undefined : this.admin1(country, key.slice(key.indexOf(".") + 1));
  }

  /** "US|Louisiana" → "US.LA", built on first use. */
  private admin1ByName: Map<string, string> | null = null;

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

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Returns fresh cache metadata, building the cache when missing or stale. Processes that start together (test
 * files run in parallel) build once: the others wait on a lock file for up to two minutes.
 */
function ensureCache(): GazetteerMeta {
  const hash = inputsHash();
  const lock = join(CACHE_DIR, "build.lock");
  for (let waited = 0; ; waited += 250) {
    const meta = readMeta();
    if (meta && meta.inputsHash === hash) return meta;
    mkdirSync(CACHE_DIR, { recursive: true });
    try {
      writeFileSync(lock, String(process.pid), { flag: "wx" });
    } catch {
      const held = statSync(lock, { throwIfNoEntry: false });
      if (!held) continue; // released meanwhile: look again
      if (waited < 120_000 && Date.now() - held.mtimeMs < 120_000) {
        sleep(250);
        continue;
      }
    }
    try {
      return buildGazetteer();
    } finally {
      rmSync(lock, { force: true });
    }
  }
}

/** Builds the cache when missing or built from other inputs (hashing the inputs, ~10 ms, when it is fresh). */
export function ensureGazetteerCache(): void {
  ensureCache();
}

/** Loads the cache (building it first when missing or built from other inputs) into a fresh Gazetteer. */
export function loadGazetteer(): Gazetteer {
  const meta = ensureCache();
  const read = (file: string) => readFileSync(join(CACHE_DIR, file));
  const offsets = (file: string) => {
    const buf = read(file);
    const aligned = buf.byteOffset % 4 === 0 ? buf : Buffer.from(buf);
    return new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength / 4);
  };
  const store = new GazetteerStore(
    read("places.tsv"),
    offsets("places.idx"),
    read("names.tsv"),
    offsets("names.idx"),
    meta,
  );
  return new LoadedGazetteer(store);
}

let shared: Gazetteer | null = null;

/** The process-wide gazetteer, loaded on first use. */
export function getGazetteer(): Gazetteer {
  shared ??= loadGazetteer();
  return shared;
}
