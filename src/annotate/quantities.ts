// Numbers of people and things → ad.quantities: sizes of forces ("well over 1,000 personnel", "two large convoys"),
// fatalities ("killed at least 12 people", "the death toll rose to 70") and injuries ("wounded 15",
// "dozens of casualties"). A number counts only with a counted noun from the lexicon or a casualty context, so
// "40km", "5th Legion", years, dates, times and percentages are left alone. Vague words ("dozens", "several") take
// ACLED's conservative values for casualties and their literal minimum for sizes (data/lexicon/quantities.json).
import lexicon from "../../data/lexicon/quantities.json" with { type: "json" };
import { firstIndex } from "../model/spans.ts";
import type { AnnotatedDocument, QuantityKind, QuantityMention, Recognizer, Token } from "../model/types.ts";

type VagueKey = keyof typeof lexicon.vague;
type UnitClass = keyof typeof lexicon.units;

const NUMBER_WORDS: Record<string, number> = lexicon.numberWords;
const MULTIPLIERS: Record<string, number> = lexicon.multipliers;
const UNIT_CLASS = new Map<string, UnitClass>();
for (const [cls, words] of Object.entries(lexicon.units)) for (const w of words) UNIT_CLASS.set(w, cls as UnitClass);
const FATAL_VERBS = new Set(lexicon.verbs.fatality);
const INJURY_VERBS = new Set(lexicon.verbs.injury);
const AFTER_FATAL = new Set(lexicon.verbs.afterFatality);
const AFTER_INJURY = new Set(lexicon.verbs.afterInjury);
const MODIFIER = new Map<string, "min" | "max" | "approx">();
for (const [type, words] of Object.entries(lexicon.modifiers))
  for (const w of words) MODIFIER.set(w, type as "min" | "max" | "approx");

/** Nouns that end the search for a counted noun: "40 km", "five years", "30 percent". */
const STOP_NOUNS = new Set(
  "km kilometres kilometers miles metres meters percent per cent years year months month weeks week days day hours hour minutes times dollars euros pounds tonnes tons".split(
    " ",
  ),
);
/** Words that may stand between a count and its verb: "12 people were reportedly killed". */
const SKIPPABLE_AUX = new Set(
  "were was are is have has had been being be reportedly also all later allegedly".split(" "),
);
const YEAR_PREPOSITIONS = new Set("in since of by during until till from early late mid before after".split(" "));
const MONTH_NAME = /^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?$/i;

const alternation = (words: string[]) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "\\s+"))
    .join("|");
const TENS = "twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety";
const WORD = `(?:(?:${TENS})(?:[-\\s](?:one|two|three|four|five|six|seven|eight|nine)\\b)?|${alternation(Object.keys(NUMBER_WORDS))})`;
const SCALE = `(?:\\s+(?:${Object.keys(MULTIPLIERS).join("|")}))`;
const CARDINAL = `(?:(?:\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)(?![\\w%]|[:.,/]\\d)${SCALE}*|${WORD}${SCALE}*|an?${SCALE}+)`;
const VAGUE = `(?:(?:tens|hundreds)\\s+of\\s+thousands|(?:several|a\\s+few)\\s+(?:dozen|hundred|thousand)|${alternation(Object.keys(lexicon.vague))})`;
const QUANTITY = new RegExp(
  `(?<![\\w$£€.,:/-])(?:(${alternation([...MODIFIER.keys()])})\\s+)?` +
    `(?:between\\s+(${CARDINAL})\\s+and\\s+(${CARDINAL})|(${CARDINAL})(?:\\s*(?:-|–|to|or)\\s*(${CARDINAL}))?|(${VAGUE}))(?![\\w%]|[-–/.:]\\d)`,
  "gi",
);

/** "1,000" → 1000, "1.5 million" → 1500000, "twenty-five" → 25, "a dozen" → 12, "two hundred" → 200. */
export function parseCardinal(s: string): number {
  let total = 0;
  let current = 0;
  for (const w of s.toLowerCase().split(/[\s-]+/)) {
    if (/^[\d,.]+$/.test(w)) current += Number(w.replace(/,/g, ""));
    else if (w === "a" || w === "an") current += 1;
    else if (w in NUMBER_WORDS) current += NUMBER_WORDS[w];
    else if (w === "dozen" || w === "hundred") current = (current || 1) * MULTIPLIERS[w];
    else if (w in MULTIPLIERS) {
      total += (current || 1) * MULTIPLIERS[w];
      current = 0;
    }
  }
  return total + current;
}

/** The value of a vague quantity for a kind: ACLED's conservative coding for casualties, literal minima for sizes. */
function vagueValue(phrase: string, casualty: boolean): number | null {
  const words = phrase.toLowerCase().split(/\s+/);
  const table = (key: string) => {
    const v = lexicon.vague[key as VagueKey];
    return v ? (casualty ? v.casualty : v.size) : null;
  };
  if (words.length === 3 && words[1] === "of" && words[2] === "thousands") return (table(words[0]) ?? 0) * 1000;
  const last = words[words.length - 1];
  if (last in MULTIPLIERS && words[0] !== "a") {
    // "several hundred": a size of at least 3 × 100; a casualty count coded like "hundreds"
    return casualty ? table(`${last}s`) : (table(words.slice(0, -1).join(" ")) ?? 0) * MULTIPLIERS[last];
  }
  return table(words.join(" "));
}

const lower = (t: Token | undefined) => t?.text.toLowerCase() ?? "";

interface Counted {
  /** Index of the counted noun, or -1. */
  at: number;
  unit: string;
  cls: UnitClass | null;
}

/** The counted noun after the number: up to four adjectives or names may stand between ("two large convoys"). */
function countedNoun(tokens: Token[], k: number, sentence: number, vague: boolean): Counted {
  let j = k;
  if (vague && lower(tokens[j]) === "of") j++;
  for (let n = 0; n < 5 && j < tokens.length && tokens[j].sentence === sentence; n++, j++) {
    const w = lower(tokens[j]);
    const next = tokens[j + 1]?.sentence === sentence ? tokens[j + 1] : undefined;
    const two = `${w} ${lower(next)}`;
    if (UNIT_CLASS.has(two)) return { at: j + 1, unit: two, cls: UNIT_CLASS.get(two)! };
    const cls = UNIT_CLASS.get(w);
    // "rebel-held", "Syrian Democratic Forces": a modifier or a name, not the counted noun
    const modifier = next?.text === "-" && next.start === tokens[j].end;
    const name = w === "forces" && tokens[j].text[0] === "F";
    if (cls && !modifier && !name) {
      const nextCls = UNIT_CLASS.get(lower(next));
      const casualty = (c: UnitClass | undefined) => c === "fatality" || c === "injury";
      // "20 wounded soldiers": kind from the adjective; "12 fighters dead": from the predicate; else the later head
      if (nextCls && casualty(cls)) return { at: j + 1, unit: lower(next), cls };
      if (nextCls && casualty(nextCls)) return { at: j + 1, unit: w, cls: nextCls };
      if (nextCls) return { at: j + 1, unit: lower(next), cls: nextCls };
      const adjective = w === "dead" || w === "wounded" || w === "injured";
      return { at: j, unit: adjective ? "people" : w, cls };
    }
    if (cls || modifier) break;
    const pos = tokens[j].pos;
    const passable =
      pos === "ADJ" ||
      pos === "PROPN" ||
      (pos === "NOUN" && !STOP_NOUNS.has(w)) ||
      (vague && n === 0 && (w === "the" || w === "these"));
    if (!passable) break;
  }
  return { at: -1, unit: "people", cls: null };
}

/** Words that open an aside between a count and its verb: "11 civilians including three children were killed". */
const ASIDES = new Set(["including", "among", "mainly", "mostly", "most", "many", "of", "-", "—", "("]);
const RELATIVES = new Set(["that", "who", "which", "whom", "whose"]);

/** "were killed", "killed", "dead" after the counted noun (or the number), across a short aside. */
function kindAfter(tokens: Token[], from: number, sentence: number): QuantityKind | null {
  let aside = false;
  for (let j = from; j < from + (aside ? 12 : 4) && j < tokens.length && tokens[j].sentence === sentence; j++) {
    const w = lower(tokens[j]);
    if (AFTER_FATAL.has(w)) return "fatalities";
    if (AFTER_INJURY.has(w)) return "injuries";
    if (SKIPPABLE_AUX.has(w) || tokens[j].pos === "ADV") continue;
    if (j === from && ASIDES.has(w)) aside = true;
    else if (!aside || tokens[j].pos === "VERB" || tokens[j].text === ";" || RELATIVES.has(w)) return null;
  }
  return null;
}

const isFatalWord = (t: Token | undefined) =>
  !!t && (FATAL_VERBS.has(lower(t)) || FATAL_VERBS.has(t.lemma.toLowerCase()) || FATAL_NOUNS.has(lower(t)));
const FATAL_NOUNS = new Set(["lives", "death", "deaths", "killing", "killings"]);
/** Words between a casualty verb and its count: "killing all five", "killed \"tens of people\"". */
const BEFORE_SKIP = new Set(["all", "the", "another", '"', "“", "'"]);
const isInjuryWord = (t: Token | undefined) =>
  !!t && (INJURY_VERBS.has(lower(t)) || INJURY_VERBS.has(t.lemma.toLowerCase()));

/** "killed at least 12", "wounding 15", "the killing of 12", "the death toll rose to 70". */
function kindBefore(tokens: Token[], before: number, sentence: number): QuantityKind | null {
  while (BEFORE_SKIP.has(lower(tokens[before])) && tokens[before - 1]?.sentence === sentence) before--;
  if (tokens[before]?.sentence !== sentence) return null;
  const verb = lower(tokens[before]) === "of" ? tokens[before - 1] : tokens[before];
  if (isFatalWord(verb)) return "fatalities";
  if (isInjuryWord(verb)) return "injuries";
  for (let j = before; j >= 0 && j > before - 10 && tokens[j].sentence === sentence; j--) {
    if (/^\d/.test(tokens[j].text) || tokens[j].text === ";") break;
    if (lower(tokens[j]) === "toll") return lower(tokens[j - 1]) === "casualty" ? "injuries" : "fatalities";
  }
  return null;
}

function kindOf(cls: UnitClass | null, after: QuantityKind | null, before: QuantityKind | null): QuantityKind | null {
  if (cls === "fatality") return "fatalities";
  if (cls === "injury") return "injuries";
  const context = after ?? before;
  if (context) return context;
  if (cls === "casualty") return "injuries"; // casualties are killed + injured; without "killed", count them as injured
  if (cls === "force") return "size";
  if (cls === "people" || cls === "munition") return "other";
  return null;
}

function inYearPosition(text: string, at: number, number: string): boolean {
  if (!/^(1[89]|20)\d\d$/.test(number)) return false;
  const prev = /(\w+)\s*$/.exec(text.slice(Math.max(0, at - 12), at))?.[1].toLowerCase() ?? "";
  return YEAR_PREPOSITIONS.has(prev) || MONTH_NAME.test(prev) || /^\d+$/.test(prev);
}

type Spans = readonly { start: number; end: number }[];

/** Whether both the starts and the ends of `spans` increase along the list (true of the date recogniser's). */
const ordered = (spans: Spans) =>
  spans.every((t, i) => i === 0 || (spans[i - 1].start <= t.start && spans[i - 1].end <= t.end));

/** Whether a time mention overlaps [start, end): a binary search when they are `ordered`, else a scan. */
function overlapsAny(times: Spans, isOrdered: boolean, start: number, end: number): boolean {
  if (!isOrdered) return times.some((t) => t.start < end && start < t.end);
  const i = firstIndex(times, (t) => t.end > start);
  return i < times.length && times[i].start < end;
}

export const quantitiesRecognizer: Recognizer = {
  name: "quantities",
  run(ad: AnnotatedDocument) {
    const { text } = ad.doc;
    const { tokens } = ad;
    const timesOrdered = ordered(ad.times);
    QUANTITY.lastIndex = 0;
    for (let m = QUANTITY.exec(text); m; m = QUANTITY.exec(text)) {
      const [whole, modifier, betweenA, betweenB, single, rangeTo, vague] = m;
      const start = m.index;
      const end = start + whole.length;
      if (overlapsAny(ad.times, timesOrdered, start, end)) continue;
      if (single && !rangeTo && !modifier && inYearPosition(text, start, single)) continue;
      const k = firstIndex(tokens, (t) => t.start >= end);
      const first = firstIndex(tokens, (t) => t.end > start);
      if (first === tokens.length) continue;
      const sentence = tokens[first].sentence;
      if (tokens[k]?.sentence === sentence && MONTH_NAME.test(tokens[k].text) && /^[A-Z]/.test(tokens[k].text))
        continue; // "14 January"
      if (first > 0 && MONTH_NAME.test(tokens[first - 1].text) && /^[A-Z]/.test(tokens[first - 1].text)) continue; // "January 14"
      const counted = countedNoun(tokens, k, sentence, !!vague);
      const after = kindAfter(tokens, counted.at >= 0 ? counted.at + 1 : k, sentence);
      const before = kindBefore(tokens, first - 1, sentence);
      const kind = kindOf(counted.cls, after, before);
      if (!kind) continue;
      if (vague && counted.at < 0 && !/s$/i.test(vague)) continue; // "many of whom": "many", "several" need a noun
      let min: number | null;
      let max: number | null;
      if (vague) {
        min = vagueValue(vague, kind === "fatalities" || kind === "injuries");
        max = null;
        if (min === null) continue;
      } else if (betweenA || rangeTo) {
        min = parseCardinal(betweenA ?? single);
        max = parseCardinal(betweenB ?? rangeTo);
      } else {
        const n = parseCardinal(single);
        const type = modifier ? MODIFIER.get(modifier.toLowerCase().replace(/\s+/g, " ")) : "approx";
        min = type === "max" ? null : n;
        max = type === "min" ? null : n;
      }
      const spanEnd = counted.at >= 0 ? tokens[counted.at].end : end;
      const q: QuantityMention = {
        start,
        end: spanEnd,
        text: text.slice(start, spanEnd),
        kind,
        min,
        max,
        unit: counted.unit,
      };
      ad.quantities.push(q);
      QUANTITY.lastIndex = Math.max(QUANTITY.lastIndex, spanEnd);
    }
  },
};
