// Gazetteer matching over word units: the longest run of capitalised units (with name-internal connectors such
// as "al", "de", "of") that the gazetteer knows, extended by a following feature word ("Idlib province",
// "Damascus countryside") or a preceding direction or "rural" when the longer phrase is itself a known name.
import type { Candidate, Gazetteer } from "./index.ts";
import { type FeatureHint, splitFeatureHint } from "./normalize.ts";
import { adjacent, type Unit } from "./units.ts";

/** A span of units the gazetteer knows, before context filtering and resolution. */
export interface RawMatch {
  start: number;
  end: number;
  text: string;
  /** Index of the first and one past the last unit. */
  from: number;
  to: number;
  candidates: Candidate[];
  /** Feature hint from a trailing feature word ("province" → adm1). */
  hint?: FeatureHint;
}

const CONNECTORS = new Set([
  "al",
  "el",
  "ad",
  "ar",
  "as",
  "ash",
  "at",
  "az",
  "an",
  "ed",
  "ez",
  "es",
  "de",
  "del",
  "della",
  "di",
  "da",
  "do",
  "dos",
  "das",
  "du",
  "des",
  "la",
  "le",
  "les",
  "los",
  "las",
  "of",
  "on",
  "upon",
  "am",
  "im",
  "der",
  "den",
  "and",
  "bin",
  "ibn",
  "y",
]);

/** Lower-case words that may follow a name as part of it ("Idlib province", "gas fields"). */
const FEATURE_WORDS = new Set([
  "province",
  "governorate",
  "oblast",
  "region",
  "district",
  "countryside",
  "gas",
  "oil",
  "field",
  "fields",
  "airbase",
  "air",
  "base",
  "airport",
  "dam",
  "crossing",
  "border",
  "mountains",
  "river",
  "camp",
]);

/** Lower-case words that may precede a name as part of it ("eastern Ghouta", "rural Damascus"). */
const PREFIX_WORDS = /^(north|south|east|west|northern|southern|eastern|western|rural|greater|upper|lower|central)$/i;

const MAX_UNITS = 7;

/** Candidates for a phrase: the phrase itself, plus the name with a trailing feature word stripped. */
export function lookupPhrase(gaz: Gazetteer, text: string): { candidates: Candidate[]; hint?: FeatureHint } {
  const full = gaz.candidates(text);
  const { name, hint } = splitFeatureHint(text);
  if (!hint) return { candidates: full };
  const seen = new Set(full.map((c) => c.row));
  return { candidates: [...full, ...gaz.candidates(name).filter((c) => !seen.has(c.row))], hint };
}

function isConnector(u: Unit): boolean {
  return !u.cap && CONNECTORS.has(u.text.toLowerCase());
}

/** Finds every longest gazetteer match in `text`, left to right, without overlaps. */
export function findMatches(gaz: Gazetteer, text: string, units: Unit[]): RawMatch[] {
  const out: RawMatch[] = [];
  let i = 0;
  while (i < units.length) {
    const u = units[i];
    if (!u.cap || u.punct) {
      i++;
      continue;
    }
    let run = i + 1; // one past the last unit of the run
    while (run < units.length && run - i < MAX_UNITS && adjacent(text, units[run - 1], units[run])) {
      const v = units[run];
      if (v.punct || !(v.cap || isConnector(v)) || units[run - 1].possessive) break;
      run++;
    }
    let match: RawMatch | null = null;
    for (let to = run; to > i && !match; to--) {
      if (isConnector(units[to - 1])) continue;
      const phrase = text.slice(u.start, units[to - 1].end);
      const { candidates, hint } = lookupPhrase(gaz, phrase);
      if (candidates.length) match = { start: u.start, end: units[to - 1].end, text: phrase, from: i, to, candidates, hint };
    }
    if (!match) {
      i++;
      continue;
    }
    out.push(extendLeft(gaz, text, units, extendRight(gaz, text, units, match)));
    i = match.to;
  }
  return out;
}

/** "Idlib province", "Hayyan gas fields", "Damascus countryside": a following feature word joins the match. */
function extendRight(gaz: Gazetteer, text: string, units: Unit[], m: RawMatch): RawMatch {
  if (units[m.to - 1].possessive) return m;
  let best = m;
  for (let to = m.to + 1; to <= Math.min(units.length, m.to + 3); to++) {
    const v = units[to - 1];
    if (!adjacent(text, units[to - 2], v) || !FEATURE_WORDS.has(v.text.toLowerCase())) break;
    const phrase = text.slice(m.start, v.end);
    const { candidates, hint } = lookupPhrase(gaz, phrase);
    const exact = gaz.candidates(phrase).length > 0;
    if (candidates.length && (exact || hint)) best = { ...m, end: v.end, text: phrase, to, candidates, hint };
  }
  return best;
}

/** "eastern Ghouta", "rural Damascus": a preceding lower-case word joins when the phrase is a known name. */
function extendLeft(gaz: Gazetteer, text: string, units: Unit[], m: RawMatch): RawMatch {
  const prev = units[m.from - 1];
  if (!prev || prev.cap || !PREFIX_WORDS.test(prev.text) || !adjacent(text, prev, units[m.from])) return m;
  const phrase = text.slice(prev.start, m.end);
  const exact = gaz.candidates(phrase).filter((c) => c.exact);
  if (!exact.length) return m;
  return { ...m, start: prev.start, text: phrase, from: m.from - 1, candidates: exact, hint: undefined };
}
