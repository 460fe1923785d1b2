// Helpers that find, for a position in the text, its sentence, its clause and the mentions around it.
import type { AnnotatedDocument, Sentence, Span } from "../model/types.ts";

/** The sentence that contains `offset` (or the last one before it). */
export function sentenceAt(ad: AnnotatedDocument, offset: number): Sentence {
  let found = ad.sentences[0] ?? { start: 0, end: ad.doc.text.length, index: 0 };
  for (const s of ad.sentences) {
    if (s.start > offset) break;
    found = s;
  }
  return found;
}

/** Clause breaks inside a sentence: semicolons, colons, dashes and brackets, and "but"/"while"/"whereas". */
const CLAUSE_BREAK = /;|:|\s[–—]\s|\(|\)|,?\s(?:but|while|whereas|although|though)\s|,\s(?:and\s)?then\s/g;

/** The clause of the sentence that contains `offset`. */
export function clauseAt(ad: AnnotatedDocument, offset: number): Span {
  const s = sentenceAt(ad, offset);
  const text = ad.doc.text.slice(s.start, s.end);
  let start = s.start;
  let end = s.end;
  for (const m of text.matchAll(CLAUSE_BREAK)) {
    const at = s.start + (m.index ?? 0);
    if (at + m[0].length <= offset) start = at + m[0].length;
    else if (at >= offset) {
      end = at;
      break;
    }
  }
  return { start, end };
}

export const inside = (inner: Span, outer: Span) => inner.start >= outer.start && inner.end <= outer.end;
export const overlaps = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

/** Mentions wholly inside `range`. */
export function within<T extends Span>(list: T[], range: Span): T[] {
  return list.filter((m) => inside(m, range));
}
