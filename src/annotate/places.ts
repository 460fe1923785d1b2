// Place recogniser: gazetteer matches over capitalised word runs, filtered by context (people, organisations,
// demonyms, common words), linked to explicit containers ("Kramatorsk, Donetsk Oblast") and resolved against
// the document's country focus and each other. Fills `ad.places`.

import { assess } from "../ground/gazetteer/context.ts";
import { getGazetteer } from "../ground/gazetteer/index.ts";
import { getLexicon } from "../ground/gazetteer/lexicon.ts";
import { findMatches } from "../ground/gazetteer/match.ts";
import { contains, type Mention, prior, resolveAll } from "../ground/gazetteer/resolve.ts";
import { toUnits } from "../ground/gazetteer/units.ts";
import type { AnnotatedDocument, PlaceMention, Recognizer } from "../model/types.ts";
import { tokenize } from "./tokens.ts";

/** Word kinds that are never part of a place name found by its context alone. */
const NOT_NAME = ["not-place", "identity", "title", "given", "person", "org", "org-prefix"] as const;

/** At most this many candidates per mention, the a-priori strongest. */
const MAX_CANDIDATES = 60;

/**
 * Links "X, Y" and "X (Y)" where some reading of Y contains some reading of X. Not for countries ("Russia, US")
 * nor inside lists ("Moscow, Washington and Tehran").
 */
function linkContainers(mentions: Mention[], text: string): void {
  for (let i = 0; i + 1 < mentions.length; i++) {
    const a = mentions[i];
    const b = mentions[i + 1];
    if (!/^\s*[,(]\s*$/.test(text.slice(a.end, b.start))) continue;
    if (a.candidates.some((c) => c.exact && c.place.feature === "PCLI")) continue;
    if (/^\s*(?:,|and|or)\s*\p{Lu}/u.test(text.slice(b.end, b.end + 8))) continue;
    if (b.candidates.some((outer) => a.candidates.some((inner) => contains(outer, inner)))) a.container = i + 1;
  }
}

/** Recognises and resolves the place mentions of a text given its tokens (`ad.tokens`, `ad.sentences`). */
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
  linkContainers(mentions, text);
  const resolved = resolveAll(mentions, text, lex);
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
