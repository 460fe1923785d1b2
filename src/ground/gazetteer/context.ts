// Whether a gazetteer match is a place mention in its context, and what the context says about it: people
// ("President Assad", "Michael Jordan"), organisations ("Al-Masdar News", "Ahrar al-Sham"), demonyms, common
// words and headlines are dropped; prepositions ("in", "near"), place nouns ("village of") and a preceding
// compass word ("east Homs") are cues.
import { bearingOf } from "../geo.ts";
import { important } from "./features.ts";
import type { Candidate, Gazetteer } from "./index.ts";
import type { Lexicon } from "./lexicon.ts";
import type { RawMatch } from "./match.ts";
import { type FeatureHint, looseKey, nameKey, splitFeatureHint } from "./normalize.ts";
import { adjacent, type Unit } from "./units.ts";

export interface Assessed extends RawMatch {
  /** 2 = strong cue ("in X", "village of X", "X province"), 1 = weak ("to X", in a list), 0 = none. */
  cue: number;
  common: boolean;
  ambiguous: boolean;
  /** Bearing of a compass word right before the name ("east Homs" → 90). */
  directionBefore?: number;
  /** Followed by "road", "highway", …: the name may be a road's rather than a place's ("the Castello road"). */
  roadName?: boolean;
  /** A demonym ("Syrian", "Americans"), read as its country. */
  demonym?: boolean;
  /** The start of an organisation's name ("Ohio Department of Transportation", "Gainesville Police"). */
  embedded?: boolean;
}

/** "the province of Idlib" is the province, "the city of Homs" the city. */
function hintBefore(text: string, start: number): FeatureHint | undefined {
  const before = text.slice(Math.max(0, start - 30), start);
  if (/\b(?:province|governorate|oblast|region)\s+of\s+$/i.test(before)) return "adm1";
  if (/\b(?:city|town)\s+of\s+$/i.test(before)) return "city";
  return undefined;
}

const ARABIC_NAME_AFTER = /^ (?:al|el|ad|ar|as|ash|at|az|an|ed|ez|es)[-‐‑]\p{Lu}/u;
const LOCAL_UNIT_AFTER = /^\s+(?:district|sub-?district|neighbou?rhood|quarter)\b/i;
/** A reading too wide to be a district or a quarter: 100 km across or more (countries, the Sahel, seas). */
const tooWide = (c: Candidate) => (c.place.radiusKm ?? 0) >= 100 || c.place.feature === "PCLI";

const ROAD_AFTER = /^\s+(?:road|highway|motorway|route|street|avenue|roundabout)\b/i;

const STRONG_BEFORE = new Set([
  "in",
  "near",
  "at",
  "from",
  "into",
  "outside",
  "around",
  "toward",
  "towards",
  "across",
  "through",
  "between",
  "inside",
  "within",
  "via",
  "entered",
  "captured",
  "seized",
  "stormed",
  "liberated",
  "besieged",
  "shelled",
  "bombed",
  "retake",
  "retook",
  "recaptured",
  "outskirts",
  "countryside",
]);

const WEAK_BEFORE = new Set(["to", "and", "or", "on", "over", "across", "under", "beyond", "past"]);

const PLACE_NOUNS =
  /^(city|cities|town|towns|village|villages|province|provinces|governorate|region|district|area|areas|countryside|outskirts|suburbs?|neighbou?rhoods?|capital|port|border|borders|part|parts|side|centre|center|heart|vicinity|edge|north|south|east|west|northeast|northwest|southeast|southwest|people|residents|citizens|streets|hills|mountains|road|highway|governor|mayor)$/i;

const PERSON_AFTER = /^\W*(?:\w+\W+){0,3}?(?:he|she|his|her|him)\b/i;
/** Speech around a name that is not a country or city: "according to Winfield", "Xelil said". */
const SPEAKER_BEFORE = /\b(?:according to|by|bin|ibn|bint)\s+$/i;
const SPEAKER_AFTER = /^\s+(?:said|says|told|added|stated|explained|noted|wrote|argued|warned)\b/i;

// Unicode-property patterns are module constants: tsx (esbuild) compiles such a literal to `new RegExp(…)`,
// which would build a fresh pattern at every call.
const LONG_WORD = /\p{L}{4,}/gu;
const CAPITALISED = /^\p{Lu}/u;
const PLURAL = /\p{L}s$/u;
const COMMA_NAME = /^\s*,\s*\p{Lu}/u;
const WORD_TAIL = /[\p{L}-]*$/u;
const WORD_HEAD = /^[\p{L}-]*/u;

/** Number of words of 4+ letters in `line` and how many of them are capitalised (char codes for ASCII lines). */
function longWords(line: string): [number, number] {
  let n = 0;
  let caps = 0;
  let run = 0;
  let upper = false;
  for (let k = 0; k <= line.length; k++) {
    const c = k < line.length ? line.charCodeAt(k) : 0x20;
    if (c >= 0x80) {
      const words = line.match(LONG_WORD) ?? [];
      return [words.length, words.filter((w) => CAPITALISED.test(w)).length];
    }
    const lower = c >= 0x61 && c <= 0x7a;
    if (lower || (c >= 0x41 && c <= 0x5a)) {
      if (run === 0) upper = !lower;
      run++;
    } else {
      if (run >= 4) {
        n++;
        if (upper) caps++;
      }
      run = 0;
    }
  }
  return [n, caps];
}

/** Share of capitalised words (4+ letters) on each line; a line that is mostly capitalised is a headline. */
function headlineLines(text: string): (offset: number) => boolean {
  const heads: [number, number][] = [];
  let at = 0;
  for (const line of text.split("\n")) {
    const [n, caps] = longWords(line);
    if (n >= 3 && caps / n >= 0.6) heads.push([at, at + line.length]);
    at += line.length + 1;
  }
  return (offset) => heads.some(([s, e]) => offset >= s && offset < e);
}

/** Whether only spaces stand between two units: "Roy Jones", not "Athens-Clarke". */
function spaced(text: string, x: Unit, y: Unit): boolean {
  return /^[ \t\u00a0]+$/.test(text.slice(x.end, y.start));
}

function previousWord(units: Unit[], index: number, text: string): Unit | null {
  const prev = units[index - 1];
  if (!prev || prev.sentence !== units[index].sentence || !adjacent(text, prev, units[index])) return null;
  return prev;
}

function cueBefore(units: Unit[], m: RawMatch, text: string): number {
  const prev = units[m.from - 1];
  if (!prev || prev.sentence !== units[m.from].sentence) return 0;
  const word = prev.text.toLowerCase();
  if (word === "of") {
    const before = units[m.from - 2];
    return before && PLACE_NOUNS.test(before.text) ? 2 : 1;
  }
  if (STRONG_BEFORE.has(word) || bearingOf(word) !== null) return 2;
  if (WEAK_BEFORE.has(word)) return 1;
  if (prev.text === "," && /,\s*$/.test(text.slice(0, m.start))) return 1;
  return 0;
}

const REJECT_KINDS = [
  "person",
  "org",
  "identity",
  "not-place",
  "name-prefix",
  "title",
  "given",
  "org-prefix",
  "org-suffix",
] as const;
const MODIFIERS = /^(the|north|south|east|west|northern|southern|eastern|western|central|rural|greater|upper|lower)$/i;

/** What the rules below need to know about the text around a match. */
interface Around {
  units: Unit[];
  text: string;
  gaz: Gazetteer;
  lex: Lexicon;
  /** Unit indexes covered by a gazetteer match with an important reading ("Homs Syria" without a comma). */
  covered: Set<number>;
  /** Unit indexes covered by a match that names a country, province, capital or big city (`majorNamed`). */
  majors: Set<number>;
  headline: boolean;
}

/** The word kinds of a match's text, also without a trailing apostrophe-less possessive ("Assads"). */
function kindsOf(textOf: string, lex: Lexicon): Set<string> {
  const kinds = new Set<string>(lex.kinds(textOf));
  if (PLURAL.test(textOf)) for (const k of lex.kinds(textOf.slice(0, -1))) kinds.add(k);
  return kinds;
}

/** People and organisations around the match: "President Assad", "Ahrar al-Sham", "Al-Masdar News". */
function personOrOrg(m: RawMatch, a: Around): string | null {
  const { units, text, lex } = a;
  let prev = previousWord(units, m.from, text);
  if (!prev && units[m.from - 1]?.text === ".") prev = units[m.from - 2] ?? null;
  if (prev?.cap && (lex.has(prev.text, "title") || lex.has(prev.text, "given"))) return "person";
  // "Roy Jones", "Charlotte Graham": a common given name spaced before a name that is not the own name of a
  // country, province, capital or big city ("Austin Texas", "Jordan Syria" stay places; "Ching" is only an old
  // name of Anqing)
  if (
    prev?.cap &&
    !prev.allCaps &&
    !prev.possessive &&
    lex.firstName(prev.text) &&
    !MODIFIERS.test(prev.text) &&
    bearingOf(prev.text) === null &&
    spaced(text, prev, units[m.from]) &&
    !majorNamed(m)
  )
    return "person";
  for (const u of [units[m.from - 1], units[m.from - 2]]) if (u?.cap && lex.has(u.text, "org-prefix")) return "org";
  const last = units[m.to - 1];
  const next = units[m.to];
  if (next?.cap && !last.possessive && adjacent(text, last, next) && lex.has(next.text, "org-suffix")) return "org";
  // "the Islamic State of Iraq", "University of Aleppo"
  const before = units[m.from - 2];
  if (units[m.from - 1]?.text === "of" && before?.cap && lex.has(before.text, "org-suffix")) return "org";
  return null;
}

/**
 * A capitalised word next to the match that no match covers: "Human Rights Watch" (a longer name), "Michael
 * Jones", "Red Crescent" (the match ends someone's or something's name: a surname, say).
 */
function longerName(m: RawMatch, a: Around): "longer-name" | "surname" | null {
  const why = longerNameOrSurname(m, a);
  if (!why || a.lex.has(m.text, "ambiguous")) return why;
  // A country by its own name is nobody's surname ("Daraya Syria"), nor part of a person's name that follows
  // ("the UN envoy in Syria Ali al-Zaatari"); before other names it may start one ("US Air Force").
  if (!m.candidates.some((c) => c.exact && c.place.feature === "PCLI" && ownNamed(c, m.text))) return why;
  const next = a.units[m.to];
  if (why === "surname" || (next && (a.lex.has(next.text, "given") || a.lex.has(next.text, "person")))) return null;
  return why;
}

function longerNameOrSurname(m: RawMatch, a: Around): "longer-name" | "surname" | null {
  if (a.headline || !m.candidates.length) return null;
  const { units, text, lex } = a;
  const last = units[m.to - 1];
  const next = units[m.to];
  if (
    next?.cap &&
    !next.punct &&
    !last.possessive &&
    spaced(text, last, next) &&
    // "Homs Syria" is two places, but "Brent Ching" a given name and a surname that is also a place's name
    (!a.covered.has(m.to) || (lex.firstName(m.text) && !a.majors.has(m.to))) &&
    !lex.has(next.text, "not-place")
  )
    return "longer-name";
  const prev = units[m.from - 1];
  // A sentence's first word before a place is mostly an adjective ("Besieged Aleppo"); before a name that is
  // only some place's alternate name, or a small place's, it is mostly a given name ("Brent Ching").
  const weak =
    !m.candidates.some((c) => ownNamed(c, m.text)) &&
    !/^(?:in|at|on|of|to|from|near|into|outside|the|and|but|as|by|for|with)$/i.test(prev?.text ?? "");
  const surname =
    prev?.cap &&
    !prev.punct &&
    (!prev.sentenceStart || weak) &&
    !prev.possessive &&
    spaced(text, prev, units[m.from]) &&
    !a.covered.has(m.from - 1) &&
    !MODIFIERS.test(prev.text) &&
    bearingOf(prev.text) === null &&
    !lex.demonym(prev.text) &&
    !lex.has(prev.text, "identity");
  return surname ? "surname" : null;
}

/**
 * Whether the text names the place by its own name (GeoNames' main name, or a curated name of a country or a
 * supplement place), not by one of GeoNames' many alternate names ("Human" is an old name of Uman).
 */
function ownNamed(c: { place: { name: string; geonameid?: number } }, text: string): boolean {
  if (!c.place.geonameid) return true;
  const name = splitFeatureHint(text).name;
  return nameKey(c.place.name) === nameKey(name) || looseKey(c.place.name) === looseKey(name);
}

/** Words of an organisation's name that name the kind of place instead ("Butler County", "Darby Street"). */
const PLACE_KIND_SUFFIX = /^(?:County|Parish|Borough|Township|Street|Road|Avenue|Square|Route|Lane|Drive)$/;

/**
 * Whether a match that starts a longer capitalised name is a toponym embedded in an organisation's name
 * ("Ohio Department of Transportation", "Gainesville Police Department", "University of Georgia"): the name
 * must be that of an important place, and the words after it must include one that ends organisations' names.
 */
function embeddedName(m: RawMatch, a: Around): boolean {
  const { units, text, lex } = a;
  if (m.hint === "adm2" && /\b(?:County|Parish)$/.test(m.text)) return true; // "Henderson County Sheriff"
  if (!m.candidates.some((c) => c.exact && important(c) && ownNamed(c, m.text))) return false;
  if (units[m.to - 1].possessive) return false;
  for (const u of [units[m.from - 1], units[m.from - 2]]) if (u?.cap && lex.has(u.text, "org-prefix")) return false;
  const before = units[m.from - 2];
  if (units[m.from - 1]?.text === "of" && before?.cap && lex.has(before.text, "org-suffix")) return true;
  const next = units[m.to];
  // A country, state, capital or large city named by its own name at the start of another name is a modifier
  // of that name ("U.S. Census", "Tennessee Senior Olympics", "Atlanta Falcons"), not a person's surname.
  if (
    m.candidates.some((c) => c.exact && major(c) && ownNamed(c, m.text)) &&
    !(m.text.replace(/\W/g, "").length <= 3 && m.text !== m.text.toUpperCase()) && // "Contact Us Legal"
    next?.cap &&
    !next.punct &&
    !lex.has(next.text, "given") &&
    !lex.has(next.text, "person") &&
    !lex.has(next.text, "title") // "US Secretary of State John Kerry": a person's title, not a place's name
  )
    return true;
  let last = units[m.to - 1];
  for (let k = m.to; k < Math.min(units.length, m.to + 6); k++) {
    const u = units[k];
    if (u.sentence !== last.sentence || !adjacent(text, last, u)) break;
    if (!u.cap && !/^(?:of|for|and|on)$/.test(u.text)) break;
    if (u.cap && lex.has(u.text, "org-suffix")) return !(k === m.to && PLACE_KIND_SUFFIX.test(u.text));
    if (u.cap && (lex.has(u.text, "given") || lex.has(u.text, "person") || lex.has(u.text, "title"))) return false;
    last = u;
  }
  return false;
}

/** A small place's name in the possessive before a capitalised word: "Moore's Ford", "Jones' Store". */
function possessiveName(m: RawMatch, a: Around): boolean {
  const last = a.units[m.to - 1];
  const next = a.units[m.to];
  if (!last.possessive || !next?.cap || next.punct || next.sentence !== last.sentence) return false;
  return !m.candidates.some(important);
}

/** Why a match is not a place mention here, or null when it may be one. */
function rejection(m: RawMatch, a: Around, cue: number): string | null {
  const kinds = kindsOf(m.text, a.lex);
  for (const k of REJECT_KINDS) if (kinds.has(k)) return k;
  if (a.lex.demonym(m.text)) return "demonym";
  const who = personOrOrg(m, a) ?? longerName(m, a);
  if (who === "org" || who === "longer-name") return embeddedName(m, a) ? null : who;
  if (who) return who;
  if (!m.candidates.length) return null; // a cued unknown name ("the village of Tal Qarrah")
  if (possessiveName(m, a)) return "possessive-name";
  const first = a.units[m.from];
  const single = m.to - m.from === 1;
  const exact = m.candidates.filter((c) => c.exact);
  const letters = first.text.replace(/\W/g, "").length;
  if (first.allCaps && single && letters <= 5) {
    if (!exact.some((c) => c.place.feature === "PCLI" || !/^PPL/.test(c.place.feature))) return "acronym";
  } else if (single && letters <= 3 && cue < 2) return "short-word";
  // A spelling variant of a one-word name needs a cue and a place mid-sentence ("There" is not "Thera").
  if (!exact.length && single && (letters < 5 || first.sentenceStart || cue === 0)) return "loose-word";
  if (single && !first.allCaps && a.gaz.isCommonWord(m.text) && cue < 2 && !m.hint) return "common-word";
  return null;
}

/** Assesses every match; returns those that may be place mentions, with their cues and flags. */
export function assess(matches: RawMatch[], units: Unit[], text: string, gaz: Gazetteer, lex: Lexicon): Assessed[] {
  const isHeadline = headlineLines(text);
  const covered = new Set<number>();
  // names of important places by their own name ("Homs Syria"), not by an alternate one ("Roy Jones")
  for (const m of matches)
    if (m.candidates.some((c) => important(c) && ownNamed(c, m.text)))
      for (let k = m.from; k < m.to; k++) covered.add(k);
  const majors = new Set<number>();
  for (const m of matches) if (majorNamed(m)) for (let k = m.from; k < m.to; k++) majors.add(k);
  const kept: Assessed[] = [];
  const people = new Set<string>();
  const inNames: RawMatch[] = [];
  for (let m of matches) {
    const hint = m.hint ?? hintBefore(text, m.start);
    if (hint) m = { ...m, hint };
    // "the Sahel district of Zabadani", "the Syria quarter": a name before "district", "neighbourhood" or "quarter"
    // names a local unit, which no country, sea or region 100 km wide is ("the Eastern Ghouta district" is
    // narrower); without another reading it is a place the gazetteer lacks. ("Town" and "village" are left out:
    // "the Eastern Ghouta town of Douma" names the region the town lies in.)
    if (LOCAL_UNIT_AFTER.test(text.slice(m.end, m.end + 20)) && m.candidates.some(tooWide))
      m = { ...m, candidates: m.candidates.filter((c) => !tooWide(c)) };
    // "Tibet al-Imam" (a town in Hama): a name that goes on with an Arabic article is the start of a longer
    // Arabic name, unless it has a reading narrow enough to be modified ("Daraa al-Balad" is Daraa's old city)
    if (ARABIC_NAME_AFTER.test(text.slice(m.end, m.end + 8)) && m.candidates.length && m.candidates.every(tooWide))
      continue;
    let cue = m.hint || !m.candidates.length ? 2 : cueBefore(units, m, text);
    if (cue < 2 && COMMA_NAME.test(text.slice(m.end, m.end + 4)) && kept.length) cue = Math.max(cue, 1);
    const headline = isHeadline(m.start);
    const around = { units, text, gaz, lex, covered, majors, headline };
    const why = rejection(m, around, cue) ?? personAround(m, text, lex, cue);
    if ((why === "person" || why === "surname") && !majorNamed(m)) people.add(m.text);
    if ((why === "longer-name" || why === "org") && m.candidates.some((c) => c.exact)) inNames.push(m);
    if (why) continue;
    const minorOnly = m.candidates.length > 0 && !m.candidates.some(important);
    if (headline && cue < 2 && minorOnly && m.to - m.from === 1) continue;
    const prev = previousWord(units, m.from, text);
    const directionBefore = prev && !prev.cap ? bearingOf(prev.text) : null;
    const ambiguous = lex.has(m.text, "ambiguous") && cue < 2;
    const embedded = m.candidates.length > 0 && (personOrOrg(m, around) ?? longerName(m, around)) !== null;
    kept.push({
      ...m,
      cue,
      common: gaz.isCommonWord(m.text),
      ambiguous,
      ...(embedded ? { embedded } : {}),
      ...(directionBefore !== null ? { directionBefore } : {}),
      ...(ROAD_AFTER.test(text.slice(m.end, m.end + 16)) ? { roadName: true } : {}),
    });
  }
  // One sense per discourse for places: a name that the text uses as a place ("in Dublin") is that place also
  // at the start of longer names ("Dublin City Council", "the Dublin Singers").
  const placeNames = new Set(kept.filter((m) => m.cue === 2 && !m.embedded).map((m) => nameKey(m.text)));
  for (const m of inNames) {
    const prefixed = [units[m.from - 1], units[m.from - 2]].some((u) => u?.cap && lex.has(u.text, "org-prefix"));
    if (!placeNames.has(nameKey(m.text)) || prefixed || people.has(m.text)) continue;
    kept.push({ ...m, cue: 0, common: gaz.isCommonWord(m.text), ambiguous: false, embedded: true });
  }
  // One sense per discourse for people: once "Jones" is someone's surname, a bare "Jones" is that person.
  const places = kept.filter((m) => m.cue === 2 || !people.has(m.text));
  return [...places, ...demonyms(places, units, text, gaz, lex)].sort((x, y) => x.start - y.start);
}

/** Words before a demonym that make it an ethnic or continental name: "Native American", "North American". */
const ETHNONYM_BEFORE = /(?:^|[^\p{L}])(?:Native|North|South|Central|Latin)\s+$/u;

/** A hyphenated ethnic name of immigrants: "African-American", "Italian-Americans", "Chinese-Canadian". */
const HYPHENATED_ETHNONYM = /^\p{Lu}\p{L}+-(?:American|Canadian)s?$/u;

/** Part of a compound ethnic name rather than a mention of a country: "African-American", "Native Americans". */
function ethnonymPart(text: string, start: number, end: number): boolean {
  const word = WORD_TAIL.exec(text.slice(Math.max(0, start - 20), start))?.[0] ?? "";
  const rest = WORD_HEAD.exec(text.slice(end, end + 20))?.[0] ?? "";
  if (HYPHENATED_ETHNONYM.test(word + text.slice(start, end) + rest)) return true;
  return ETHNONYM_BEFORE.test(text.slice(Math.max(0, start - 12), start));
}

/** The place a demonym names: its country ("Syrian" → Syria), else its region ("European" → Europe). */
export function demonymPlace(phrase: string, gaz: Gazetteer, lex: Lexicon): Candidate | undefined {
  const cc = lex.demonym(phrase);
  if (cc) return gaz.countryCandidate(cc);
  const region = lex.regionDemonym(phrase);
  return region ? gaz.candidatesView(region).find((c) => c.exact && !c.place.country) : undefined;
}

/**
 * Demonyms that no gazetteer match covers ("Syrian", "Sri Lankans"), as mentions of their country: gold
 * corpora count them as toponyms (adjectival ones), and they say which country a text is about.
 */
function demonyms(places: RawMatch[], units: Unit[], text: string, gaz: Gazetteer, lex: Lexicon): Assessed[] {
  const covered = new Set<number>();
  for (const m of places) for (let k = m.from; k < m.to; k++) covered.add(k);
  const out: Assessed[] = [];
  for (let i = 0; i < units.length; i++) {
    const u = units[i];
    if (!u.cap || u.punct || covered.has(i)) continue;
    const next = units[i + 1];
    const two = next && !covered.has(i + 1) && adjacent(text, u, next) ? text.slice(u.start, next.end) : null;
    const [to, phrase] = two && (lex.demonym(two) || lex.regionDemonym(two)) ? [i + 2, two] : [i + 1, u.text];
    const country = lex.demonymMention(phrase) ? demonymPlace(phrase, gaz, lex) : undefined;
    if (!country) continue;
    const start = u.start;
    const end = units[to - 1].end;
    if (ethnonymPart(text, start, end)) continue;
    out.push({
      start,
      end,
      text: phrase,
      from: i,
      to,
      candidates: [country],
      cue: 0,
      common: false,
      ambiguous: false,
      demonym: true,
    });
    i = to - 1;
  }
  return out;
}

/** A country, province, capital or city of half a million: never taken for a person's name throughout a text. */
function major(c: { place: { feature: string; population?: number } }): boolean {
  return ["PCLI", "ADM1", "PPLC"].includes(c.place.feature) || (c.place.population ?? 0) >= 500_000;
}

/** Whether a match names a country, province, capital or city of half a million by its own name. */
function majorNamed(m: RawMatch): boolean {
  return m.candidates.some((c) => major(c) && ownNamed(c, m.text));
}

/** People named by what is said around them: "Jordan said he…", "according to Winfield", "Xelil said". */
function personAround(m: RawMatch, text: string, lex: Lexicon, cue: number): string | null {
  if (cue < 2 && lex.has(m.text, "ambiguous") && PERSON_AFTER.test(text.slice(m.end, m.end + 40))) return "person";
  // important only by one of GeoNames' alternate names ("Lewis" for Saint George's) does not count here
  const minorOnly = m.candidates.length > 0 && !m.candidates.some((c) => important(c) && ownNamed(c, m.text));
  if (!minorOnly) return null;
  const before = text.slice(Math.max(0, m.start - 16), m.start);
  return SPEAKER_BEFORE.test(before) || SPEAKER_AFTER.test(text.slice(m.end, m.end + 12)) ? "person" : null;
}
