// Street-level toponyms: a capitalised name and a street type word ("Main Street", "West 16th Street", "Old
// Lexington Highway", "Tahrir Square", "Golden Gate Bridge") or a numbered road ("Highway 19", "Interstate 45",
// "County Road 109", "I-75"). They have no point in the gazetteer: the recogniser places them within the
// locality the text is about (see docs/geoparser.md, "Streets").

import type { Span } from "../../model/types.ts";

/** Type words that end a street's name. Not "Way", "Place", "Court", "Row": mostly names of other things. */
const TYPE =
  "(?:Street|St\\.|Road|Rd\\.|Avenue|Ave\\.|Drive|Boulevard|Blvd\\.|Lane|Parkway|Pkwy\\.|Highway|Hwy\\.|Pike|Bridge|Square|Plaza|Expressway|Freeway|Bypass|Turnpike)";
/** A word of a street's name: capitalised ("McCandless", "O'Brien", "Hyland-Croy") or an ordinal ("16th"). */
const WORD = "(?:O['’]\\p{Lu}\\p{Ll}+|\\p{Lu}\\p{Ll}*(?:\\p{Lu}\\p{Ll}+)?(?:-\\p{Lu}?\\p{Ll}+)*|\\d+(?:st|nd|rd|th))";
/** A compass abbreviation before the name ("W. Dresser Road", "N. Cedar St."). */
const ABBR = "(?:[NSEW]\\.\\s+)";
/** A quadrant after the type word ("Seventh Street N.W.", "Eglinton Avenue West"). */
const QUADRANT = "(?:\\s+(?:North|South|East|West|Northwest|Northeast|Southwest|Southeast|[NS]\\.[EW]\\.))";
const NAMED = new RegExp(
  `(?<![\\p{L}\\p{N}.'’-])${ABBR}?${WORD}(?:\\s+${WORD}){0,3}\\s+${TYPE}(?![\\p{L}])${QUADRANT}?(?![\\p{L}])`,
  "gu",
);
const NUMBERED =
  /(?<![\p{L}\p{N}.'’-])(?:(?:(?:State|County|U\.S\.|US)\s+)?(?:Highway|Route|Interstate|Road)\s+\d{1,4}[A-Z]?|\p{Lu}\p{Ll}+\s+Route\s+\d{1,4}[A-Z]?|(?:County|Farm-to-Market|State)\s+Road\s+\d{1,4}|I-\d{1,3}|US-\d{1,3})(?![\p{L}\p{N}])/gu;

/** Words that start a capitalised run but not a street's name ("On Main Street", "The Old Road"). */
const LEADING = new Set(
  (
    "The A An On At In Along From To Near Off Of And Or By For With Into Onto Across Down Up Via Between Its His " +
    "Her Their Our This That Both When While After Before If As But Behind Beyond Past Outside Inside Under Over " +
    "Through Toward Towards Around Take Turn Cross"
  ).split(" "),
);

/**
 * Streets whose names mostly stand for an institution in the news (the finance, the government, the press, an
 * industry): "Wall Street" reacted, "Downing Street" said. Not read as streets.
 */
const METONYMS = new Set([
  "wall street",
  "downing street",
  "fleet street",
  "pennsylvania avenue",
  "madison avenue",
  "sesame street",
  "harley street",
  "threadneedle street",
  "dalal street",
  "bay street",
  "easy street",
]);

/** A capitalised word right after a match (a module constant: tsx compiles the literal to `new RegExp(…)`). */
const NEXT_NAME = /^\s+(\p{Lu}[\p{L}.]*)/u;

const WEEKDAY_MONTH =
  /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|January|February|March|April|June|July|August|September|October|November|December)\b/;

/** Literals one of which every match of NAMED (a type word) or NUMBERED holds ("Route", "I-", …). */
const NAMED_LITERAL = new RegExp(TYPE, "g");
const NUMBERED_LITERAL = /Highway|Route|Interstate|Road|I-|US-/g;
/** The scans: the pattern, the same pattern anchored at `lastIndex`, and its literals. */
const SCANS: [RegExp, RegExp, RegExp][] = [
  [NUMBERED, new RegExp(NUMBERED.source, "uy"), NUMBERED_LITERAL],
  [NAMED, new RegExp(NAMED.source, "uy"), NAMED_LITERAL],
];

/**
 * Whether the character at `i` may lie inside a match of NAMED or NUMBERED before its literal (letters, digits,
 * white space, ".", "'", "’", "-"); any non-ASCII character is taken to (which only widens the search).
 */
function inside(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c >= 0x80) return true;
  return (
    (c >= 0x61 && c <= 0x7a) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x30 && c <= 0x39) ||
    c === 0x20 ||
    (c >= 0x09 && c <= 0x0d) ||
    c === 0x2e ||
    c === 0x27 ||
    c === 0x2d
  );
}

/** Whether a match may start at `p`: not on a lower-case or other ASCII letter's tail (the patterns' look-behind). */
function mayStart(text: string, p: number): boolean {
  const c = text.charCodeAt(p);
  if (c < 0x80 && !((c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39))) return false; // upper case or digit
  if (p === 0) return true;
  const b = text.charCodeAt(p - 1);
  if (b >= 0x80) return true;
  return !(
    (b >= 0x61 && b <= 0x7a) ||
    (b >= 0x41 && b <= 0x5a) ||
    (b >= 0x30 && b <= 0x39) ||
    b === 0x2e ||
    b === 0x27 ||
    b === 0x2d
  );
}

/**
 * The matches of a global pattern over `text`, as `text.matchAll` gives them, found from its literals: a match
 * holds one of them and only `inside` characters lie between its start and that literal, so it starts in the run
 * of such characters before the first literal at or after it. Only those starts are tried (with the sticky
 * copy of the pattern), in order, so the first that matches is the leftmost match; texts without any literal
 * cost one literal search.
 */
function matchesOf(text: string, sticky: RegExp, literal: RegExp): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  let tried = 0; // every start before this is ruled out or taken
  literal.lastIndex = 0;
  for (let lit = literal.exec(text); lit; lit = literal.exec(text)) {
    const t = lit.index;
    if (t < tried) {
      literal.lastIndex = tried;
      continue;
    }
    let w = t;
    while (w > tried && inside(text, w - 1)) w--;
    let found: RegExpExecArray | null = null;
    for (let p = w; p <= t && !found; p++) {
      if (!mayStart(text, p)) continue;
      sticky.lastIndex = p;
      found = sticky.exec(text);
    }
    if (found) {
      out.push(found);
      tried = found.index + found[0].length;
      literal.lastIndex = tried;
    } else {
      tried = t + 1;
      literal.lastIndex = t + 1;
    }
  }
  return out;
}

export interface StreetSpan extends Span {
  text: string;
}

/**
 * The street-level toponyms of a text. A name followed by another capitalised word is part of an
 * organisation's or a building's name ("Main Street Bank", "Florida Highway Patrol", "Rigdon Road Elementary
 * School") and is left out, as are given-name + "Lane" pairs ("Lois Lane") and the institutional streets above.
 */
export function findStreets(text: string, isGiven: (word: string) => boolean = () => false): StreetSpan[] {
  const out: StreetSpan[] = [];
  for (const [re, sticky, literal] of SCANS) {
    for (const m of matchesOf(text, sticky, literal)) {
      let start = m.index ?? 0;
      const end = start + m[0].length;
      let words = m[0].split(/\s+/);
      while (words.length > 1 && LEADING.has(words[0])) {
        start = text.indexOf(words[1], start + words[0].length);
        words = words.slice(1);
      }
      if (re === NAMED && words.length < 2) continue;
      const phrase = text.slice(start, end);
      if (METONYMS.has(phrase.toLowerCase())) continue;
      const next = NEXT_NAME.exec(text.slice(end, end + 30));
      if (next && !WEEKDAY_MONTH.test(next[1]) && !/^[.!?]/.test(text.slice(end, end + 1))) {
        // "Main St. The …": a full stop that ends the sentence; otherwise a longer name
        if (!(phrase.endsWith(".") && /^\s+(?:The|A|An|He|She|It|They|We|I|In|On|At|Police)\b/.test(text.slice(end))))
          continue;
      }
      if (words.at(-1) === "Lane" && isGiven(words.at(-2) ?? "")) continue; // "Lois Lane", "Marvin F. Lane"
      if (out.some((o) => o.start < end && start < o.end)) continue;
      out.push({ start, end, text: phrase });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
