// Place recogniser: gazetteer matches over capitalised word runs, filtered by context (people, organisations,
// demonyms, common words), linked to explicit containers ("Kramatorsk, Donetsk Oblast") and resolved against
// the document's country focus and each other. Fills `ad.places`.

import { join } from "node:path";
import { assess } from "../ground/gazetteer/context.ts";
import { getGazetteer } from "../ground/gazetteer/index.ts";
import { getLexicon } from "../ground/gazetteer/lexicon.ts";
import { findMatches } from "../ground/gazetteer/match.ts";
import { contains, type Mention, prior, resolveAll } from "../ground/gazetteer/resolve.ts";
import { DATA_DIR, readTsv } from "../ground/gazetteer/sources.ts";
import { toUnits } from "../ground/gazetteer/units.ts";
import type { AnnotatedDocument, PlaceMention, Recognizer } from "../model/types.ts";
import { tokenize } from "./tokens.ts";

/** Word kinds that are never part of a place name found by its context alone. */
const NOT_NAME = ["not-place", "identity", "title", "given", "person", "org", "org-prefix"] as const;

/** At most this many candidates per mention, the a-priori strongest. */
const MAX_CANDIDATES = 60;

/**
 * Links "X, Y" and "X (Y)" where some reading of Y contains some reading of X. Not for countries ("Russia, US")
 * nor inside lists ("Moscow, Washington and Tehran"), unless Y is a division's abbreviation ("Louisville, Ky.,
 * New Haven, Conn.").
 */
function linkContainers(mentions: Mention[], text: string, abbreviations: Set<Mention>): void {
  for (let i = 0; i + 1 < mentions.length; i++) {
    const a = mentions[i];
    const b = mentions[i + 1];
    if (!/^\s*[,(]\s*$/.test(text.slice(a.end, b.start))) continue;
    if (a.candidates.some((c) => c.exact && c.place.feature === "PCLI")) continue;
    if (!abbreviations.has(b) && /^\s*(?:,|and|or)\s*\p{Lu}/u.test(text.slice(b.end, b.end + 8))) continue;
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
      (a) => text.startsWith(a.text, start) && !/[\p{L}\p{N}]/u.test(text[start + a.text.length] ?? ""),
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
      if (/[\p{L}\p{N}.]/u.test(text[at - 1] ?? "") || /[\p{L}\p{N}]/u.test(text[end] ?? "")) continue;
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

let abbreviationTable: { text: string; country: string; admin1: string }[] | null = null;

/** data/gazetteer/abbreviations.tsv, longest first. */
function divisionAbbreviations(): { text: string; country: string; admin1: string }[] {
  abbreviationTable ??= readTsv(join(DATA_DIR, "abbreviations.tsv"))
    .map((r) => ({ text: r.abbreviation, country: r.country, admin1: r.admin1 }))
    .sort((a, b) => b.text.length - a.text.length);
  return abbreviationTable;
}

/**
 * Recognises and resolves the place mentions of a text given its tokens (`ad.tokens`, `ad.sentences`).
 * Demonyms ("Syrian") are recognised, resolved to their country, weigh in the text's focus and are returned
 * with `demonym: true`: the event assembler skips them, so "Syrian" in "Syrian jets struck Aleppo" is never an
 * event's location (see docs/geoparser.md).
 */
export function recognizePlaces(ad: Pick<AnnotatedDocument, "doc" | "tokens" | "sentences">): PlaceMention[] {
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
    candidates: m.candidates
      .map((c) => ({ c, p: prior(c) }))
      .sort((x, y) => y.p - x.p)
      .slice(0, MAX_CANDIDATES)
      .map((x) => x.c),
  }));
  const abbreviations = containerAbbreviations(mentions, text);
  mentions.push(...abbreviations);
  mentions.push(...initialAbbreviations(mentions, text));
  mentions.sort((a, b) => a.start - b.start);
  linkContainers(mentions, text, new Set(abbreviations));
  const resolved = resolveAll(mentions, text, lex, (key) => {
    const [country, admin1] = key.split(".");
    return gaz.admin1(country, admin1);
  });
  return mentions.flatMap((m, i) => {
    const r = resolved[i];
    if (r.drop) return [];
    const mention: PlaceMention = {
      start: m.start,
      end: m.end,
      text: m.text,
      place: r.candidate?.place ?? null,
      confidence: r.confidence,
    };
    if (m.ambiguous) mention.ambiguous = true;
    if (m.demonym) mention.demonym = true;
    return [mention];
  });
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
