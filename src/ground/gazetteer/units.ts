// Word units for toponym matching: tokens with an Arabic article prefix joined ("al-Bab", "ez-Zor"), other
// hyphenated compounds kept as separate units glued together ("US-Russia", "Ivano-Frankivsk"), possessive
// "'s" split off, and capitalisation worked out.
import type { Sentence, Token } from "../../model/types.ts";

export interface Unit {
  start: number;
  end: number;
  text: string;
  sentence: number;
  /** First word of its sentence (or right after an opening quote or bracket there). */
  sentenceStart: boolean;
  /** Starts with a capital letter, possibly after an Arabic article prefix ("al-Bab", "ez-Zor"). */
  cap: boolean;
  /** All letters upper case (at least two letters). */
  allCaps: boolean;
  /** Followed by a possessive "'s". */
  possessive: boolean;
  /** Punctuation only. */
  punct: boolean;
}

const ARTICLE = /^(?:al|el|ad|adh|ash|ar|as|at|ath|az|an|ed|ez|es|esh|et|en|ul|ud)$/i;
const ARTICLE_PREFIX = /^(?:al|el|ad|adh|ash|ar|as|at|ath|az|an|ed|ez|es|esh|et|en|ul|ud)[-‐‑'’]/i;

// Unicode-property patterns are module constants: tsx (esbuild) compiles such a literal to `new RegExp(…)`,
// which would build a fresh pattern at every call.
const LETTER = /\p{L}/u;
const UPPER_FIRST = /^\p{Lu}/u;
const DIGITS_UPPER = /^[0-9]+\p{Lu}/u;
const NOT_LETTER = /[^\p{L}]/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const POSSESSIVE_END = /\p{L}['’]s$/iu;

// Char-code checks stand in for the Unicode-property regexes on ASCII text (nearly every token); anything else
// takes the regexes. Each fast path gives exactly the regex's answer.

/** A one-character hyphen token ("-", "‐", "‑"). */
function isHyphen(t: string): boolean {
  if (t.length !== 1) return false;
  const c = t.charCodeAt(0);
  return c === 0x2d || c === 0x2010 || c === 0x2011;
}

/** A one-character apostrophe token ("'", "’"). */
function isApostrophe(t: string): boolean {
  return t.length === 1 && (t === "'" || t === "’");
}

/** "'s", "’s", "'S", "’S". */
function isPossessiveS(t: string): boolean {
  if (t.length !== 2) return false;
  const a = t.charCodeAt(0);
  const b = t.charCodeAt(1);
  return (a === 0x27 || a === 0x2019) && (b === 0x73 || b === 0x53);
}

/** `/\p{L}/u.test(t)`. */
function hasLetter(t: string): boolean {
  for (let k = 0; k < t.length; k++) {
    const c = t.charCodeAt(k);
    if (c >= 0x80) return LETTER.test(t);
    if ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a) return true;
  }
  return false;
}

/** A one-character opening quote or bracket token. */
function isOpener(t: string): boolean {
  return t.length === 1 && /^["“‘'([]$/.test(t);
}

/** `/^\p{Lu}/u.test(s) || /^[0-9]+\p{Lu}/u.test(s)` for `s` the text without an Arabic article prefix. */
function capitalised(text: string): boolean {
  // ARTICLE_PREFIX needs a hyphen or apostrophe among the first four characters
  let bare = text;
  for (let k = 2; k < 4 && k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x2d || c === 0x2010 || c === 0x2011 || c === 0x27 || c === 0x2019) {
      bare = text.replace(ARTICLE_PREFIX, "");
      break;
    }
  }
  let k = 0;
  while (k < bare.length) {
    const c = bare.charCodeAt(k);
    if (c >= 0x30 && c <= 0x39) k++;
    else break;
  }
  if (k >= bare.length) return false;
  const c = bare.charCodeAt(k);
  if (c >= 0x41 && c <= 0x5a) return true;
  if (c < 0x80) return false;
  return UPPER_FIRST.test(bare) || DIGITS_UPPER.test(bare);
}

/** Whether `unitText` is all capitals (at least two letters), and whether it has no letter or digit at all. */
function caseOf(unitText: string): { allCaps: boolean; punct: boolean } {
  let letters = 0;
  let lower = 0;
  let alnum = false;
  for (let k = 0; k < unitText.length; k++) {
    const c = unitText.charCodeAt(k);
    if (c >= 0x80) {
      const l = unitText.replace(NOT_LETTER, "");
      return {
        allCaps: l.length >= 2 && l === l.toUpperCase() && l !== l.toLowerCase(),
        punct: !LETTER_OR_DIGIT.test(unitText),
      };
    }
    if (c >= 0x41 && c <= 0x5a) {
      letters++;
      alnum = true;
    } else if (c >= 0x61 && c <= 0x7a) {
      letters++;
      lower++;
      alnum = true;
    } else if (c >= 0x30 && c <= 0x39) alnum = true;
  }
  return { allCaps: letters >= 2 && lower === 0, punct: !alnum };
}

/** `/\p{L}['’]s$/iu.test(s)`. */
function endsPossessive(s: string): boolean {
  const n = s.length;
  if (n < 3) return false;
  const last = s.charCodeAt(n - 1);
  if (last === 0x17f) return POSSESSIVE_END.test(s); // "ſ" folds to "s"
  if (last !== 0x73 && last !== 0x53) return false;
  const apo = s.charCodeAt(n - 2);
  if (apo !== 0x27 && apo !== 0x2019) return false;
  const c = s.charCodeAt(n - 3);
  if (c < 0x80) return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
  return POSSESSIVE_END.test(s);
}

/** Splits the tokens of a document into units. */
export function toUnits(text: string, tokens: Token[], sentences: Sentence[]): Unit[] {
  const units: Unit[] = [];
  const sentenceFirst = new Set<number>();
  for (const s of sentences) sentenceFirst.add(s.start);
  let i = 0;
  while (i < tokens.length) {
    let j = i;
    const ti = tokens[i].text;
    // "al-Bab", "ez-Zor": an article glued by a hyphen or apostrophe joins the word after it.
    if (
      ti.length >= 2 &&
      ti.length <= 3 &&
      ARTICLE.test(ti) &&
      j + 2 < tokens.length &&
      (isHyphen(tokens[j + 1].text) || isApostrophe(tokens[j + 1].text)) &&
      tokens[j + 1].start === tokens[j].end &&
      tokens[j + 2].start === tokens[j + 1].end &&
      hasLetter(tokens[j + 2].text)
    ) {
      j += 2;
    }
    const start = tokens[i].start;
    let end = tokens[j].end;
    let possessive = false;
    const next = tokens[j + 1];
    const nextPossessive = next !== undefined && isPossessiveS(next.text);
    if (nextPossessive && next.start === end) {
      possessive = true;
    } else if (endsPossessive(text.slice(start, end))) {
      end -= 2;
      possessive = true;
    }
    const unitText = text.slice(start, end);
    const prev = tokens[i - 1];
    const afterOpener = prev && isOpener(prev.text) && sentenceFirst.has(prev.start);
    const { allCaps, punct } = caseOf(unitText);
    units.push({
      start,
      end,
      text: unitText,
      sentence: tokens[i].sentence,
      sentenceStart: sentenceFirst.has(start) || Boolean(afterOpener),
      cap: capitalised(unitText),
      allCaps,
      possessive,
      punct,
    });
    i = possessive && nextPossessive ? j + 2 : j + 1;
    // A hyphen glued between two words is no unit: "US-Russia" gives "US" and "Russia", adjacent.
    const h = tokens[i];
    if (h && isHyphen(h.text) && h.start === end && tokens[i + 1]?.start === h.end && hasLetter(tokens[i + 1].text)) {
      i++;
    }
  }
  return units;
}

/** Whether two units are neighbours within one name: only spaces, or one joining hyphen, between them. */
export function adjacent(text: string, a: Unit, b: Unit): boolean {
  return /^(?:[ \t\u00a0]+|[-‐‑])$/.test(text.slice(a.end, b.start));
}
