// Gazetteer matching over word units: the longest run of capitalised units (with name-internal connectors such
// as "al", "de", "of") that the gazetteer knows, extended by a following feature word ("Idlib province",
// "Damascus countryside") or a preceding direction or "rural" when the longer phrase is itself a known name.

import { fitsHint, important } from "./features.ts";
import type { Candidate, Gazetteer } from "./index.ts";
import { type FeatureHint, nameKey, splitFeatureHint } from "./normalize.ts";
import { adjacent, type Unit } from "./units.ts";

/** A span of units the gazetteer knows, before context filtering and resolution. */
export interface RawMatch {
  start: number;
  end: number;
  text: string;
  /** Index of the first and one past the last unit. */
  from: number;
  to: number;
  candidates: readonly Candidate[];
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

/** Lower-case feature words that may follow a name as part of it ("Idlib province", "Hayyan gas fields"). */
const SUFFIXES =
  /^(?:province|governorate|oblast|region|district|countryside|gas fields?|oil fields?|gas plant|air ?base|military airport|airport|dam|border crossing|crossing|mountains|river|refugee camp|camp)\b/i;

/** Words that never start a name although they may be capitalised ("As Syria's war…" is not "As Syria"). */
const NOT_FIRST = new Set(["the", "as", "at", "an", "a", "in", "on", "of", "to", "and", "or", "but", "for", "by"]);

/** Lower-case nouns that say the capitalised words next to them name a place ("the village of Tal Qarrah"). */
const PLACE_NOUN =
  "(?:town|towns|village|villages|city|district|neighbou?rhood|suburb|area|region|hamlet|camp|province|governorate)";
const NOUN_BEFORE = new RegExp(`\\b${PLACE_NOUN}\\s+of\\s+$`);
const NOUN_AFTER = new RegExp(`^\\s+${PLACE_NOUN}\\b`);

/** Lower-case words that may precede a name as part of it ("eastern Ghouta", "rural Damascus"). */
const PREFIX_WORDS = /^(north|south|east|west|northern|southern|eastern|western|rural|greater|upper|lower|central)$/i;

const MAX_UNITS = 7;

type Phrase = Readonly<{ candidates: readonly Candidate[]; hint?: FeatureHint }>;

/** `lookupPhrase` by gazetteer and phrase: the same phrases are looked up again and again, within and across texts. */
const phrases = new WeakMap<Gazetteer, Map<string, Phrase>>();
/** Past this many phrases, the memo starts afresh. */
const MEMO_LIMIT = 50_000;

/**
 * Candidates for a phrase: the phrase itself, plus the name with a trailing feature word stripped. The result
 * is memoised and shared: callers must not modify it.
 */
export function lookupPhrase(gaz: Gazetteer, text: string): Phrase {
  let memo = phrases.get(gaz);
  if (!memo) {
    memo = new Map();
    phrases.set(gaz, memo);
  }
  let hit = memo.get(text);
  if (!hit) {
    hit = computePhrase(gaz, text);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(text, hit);
  }
  return hit;
}

function computePhrase(gaz: Gazetteer, text: string): Phrase {
  const full = gaz.candidatesView(text);
  const { name, hint } = splitFeatureHint(text);
  if (!hint) return { candidates: full };
  const seen = new Set(full.map((c) => c.row));
  return { candidates: [...full, ...gaz.candidatesView(name).filter((c) => !seen.has(c.row))], hint };
}

function isConnector(u: Unit): boolean {
  return !u.cap && CONNECTORS.has(u.text.toLowerCase());
}

function startsName(u: Unit): boolean {
  return u.cap && !u.punct && !(NOT_FIRST.has(u.text.toLowerCase()) && !u.allCaps);
}

/** One past the last unit of the capitalised run starting at `i`; `stop` words end it ("Aleppo Monday"). */
function runEnd(text: string, units: Unit[], i: number, stop: (word: string) => boolean): number {
  let run = i + 1;
  while (run < units.length && run - i < MAX_UNITS && adjacent(text, units[run - 1], units[run])) {
    const v = units[run];
    if (v.punct || !(v.cap || isConnector(v)) || units[run - 1].possessive || stop(v.text)) break;
    run++;
  }
  while (run > i + 1 && isConnector(units[run - 1])) run--;
  return run;
}

/** Whether `phrase` is some place's own (main) name, not only an alternate one. */
function ownNameOfSome(gaz: Gazetteer, phrase: string): boolean {
  const key = nameKey(phrase);
  return gaz.candidatesView(phrase).some((c) => c.exact && nameKey(c.place.name) === key);
}

/** The longest known name at the start of units[i..run). */
function longestMatch(gaz: Gazetteer, text: string, units: Unit[], i: number, run: number): RawMatch | null {
  for (let to = run; to > i; to--) {
    if (isConnector(units[to - 1])) continue;
    const phrase = text.slice(units[i].start, units[to - 1].end);
    const { candidates, hint } = lookupPhrase(gaz, phrase);
    // "Dublin City Council", "Springfield City Schools": a capitalised "City" that is no place's own name with
    // the name ("Kansas City", "Quezon City"; "Dublin City" is only an alternate name of Dublin), before another
    // capitalised word, starts the name of something else.
    // "Manchester City" alone is a name of its own (a club's).
    const next = units[to];
    const before = next?.cap && !next.punct && adjacent(text, units[to - 1], next);
    if (hint === "city" && to - i > 1 && before && units[to - 1].cap && !ownNameOfSome(gaz, phrase)) continue;
    if (candidates.length)
      return { start: units[i].start, end: units[to - 1].end, text: phrase, from: i, to, candidates, hint };
  }
  return null;
}

/**
 * A whole run named as a place by its context ("village of Tal Qarrah", "Ain Daqneh town"), known or not; not
 * when a later part of the run is a known name ("Syrias Aleppo city") or the run holds `notName` words.
 */
function cuedRun(
  gaz: Gazetteer,
  text: string,
  units: Unit[],
  i: number,
  run: number,
  o: MatchOptions,
): RawMatch | null {
  let to = i + 1;
  while (to < run && !/^(and|or)$/i.test(units[to].text)) to++;
  while (to > i + 1 && isConnector(units[to - 1])) to--;
  const start = units[i].start;
  const end = units[to - 1].end;
  if (!NOUN_BEFORE.test(text.slice(Math.max(0, start - 40), start)) && !NOUN_AFTER.test(text.slice(end, end + 20)))
    return null;
  for (let k = i; k < to; k++) if (o.notName(units[k].text)) return null;
  for (let k = i + 1; k < to; k++) {
    if (gaz.candidatesView(text.slice(units[k].start, end)).some((c) => c.exact && important(c))) return null;
  }
  return { start, end, text: text.slice(start, end), from: i, to, candidates: [] };
}

/** The words that end a county's name ("Walker County", "Orleans Parish"). */
const COUNTY = /^(?:County|Parish)$/;

/**
 * "Cooke County", "Walker County Judge Danny Pierce": a county's name, known or not, is a place; its readings
 * are the places called by its first part (hint adm2), which the resolver weighs against the text's state.
 */
function countyRun(
  gaz: Gazetteer,
  text: string,
  units: Unit[],
  i: number,
  run: number,
  match: RawMatch | null,
): RawMatch | null {
  let k = i + 1;
  while (k < run && !COUNTY.test(units[k].text)) k++;
  if (k >= run || (match && match.to >= k + 1)) return null;
  const start = units[i].start;
  const end = units[k].end;
  const phrase = text.slice(start, end);
  const { candidates } = lookupPhrase(gaz, phrase);
  return { start, end, text: phrase, from: i, to: k + 1, candidates: candidates.filter((c) => c.exact), hint: "adm2" };
}

/** A literal, not in the function: tsx (esbuild) compiles a Unicode-property literal to `new RegExp(…)`. */
const LOWER_PLURAL = /\p{Ll}s$/u;

/** "Syrias" (a possessive written without its apostrophe) for an important place. */
function bareGenitive(gaz: Gazetteer, units: Unit[], i: number): RawMatch | null {
  const u = units[i];
  if (!LOWER_PLURAL.test(u.text)) return null;
  const candidates = gaz.candidatesView(u.text.slice(0, -1)).filter((c) => c.exact && important(c));
  return candidates.length ? { start: u.start, end: u.end, text: u.text, from: i, to: i + 1, candidates } : null;
}

export interface MatchOptions {
  /** Capitalised words that never continue a name ("Aleppo Monday"). */
  stop: (word: string) => boolean;
  /** Words that are never part of a context-named unknown place (demonyms, titles, given names). */
  notName: (word: string) => boolean;
}

/** Finds every longest gazetteer match in `text`, left to right, without overlaps. */
export function findMatches(
  gaz: Gazetteer,
  text: string,
  units: Unit[],
  options: MatchOptions = { stop: () => false, notName: () => false },
): RawMatch[] {
  const out: RawMatch[] = [];
  let i = 0;
  while (i < units.length) {
    if (!startsName(units[i])) {
      i++;
      continue;
    }
    const run = runEnd(text, units, i, options.stop);
    let match = longestMatch(gaz, text, units, i, run);
    // A stop word may still end a known name of several words ("the Middle East", "the Far East").
    const longer = runEnd(text, units, i, () => false);
    if (longer > run) {
      const whole = longestMatch(gaz, text, units, i, longer);
      if (whole && whole.to > run && whole.candidates.some((c) => c.exact)) match = whole;
    }
    // A known name that is only the start of a longer cued name ("Tal" in "village of Tal Qarrah") gives way.
    if (!match || match.to < run) match = cuedRun(gaz, text, units, i, run, options) ?? match;
    match = countyRun(gaz, text, units, i, run, match) ?? match;
    match ??= bareGenitive(gaz, units, i);
    if (!match) {
      i++;
      continue;
    }
    if (match.candidates.length) match = extendLeft(gaz, text, units, extendRight(gaz, text, units, match));
    out.push(match);
    i = match.to;
  }
  return out;
}

/** "Idlib province", "Hayyan gas fields", "Damascus countryside": a following feature word joins the match. */
function extendRight(gaz: Gazetteer, text: string, units: Unit[], m: RawMatch): RawMatch {
  if (units[m.to - 1].possessive) return m;
  const after = text.slice(m.end, m.end + 40);
  const suffix = /^[ \t]+/.exec(after) && SUFFIXES.exec(after.trimStart());
  if (!suffix) return m;
  const end = m.end + (after.length - after.trimStart().length) + suffix[0].length;
  const phrase = text.slice(m.start, end);
  const { candidates, hint } = lookupPhrase(gaz, phrase);
  const whole = new Set(gaz.candidatesView(phrase).map((c) => c.row));
  const fits = candidates.some((c) => c.exact && (whole.has(c.row) || (hint && fitsHint(c.place.feature, hint))));
  if (!fits) return m;
  let to = m.to;
  while (to < units.length && units[to].end <= end) to++;
  return { ...m, end, text: phrase, to, candidates, hint };
}

/** "eastern Ghouta", "rural Damascus": a preceding lower-case word joins when the phrase is a known name. */
function extendLeft(gaz: Gazetteer, text: string, units: Unit[], m: RawMatch): RawMatch {
  const prev = units[m.from - 1];
  if (!prev || prev.cap || !PREFIX_WORDS.test(prev.text) || !adjacent(text, prev, units[m.from])) return m;
  const phrase = text.slice(prev.start, m.end);
  const exact = gaz.candidatesView(phrase).filter((c) => c.exact);
  if (!exact.length) return m;
  return { ...m, start: prev.start, text: phrase, from: m.from - 1, candidates: exact, hint: undefined };
}
