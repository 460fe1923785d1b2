// Place recogniser: gazetteer matches over capitalised word runs, filtered by context (people, organisations,
// demonyms, common words), linked to explicit containers ("Kramatorsk, Donetsk Oblast") and resolved against
// the document's country focus and each other. Fills `ad.places`.

import { join } from "node:path";
import { assess } from "../ground/gazetteer/context.ts";
import { isRegion, placeRadius } from "../ground/gazetteer/extent.ts";
import { fitsHint } from "../ground/gazetteer/features.ts";
import { type Candidate, getGazetteer } from "../ground/gazetteer/index.ts";
import { getLexicon } from "../ground/gazetteer/lexicon.ts";
import { findMatches } from "../ground/gazetteer/match.ts";
import {
  contains,
  homeRegion,
  type Mention,
  namesCountry,
  prior,
  type Resolution,
  resolveAll,
} from "../ground/gazetteer/resolve.ts";
import { DATA_DIR, readTsv } from "../ground/gazetteer/sources.ts";
import { findStreets, type StreetSpan } from "../ground/gazetteer/streets.ts";
import { toUnits } from "../ground/gazetteer/units.ts";
import type { AnnotatedDocument, Home, PlaceMention, Recognizer } from "../model/types.ts";
import { tokenize } from "./tokens.ts";

/** Word kinds that are never part of a place name found by its context alone. */
const NOT_NAME = ["not-place", "identity", "title", "given", "person", "org", "org-prefix"] as const;

/** At most this many candidates per mention, the a-priori strongest. */
const MAX_CANDIDATES = 60;

/**
 * Links "X, Y" and "X (Y)" where some reading of Y contains some reading of X. Not for a country before a country
 * ("Russia, US") or before anything but a first-order division ("Palestine, Texas" is the town), nor inside lists ("Moscow, Washington and Tehran"), unless Y is a division's abbreviation ("Louisville, Ky.,
 * New Haven, Conn.").
 */
// Unicode-property patterns are module constants: tsx (esbuild) compiles such a literal to `new RegExp(…)`,
// which would build a fresh pattern at every call.
const LIST_GOES_ON = /^\s*(?:,|and|or)\s*\p{Lu}/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;
const WORD_CHAR_OR_DOT = /[\p{L}\p{N}.]/u;

function linkContainers(mentions: Mention[], text: string, abbreviations: Set<Mention>): void {
  for (let i = 0; i + 1 < mentions.length; i++) {
    const a = mentions[i];
    const b = mentions[i + 1];
    if (!/^\s*[,(]\s*$/.test(text.slice(a.end, b.start))) continue;
    // "Russia, US" and "Syria, Iraq" are lists of countries; "Palestine, Texas" is the town in Texas
    if (namesCountry(a) && (namesCountry(b) || !b.candidates.some((c) => c.place.feature === "ADM1"))) continue;
    if (!abbreviations.has(b) && LIST_GOES_ON.test(text.slice(b.end, b.end + 8))) continue;
    if (b.candidates.some((outer) => a.candidates.some((inner) => contains(outer, inner)))) a.container = i + 1;
  }
}

/**
 * Abbreviations of states and provinces right after a place and a comma ("Springfield, Ill.", "CHARLESTON,
 * W.Va. --", "Austin, TX"): mentions of that division. Elsewhere they are not read as places ("Ill." is ill).
 */
function containerAbbreviations(mentions: Mention[], text: string): Mention[] {
  const gaz = getGazetteer();
  const out: Mention[] = [];
  const taken = new Set(mentions.map((m) => m.start));
  for (const m of mentions) {
    if (m.demonym) continue;
    const comma = /^,[ \t]*/.exec(text.slice(m.end, m.end + 4));
    if (!comma) continue;
    const start = m.end + comma[0].length;
    if (taken.has(start)) continue;
    const hit = divisionAbbreviations().find(
      (a) => text.startsWith(a.text, start) && !WORD_CHAR.test(text[start + a.text.length] ?? ""),
    );
    const division = hit && gaz.admin1(hit.country, hit.admin1);
    if (!hit || !division) continue;
    const end = start + hit.text.length;
    out.push({
      start,
      end,
      text: hit.text,
      from: m.to,
      to: m.to,
      candidates: [division],
      cue: 2,
      common: false,
      ambiguous: false,
    });
    taken.add(start);
  }
  return out;
}

/**
 * US state abbreviations of two initials with full stops ("S.C.", "N.Y.", "D.C.", "W.Va.") are read as the state
 * anywhere ("the S.C. Highway Patrol", "D-S.C.", "a trip to D.C."): unlike "Ill." or "Miss." they are no word.
 */
function initialAbbreviations(mentions: Mention[], text: string): Mention[] {
  const gaz = getGazetteer();
  const out: Mention[] = [];
  const taken = (start: number, end: number) => mentions.some((m) => m.start < end && start < m.end);
  for (const a of divisionAbbreviations()) {
    if (a.country !== "US" || !/^[A-Z]\.[A-Z][a-z]*\.$/.test(a.text)) continue;
    const division = gaz.admin1(a.country, a.admin1);
    if (!division) continue;
    for (let at = text.indexOf(a.text); at >= 0; at = text.indexOf(a.text, at + 1)) {
      const end = at + a.text.length;
      if (WORD_CHAR_OR_DOT.test(text[at - 1] ?? "") || WORD_CHAR.test(text[end] ?? "")) continue;
      if (taken(at, end) || out.some((m) => m.start < end && at < m.end)) continue;
      out.push({
        start: at,
        end,
        text: a.text,
        from: 0,
        to: 0,
        candidates: [division],
        cue: 1,
        common: false,
        ambiguous: false,
      });
    }
  }
  return out;
}

/** A name in a list (up to three capitalised words). */
const LIST_NAME = "\\p{Lu}[\\p{L}'’-]*(?:\\s+\\p{Lu}[\\p{L}'’-]*){0,2}";
/** "Madison, Clark and Warren counties", "Donetsk and Luhansk regions": names before a plural container noun. */
const CONTAINER_LIST = new RegExp(
  `(?<![\\p{L}])${LIST_NAME}(?:\\s*,\\s*${LIST_NAME})*,?\\s+(?:and|or|&)\\s+${LIST_NAME}\\s+(counties|parishes|provinces|governorates|oblasts|states|regions)\\b`,
  "gu",
);

/**
 * Reads the names of a list before a plural container noun as that kind of division: "X, Y and Z counties"
 * are the counties "X County", "Y County", "Z County" (the gazetteer indexes US counties by their full name), "X
 * and Y provinces" (governorates, oblasts, states, regions) first-order divisions. Names that no reading of the
 * kind fits are left as they were; a name the gazetteer lacks in that kind is not added.
 */
function readContainerLists(mentions: Mention[], text: string): void {
  if (!/(?:counties|parishes|provinces|governorates|oblasts|states|regions)\b/.test(text)) return;
  const gaz = getGazetteer();
  for (const list of text.matchAll(CONTAINER_LIST)) {
    const noun = list[1];
    const county = noun === "counties" || noun === "parishes";
    const suffix = noun === "parishes" ? "Parish" : "County";
    const listStart = list.index ?? 0;
    const body = list[0].slice(0, list[0].length - noun.length).replace(/\s+$/, "");
    const names = [...body.matchAll(new RegExp(LIST_NAME, "gu"))];
    names.forEach((n, k) => {
      let words = n[0].split(/\s+/);
      let start = listStart + (n.index ?? 0);
      const end = start + n[0].length;
      const readings = (name: string) =>
        county
          ? gaz.candidatesView(`${name} ${suffix}`).filter((c) => c.exact && c.place.feature === "ADM2")
          : gaz.candidatesView(name).filter((c) => c.exact && fitsHint(c.place.feature, "adm1"));
      let found = readings(words.join(" "));
      // the first name may carry a sentence's first word ("Small Hitchcock and Hayes counties")
      while (k === 0 && !found.length && words.length > 1) {
        start = text.indexOf(words[1], start + words[0].length);
        words = words.slice(1);
        found = readings(words.join(" "));
      }
      if (!found.length) return;
      const hit = mentions.filter((m) => m.start < end && start < m.end);
      if (hit.some((m) => m.start !== start || m.end !== end)) return;
      const hint = county ? ("adm2" as const) : ("adm1" as const);
      if (hit.length) {
        hit[0].candidates = found;
        hit[0].hint = hint;
        hit[0].demonym = false;
        return;
      }
      const at = mentions.findIndex((m) => m.start > start);
      const mention: Mention = {
        start,
        end,
        text: text.slice(start, end),
        from: 0,
        to: words.length,
        candidates: found,
        hint,
        cue: 1,
        common: false,
        ambiguous: false,
      };
      mentions.splice(at < 0 ? mentions.length : at, 0, mention);
    });
  }
}

let abbreviationTable: { text: string; country: string; admin1: string }[] | null = null;

/** data/gazetteer/abbreviations.tsv, longest first. */
function divisionAbbreviations(): { text: string; country: string; admin1: string }[] {
  abbreviationTable ??= readTsv(join(DATA_DIR, "abbreviations.tsv"))
    .map((r) => ({ text: r.abbreviation, country: r.country, admin1: r.admin1 }))
    .sort((a, b) => b.text.length - a.text.length);
  return abbreviationTable;
}

/**
 * The place mentions of a text given its tokens (`ad.tokens`, `ad.sentences`), before resolution: gazetteer
 * matches that pass the context filters, with their cues, feature hints and explicit containers, in text order;
 * and the street-level toponyms, which are placed after resolution (`streetMention`).
 */
export function findPlaceMentions(ad: Pick<AnnotatedDocument, "doc" | "tokens" | "sentences">): {
  mentions: Mention[];
  streets: StreetSpan[];
} {
  const text = ad.doc.text;
  const gaz = getGazetteer();
  const lex = getLexicon();
  const units = toUnits(text, ad.tokens, ad.sentences);
  const options = {
    stop: (word: string) => lex.has(word, "not-place"),
    notName: (word: string) => Boolean(lex.demonym(word)) || NOT_NAME.some((k) => lex.has(word, k)),
  };
  const mentions: Mention[] = assess(findMatches(gaz, text, units, options), units, text, gaz, lex).map((m) => ({
    ...m,
    candidates: strongest(m.candidates),
  }));
  const streets = streetsAmong(mentions, text, (w) => lex.has(w, "given"));
  const abbreviations = containerAbbreviations(mentions, text);
  mentions.push(...abbreviations);
  mentions.push(...initialAbbreviations(mentions, text));
  mentions.sort((a, b) => a.start - b.start);
  readContainerLists(mentions, text);
  linkContainers(mentions, text, new Set(abbreviations));
  return { mentions, streets };
}

/** A mention's candidates, the a-priori strongest `MAX_CANDIDATES` first. */
export function strongest(candidates: readonly Candidate[]): Candidate[] {
  return candidates
    .map((c) => ({ c, p: prior(c) }))
    .sort((x, y) => y.p - x.p)
    .slice(0, MAX_CANDIDATES)
    .map((x) => x.c);
}

/**
 * Resolves the mentions of `text` together: each weighs in the others' readings (focus, containers, proximity),
 * and the document's home region, when known, like one more mention of it.
 */
export function resolveMentions(mentions: Mention[], text: string, home?: Home): Resolution[] {
  const gaz = getGazetteer();
  const division = (key: string) => {
    const [country, admin1] = key.split(".");
    return gaz.admin1(country, admin1);
  };
  const region = home ? homeRegion(home, (cc, name) => gaz.admin1Named(cc, name)) : undefined;
  return resolveAll(mentions, text, getLexicon(), division, region);
}

/** A mention and its resolution as the annotator's output. */
export function placeMention(m: Mention, r: Resolution): PlaceMention {
  const mention: PlaceMention = {
    start: m.start,
    end: m.end,
    text: m.text,
    place: r.candidate?.place ?? null,
    confidence: r.confidence,
  };
  if (m.ambiguous) mention.ambiguous = true;
  if (m.demonym) mention.demonym = true;
  return mention;
}

/** A dateline: capitalised place words at the very start, maybe ", Region" and "(Agency)", then a dash or colon. */
const DATELINE =
  /^\s*[A-Z][A-Z'’.-]*(?:\s+[A-Z][A-Z'’.-]*){0,3}(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,2})?\s*(?:\([^()\n]{2,40}\)\s*)?(?:—|–|--|-|:)\s/;

/** The region of a dateline's place, when the text opens with one and its first mention was resolved. */
function datelineHome(mentions: Mention[], resolved: Resolution[], text: string): Home | undefined {
  const line = DATELINE.exec(text);
  const first = mentions[0];
  const place = resolved[0]?.candidate?.place;
  if (!line || !first || first.demonym || first.end > line[0].length || !place?.country) return undefined;
  return place.admin1 ? { country: place.country, admin1: place.admin1 } : { country: place.country };
}

/**
 * Recognises and resolves the place mentions of a text given its tokens (`ad.tokens`, `ad.sentences`).
 * Demonyms ("Syrian") are recognised, resolved to their country, weigh in the text's focus and are returned
 * with `demonym: true`: the event assembler skips them, so "Syrian" in "Syrian jets struck Aleppo" is never an
 * event's location (see docs/geoparser.md).
 */
export function recognizePlaces(ad: Pick<AnnotatedDocument, "doc" | "tokens" | "sentences">): PlaceMention[] {
  const text = ad.doc.text;
  const { mentions, streets } = findPlaceMentions(ad);
  let resolved = resolveMentions(mentions, text, ad.doc.home);
  // a dateline ("RALEIGH, N.C. (AP) —") says where the story was filed: it weighs like the outlet's home
  const filed = ad.doc.home ? undefined : datelineHome(mentions, resolved, text);
  if (filed) resolved = resolveMentions(mentions, text, filed);
  const out = mentions.flatMap((m, i) => (resolved[i].drop ? [] : [placeMention(m, resolved[i])]));
  if (!streets.length) return out;
  return [...out, ...streets.map((s) => streetMention(s, out, text))].sort((a, b) => a.start - b.start);
}

/**
 * The street-level toponyms of the text ("Main Street", "Highway 19"); removes from `mentions` the gazetteer
 * matches inside them ("Washington" in "Washington Drive"). A street that only partly overlaps a match, or holds
 * two of them ("the Damascus-Aleppo Highway"), is left out.
 */
function streetsAmong(mentions: Mention[], text: string, isGiven: (w: string) => boolean): StreetSpan[] {
  const out: StreetSpan[] = [];
  for (const s of findStreets(text, isGiven)) {
    const hit = mentions.filter((m) => m.start < s.end && s.start < m.end);
    if (hit.some((m) => m.start < s.start || m.end > s.end) || hit.length > 1) continue;
    out.push(s);
  }
  if (!out.length) return out;
  const inside = (m: Mention) => out.some((s) => s.start <= m.start && m.end <= s.end);
  const kept = mentions.filter((m) => !inside(m));
  mentions.splice(0, mentions.length, ...kept);
  return out;
}

const TOWN = /^PPL/;

/**
 * A street placed within its locality: the town named right after it ("Main Street, Tipperary"), else the
 * nearest town named before it, else the first named after it, else the place the text names most often (its
 * focus). Its `place` is the locality's point with the locality's radius and feature "STRT", never a point of
 * its own; `street.locality` says which mention it lies in.
 */
function streetMention(s: StreetSpan, places: PlaceMention[], text: string): PlaceMention {
  const usable = places.filter((p) => !p.demonym && p.place);
  const town = (p: PlaceMention) => TOWN.test(p.place?.feature ?? "");
  const after = usable.find((p) => p.start >= s.end);
  let locality: PlaceMention | undefined =
    after && /^,\s*$/.test(text.slice(s.end, after.start)) && (town(after) || after.place?.feature === "ADM2")
      ? after
      : undefined;
  locality ??= usable.filter((p) => p.end <= s.start && town(p)).at(-1);
  locality ??= usable.find((p) => p.start >= s.end && town(p));
  locality ??= focusMention(usable);
  const mention: PlaceMention = {
    start: s.start,
    end: s.end,
    text: s.text,
    place: null,
    confidence: locality ? Math.round(locality.confidence * 0.8 * 100) / 100 : 0.3,
    street: { locality: locality ?? null },
  };
  const p = locality?.place;
  if (p)
    mention.place = {
      name: s.text,
      lat: p.lat,
      lon: p.lon,
      ...(p.country ? { country: p.country } : {}),
      ...(p.admin1 ? { admin1: p.admin1 } : {}),
      feature: "STRT",
      radiusKm: placeRadius(p),
    };
  return mention;
}

/** The place a text names most often (ties: the finer one, then the first named). */
function focusMention(places: PlaceMention[]): PlaceMention | undefined {
  const counts = new Map<string, { m: PlaceMention; n: number }>();
  for (const m of places) {
    const key = `${m.place?.name}|${m.place?.lat}|${m.place?.lon}`;
    const c = counts.get(key);
    if (c) c.n++;
    else counts.set(key, { m, n: 1 });
  }
  let best: { m: PlaceMention; n: number } | undefined;
  for (const c of counts.values()) {
    const finer = best && c.n === best.n && isRegion(best.m.place!) && !isRegion(c.m.place!);
    if (!best || c.n > best.n || finer) best = c;
  }
  return best?.m;
}

/** Tokenises `text` and returns its place mentions (for tests and one-off use). */
export function placesOf(text: string): PlaceMention[] {
  const { sentences, tokens } = tokenize(text);
  return recognizePlaces({ doc: { id: "-", text, origin: "-", contentHash: "" }, sentences, tokens });
}

export const placesRecognizer: Recognizer = {
  name: "places",
  run(ad: AnnotatedDocument) {
    ad.places.push(...recognizePlaces(ad));
  },
};
