// Resolution alone: the places of spans someone else has marked as toponyms (a gold corpus's spans, an analyst's
// selection). `sitrep eval geo --gold-spans` scores this, which separates resolution errors from recognition ones.
//
// Each span is resolved in the context sitrep would have read it in end to end: the text's own recognised
// mentions still weigh in its focus, containers and proximity, but only the given spans are answered. A span the
// recogniser found keeps its cues, hint and container; one it missed or rejected (as a person, a common word, a
// part of a longer name) becomes a mention with every gazetteer reading of its text and a strong cue, since it is
// known to be a place. A span that the resolver would drop as implausible gets its a-priori strongest reading.

import { demonymPlace } from "../ground/gazetteer/context.ts";
import { type Candidate, getGazetteer } from "../ground/gazetteer/index.ts";
import { getLexicon } from "../ground/gazetteer/lexicon.ts";
import { splitFeatureHint } from "../ground/gazetteer/normalize.ts";
import type { Mention } from "../ground/gazetteer/resolve.ts";
import { toUnits } from "../ground/gazetteer/units.ts";
import type { Home, PlaceMention } from "../model/types.ts";
import { findPlaceMentions, placeMention, resolveMentions, strongest } from "./places.ts";
import { tokenizeSpans } from "./tokens.ts";

export interface TextSpan {
  start: number;
  end: number;
}

/**
 * Readings of a span's text: as written, else without a leading "the", a trailing possessive or a feature word;
 * a demonym ("French", "South Ossetian") reads as its country, or its region ("European").
 */
function readingsOf(name: string): readonly Candidate[] {
  const gaz = getGazetteer();
  const tries = [name, name.replace(/^the\s+/i, ""), name.replace(/['’]s?$/, ""), splitFeatureHint(name).name];
  for (const t of tries) {
    const found = t.trim() ? gaz.candidatesView(t.trim()) : [];
    if (found.length) return found;
  }
  const place = demonymPlace(name, gaz, getLexicon());
  return place ? [place] : [];
}

/**
 * The place of each span of `text` (same order; null where the gazetteer has no reading of it). Spans outside the
 * text or empty get null. `home`: the document's home region, as in `Document.home`.
 */
export function resolveSpans(text: string, spans: readonly TextSpan[], home?: Home): (PlaceMention | null)[] {
  const { tokens, sentences } = tokenizeSpans(text);
  const doc = { id: "-", text, origin: "-", contentHash: "" };
  const { mentions } = findPlaceMentions({ doc, tokens, sentences });
  const units = toUnits(text, tokens, sentences);
  const valid = (s: TextSpan) => s.start >= 0 && s.end <= text.length && s.start < s.end;
  // each span's mention: the recognised one with the same extent, else a fresh one
  const own = spans.map((s): Mention | null => {
    if (!valid(s)) return null;
    const found = mentions.find((m) => m.start === s.start && m.end === s.end);
    if (found) return found;
    const name = text.slice(s.start, s.end);
    const from = Math.max(
      0,
      units.findIndex((u) => u.end > s.start),
    );
    const after = units.findIndex((u) => u.start >= s.end);
    return {
      start: s.start,
      end: s.end,
      text: name,
      from,
      to: after < 0 ? units.length : Math.max(from + 1, after),
      candidates: strongest(readingsOf(name)),
      hint: splitFeatureHint(name).hint,
      cue: 2,
      common: false,
      ambiguous: false,
    };
  });
  // context: the recognised mentions no span overlaps, then the spans' own, in text order
  const overlaps = (m: Mention) => spans.some((s) => valid(s) && m.start < s.end && s.start < m.end);
  const fresh = own.filter((m): m is Mention => m !== null && !mentions.includes(m));
  const all = [...mentions.filter((m) => !overlaps(m) || own.includes(m)), ...fresh].sort((a, b) => a.start - b.start);
  // containers were linked by index into the recogniser's list: re-point them into `all`
  const linked = all.map((m) => {
    if (m.container === undefined) return m;
    const at = all.indexOf(mentions[m.container]);
    const { container: _, ...rest } = m;
    return at < 0 ? rest : { ...rest, container: at };
  });
  const resolved = resolveMentions(linked, text, home);
  return own.map((m) => {
    if (!m) return null;
    const i = all.indexOf(m);
    const r = resolved[i];
    if (!r.drop && r.candidate) return placeMention(linked[i], r);
    const best = linked[i].candidates[0];
    return best ? placeMention(linked[i], { candidate: best, confidence: 0.2 }) : null;
  });
}
