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

const HYPHEN = /^[-‐‑]$/;
const ARTICLE = /^(?:al|el|ad|adh|ash|ar|as|at|ath|az|an|ed|ez|es|esh|et|en|ul|ud)$/i;
const ARTICLE_PREFIX = /^(?:al|el|ad|adh|ash|ar|as|at|ath|az|an|ed|ez|es|esh|et|en|ul|ud)[-‐‑'’]/i;

function capitalised(text: string): boolean {
  const bare = text.replace(ARTICLE_PREFIX, "");
  return /^\p{Lu}/u.test(bare) || /^[0-9]+\p{Lu}/u.test(bare);
}

/** Splits the tokens of a document into units. */
export function toUnits(text: string, tokens: Token[], sentences: Sentence[]): Unit[] {
  const units: Unit[] = [];
  const sentenceFirst = new Set(sentences.map((s) => s.start));
  let i = 0;
  while (i < tokens.length) {
    let j = i;
    // "al-Bab", "ez-Zor": an article glued by a hyphen or apostrophe joins the word after it.
    if (
      ARTICLE.test(tokens[i].text) &&
      j + 2 < tokens.length &&
      (HYPHEN.test(tokens[j + 1].text) || /^['’]$/.test(tokens[j + 1].text)) &&
      tokens[j + 1].start === tokens[j].end &&
      tokens[j + 2].start === tokens[j + 1].end &&
      /\p{L}/u.test(tokens[j + 2].text)
    ) {
      j += 2;
    }
    const start = tokens[i].start;
    let end = tokens[j].end;
    let possessive = false;
    const next = tokens[j + 1];
    if (next && next.start === end && /^['’]s$/i.test(next.text)) {
      possessive = true;
    } else if (/\p{L}['’]s$/iu.test(text.slice(start, end))) {
      end -= 2;
      possessive = true;
    }
    const unitText = text.slice(start, end);
    const letters = unitText.replace(/[^\p{L}]/gu, "");
    const prev = tokens[i - 1];
    const afterOpener = prev && /^["“‘'([]$/.test(prev.text) && sentenceFirst.has(prev.start);
    units.push({
      start,
      end,
      text: unitText,
      sentence: tokens[i].sentence,
      sentenceStart: sentenceFirst.has(start) || Boolean(afterOpener),
      cap: capitalised(unitText),
      allCaps: letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase(),
      possessive,
      punct: !/[\p{L}\p{N}]/u.test(unitText),
    });
    i = possessive && next && /^['’]s$/i.test(next.text) ? j + 2 : j + 1;
    // A hyphen glued between two words is no unit: "US-Russia" gives "US" and "Russia", adjacent.
    const h = tokens[i];
    if (
      h &&
      HYPHEN.test(h.text) &&
      h.start === end &&
      tokens[i + 1]?.start === h.end &&
      /\p{L}/u.test(tokens[i + 1].text)
    ) {
      i++;
    }
  }
  return units;
}

/** Whether two units are neighbours within one name: only spaces, or one joining hyphen, between them. */
export function adjacent(text: string, a: Unit, b: Unit): boolean {
  return /^(?:[ \t\u00a0]+|[-‐‑])$/.test(text.slice(a.end, b.start));
}
