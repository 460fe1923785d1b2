// Helpers that find, for a position in the text, its sentence, its clause and the mentions around it.
import { firstIndex } from "../model/spans.ts";
import type { AnnotatedDocument, Sentence, Span } from "../model/types.ts";

// Mention lists are in text order (sorted by start), so the lookups below are binary searches rather than scans
// of the whole list for every trigger, which made long documents quadratic. A list found out of order is
// scanned as before.

interface ListInfo {
  length: number;
  sorted: boolean;
  /** The longest item (end − start). */
  longest: number;
}
const listInfo = new WeakMap<readonly Span[], ListInfo>();

/** Whether `list` is sorted by start, and its longest item (remembered per list, rechecked when its length changes). */
function infoOf(list: readonly Span[]): ListInfo {
  const known = listInfo.get(list);
  if (known?.length === list.length) return known;
  let sorted = true;
  let longest = 0;
  for (let i = 0; i < list.length; i++) {
    if (i > 0 && list[i - 1].start > list[i].start) sorted = false;
    longest = Math.max(longest, list[i].end - list[i].start);
  }
  const info = { length: list.length, sorted, longest };
  listInfo.set(list, info);
  return info;
}

const sortedByStart = (list: readonly Span[]) => infoOf(list).sorted;

/** The index of the first item whose start is ≥ `offset` in a list sorted by start (`list.length` if none). */
export function firstStartingAt(list: readonly Span[], offset: number): number {
  return firstIndex(list, (m) => m.start >= offset);
}

/** Items that start in [from, to), in list order. */
export function startingIn<T extends Span>(list: T[], from: number, to: number): T[] {
  if (!sortedByStart(list)) return list.filter((m) => m.start >= from && m.start < to);
  const out: T[] = [];
  for (let i = firstStartingAt(list, from); i < list.length && list[i].start < to; i++) out.push(list[i]);
  return out;
}

/** The last item (in list order) that starts in [from, to) and satisfies `test`, or undefined. */
export function lastStartingIn<T extends Span>(
  list: T[],
  from: number,
  to: number,
  test: (m: T) => boolean,
): T | undefined {
  if (!sortedByStart(list)) return list.filter((m) => m.start >= from && m.start < to && test(m)).at(-1);
  for (let i = firstStartingAt(list, to) - 1; i >= 0 && list[i].start >= from; i--) if (test(list[i])) return list[i];
  return undefined;
}

/** Items with exactly the span of `m`, in list order. */
export function sameSpan<T extends Span>(list: T[], m: Span): T[] {
  return startingIn(list, m.start, m.start + 1).filter((a) => a.end === m.end);
}

/** Items that overlap `span` (share at least one character), in list order. */
export function overlapping<T extends Span>(list: T[], span: Span): T[] {
  const { longest } = infoOf(list);
  return startingIn(list, span.start - longest + 1, span.end).filter((a) => overlaps(a, span));
}

/** Items whose span holds all of `span`, in list order. */
export function covering<T extends Span>(list: T[], span: Span): T[] {
  const { longest } = infoOf(list);
  return startingIn(list, span.end - longest, span.start + 1).filter((a) => a.end >= span.end);
}

/** The sentence that contains `offset` (or the last one before it). */
export function sentenceAt(ad: AnnotatedDocument, offset: number): Sentence {
  const first = ad.sentences[0] ?? { start: 0, end: ad.doc.text.length, index: 0 };
  if (!sortedByStart(ad.sentences)) {
    let found = first;
    for (const s of ad.sentences) {
      if (s.start > offset) break;
      found = s;
    }
    return found;
  }
  const i = firstStartingAt(ad.sentences, offset + 1) - 1;
  return i >= 0 ? ad.sentences[i] : first;
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

/** Mentions wholly inside `range`, in list order. */
export function within<T extends Span>(list: T[], range: Span): T[] {
  return startingIn(list, range.start, range.end + 1).filter((m) => m.end <= range.end);
}
