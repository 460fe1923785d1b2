// Time expressions → ad.times. chrono-node finds calendar dates with a day ("14 January 2017", "Jan. 14",
// "2017-01-14"); small rules below find what chrono gets wrong in reporting (weekdays, weekends, "in the coming
// days", "last month", "in March", "since 2011"). Relative expressions are resolved against the publication date
// and the tense of their clause: a past "on Saturday" is the latest Saturday on or before publication, a future
// one the first Saturday after it. Without a publication date they keep their text with null dates.
// Span convention: a mention includes a leading "on", "in", "at", "during", "over", "throughout" or "since", and
// day-part words ("at dawn on", "early", "late"); other prepositions (before, after, until, by, from) are left out
// and the mention carries the date of its anchor.
// English only: the package root also loads every other locale (about 1 s more per process and worker start).
import type { ParsedComponents } from "chrono-node";
import * as chrono from "chrono-node/en";
import {
  addDays,
  type DateRange,
  directionOf,
  isoDate,
  isoDay,
  monthRange,
  resolveMonthDay,
  resolveMonthYear,
  resolveWeekday,
  resolveWeekend,
  shiftMonth,
  type Tense,
  weekOf,
  yearRange,
} from "../ground/time.ts";
import type { AnnotatedDocument, Recognizer, TimeMention, TimePrecision, Token } from "../model/types.ts";

type Direction = TimeMention["direction"];

interface Context {
  pub: string | null;
  /** Tense of the clause around the match; computed only when a rule asks. */
  tense(): Tense;
  /** Text just before the match, for rules that need a trigger word. */
  before: string;
}

interface Resolved {
  range: DateRange | null;
  precision: TimePrecision;
  /** When the rule knows it ("in the coming days" is future although it starts at publication). */
  direction?: Direction;
  /** Where the mention starts inside the match, when the match begins with an excluded preposition. */
  skip?: number;
}

interface Rule {
  name: string;
  re: RegExp;
  /** null: the match is not a time expression after all. */
  resolve(m: RegExpExecArray, ctx: Context): Resolved | null;
}

const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const MONTH_RE =
  "January|February|March|April|May|June|July|August|September|October|November|December|" +
  "Jan\\.?|Feb\\.?|Mar\\.?|Apr\\.?|Jun\\.?|Jul\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?";
const CAPITALISED_MONTH = new RegExp(`(?<![\\w.])(?:${MONTH_RE})(?!\\w)`);
const CLOCK = /\d[:.]\d\d|\b[ap]\.?m\b/i;
const NUMERIC_DATE = /\b(?:\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{4})\b/;
const COUNT_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  "a couple of": 2,
};
const COUNT =
  "\\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a couple of|a few|several|few";
const UNIT_DAYS: Record<string, number> = { hour: 1 / 24, day: 1, week: 7, month: 30, year: 365 };
/** Words that may follow a year after "of"/"by"/"from" ("by 2011 the"), unlike a counted noun ("of 2000 fighters"). */
const FUNCTION_WORDS = new Set(
  "the a an and or but when as after before to with in on at for by that which while until it he she they we there its his their was were is are has had have".split(
    " ",
  ),
);
/** Words that let a bare month be read as a date ("until May", "since March"). */
const DATE_PREPOSITIONS = new Set(["since", "until", "till", "by", "before", "after", "from", "through", "of"]);

/** The number in a count ("two" → 2, "48" → 48), or null for a vague one ("a few", "several"). */
function count(s: string | undefined): number | null {
  if (!s) return null;
  const w = s.toLowerCase().replace(/\s+/g, " ");
  return /^\d+$/.test(w) ? Number(w) : (COUNT_WORDS[w] ?? null);
}

function monthNumber(s: string): number {
  return MONTHS.indexOf(s.slice(0, 3).toLowerCase()) + 1;
}

const isCapitalised = (s: string) => s[0] === s[0].toUpperCase();
const day = (d: string): DateRange => ({ start: d, end: d });

/** Narrows a month or year range to its early/mid/late part. */
function partOf(range: DateRange, part: string | undefined): DateRange {
  if (!part) return range;
  const p = part.toLowerCase();
  const yearly = range.start.slice(5) === "01-01" && range.end.slice(5) === "12-31";
  const y = Number(range.start.slice(0, 4));
  const m = Number(range.start.slice(5, 7));
  if (yearly) {
    if (/early|beginning|start/.test(p)) return { start: `${y}-01-01`, end: `${y}-04-30` };
    if (/mid|middle/.test(p)) return { start: `${y}-05-01`, end: `${y}-08-31` };
    return { start: `${y}-09-01`, end: `${y}-12-31` };
  }
  if (/early|beginning|start/.test(p)) return { start: range.start, end: isoDate(y, m, 10)! };
  if (/mid|middle/.test(p)) return { start: isoDate(y, m, 11)!, end: isoDate(y, m, 20)! };
  return { start: isoDate(y, m, 21)!, end: range.end };
}

const RULES: Rule[] = [
  {
    name: "coming-window",
    re: new RegExp(
      `\\b(?:(?:in|over|within|during|for)\\s+)?the\\s+(?:coming|next)\\s+(?:(${COUNT})\\s+)?(hour|day|week|month)s?\\b|` +
        "\\b(?:(?:in|over|during)\\s+)?the\\s+()()(day|week|month)s\\s+(?:ahead|to\\s+come)\\b",
      "gi",
    ),
    resolve(m, ctx) {
      if (ctx.tense() === "past") return { range: null, precision: "range", direction: "unknown" }; // "the next day" of a story
      const unit = (m[2] ?? m[5]).toLowerCase();
      const n = count(m[1]);
      const span = n ? Math.max(1, Math.ceil(n * UNIT_DAYS[unit])) : { hour: 1, day: 7, week: 30, month: 90 }[unit]!;
      return {
        range: ctx.pub ? { start: ctx.pub, end: addDays(ctx.pub, span) } : null,
        precision: "range",
        direction: "future",
      };
    },
  },
  {
    name: "soon",
    re: /\b(?:very\s+)?soon\b(?!\s+(?:after|afterwards|thereafter|as|enough|be\b))/gi,
    resolve(_m, ctx) {
      if (/\bas\s+$/i.test(ctx.before) || ctx.tense() === "past") return null;
      return {
        range: ctx.pub ? { start: ctx.pub, end: addDays(ctx.pub, 7) } : null,
        precision: "range",
        direction: "future",
      };
    },
  },
  {
    name: "recent-window",
    re: new RegExp(
      `\\b(?:(?:in|over|during|for)\\s+)?the\\s+(?:past|last)\\s+(${COUNT})\\s+(hour|day|week|month|year)s?\\b|` +
        "\\b(?:(?:in|over|during|for)\\s+)?the\\s+past\\s+()(hour|day|week|month|year)(s?)\\b|\\bin\\s+recent\\s+()(day|week|month)(s)\\b",
      "gi",
    ),
    resolve(m, ctx) {
      const unit = (m[2] ?? m[4] ?? m[7]).toLowerCase();
      const plural = (m[5] ?? m[8]) === "s";
      const n = count(m[1]);
      const days = n
        ? Math.max(1, Math.ceil(n * UNIT_DAYS[unit]))
        : plural
          ? { hour: 1, day: 7, week: 30, month: 90, year: 3 * 365 }[unit]!
          : Math.max(1, UNIT_DAYS[unit]);
      return {
        range: ctx.pub ? { start: addDays(ctx.pub, -days), end: ctx.pub } : null,
        precision: "range",
        direction: "past",
      };
    },
  },
  {
    name: "ago",
    re: new RegExp(`\\b(${COUNT})\\s+(day|week|month|year)s?\\s+ago\\b`, "gi"),
    resolve(m, ctx) {
      const unit = m[2].toLowerCase();
      const n = count(m[1]);
      if (!ctx.pub)
        return {
          range: null,
          precision: n ? (unit === "day" ? "day" : (unit as TimePrecision)) : "range",
          direction: "past",
        };
      if (!n) {
        const u = UNIT_DAYS[unit];
        return {
          range: { start: addDays(ctx.pub, -6 * u), end: addDays(ctx.pub, -2 * u) },
          precision: "range",
          direction: "past",
        };
      }
      const y = Number(ctx.pub.slice(0, 4));
      const mo = Number(ctx.pub.slice(5, 7));
      if (unit === "day") return { range: day(addDays(ctx.pub, -n)), precision: "day" };
      if (unit === "week") return { range: weekOf(addDays(ctx.pub, -7 * n)), precision: "week" };
      if (unit === "month") {
        const s = shiftMonth(y, mo, -n);
        return { range: monthRange(s.year, s.month), precision: "month" };
      }
      return { range: yearRange(y - n), precision: "year" };
    },
  },
  {
    name: "day-word",
    re: /\b(?:(?:early|late|earlier|later)\s+)?(the\s+day\s+before\s+yesterday|yesterday|today|tonight|this\s+(?:morning|afternoon|evening)|last\s+night)\b(?:\s+(?:morning|afternoon|evening|night)\b)?/gi,
    resolve(m, ctx) {
      const w = m[1].toLowerCase();
      const offset = w.startsWith("the day before") ? -2 : w === "yesterday" || w.startsWith("last") ? -1 : 0;
      return {
        range: ctx.pub ? day(addDays(ctx.pub, offset)) : null,
        precision: "day",
        direction: offset ? "past" : "present",
      };
    },
  },
  {
    name: "week",
    re: /\b(?:(earlier|later)\s+)?(?:(?:in|during|over)\s+)?(the\s+)?(last|this|next|coming)\s+week\b|\b(earlier|later)\s+in\s+the\s+()()week\b/gi,
    resolve(m, ctx) {
      const part = (m[1] ?? m[4])?.toLowerCase();
      const which = (m[3] ?? "this").toLowerCase();
      const direction: Direction =
        part === "earlier" || which === "last" ? "past" : part === "later" || which !== "this" ? "future" : "present";
      if (!ctx.pub) return { range: null, precision: "week", direction };
      if (which === "last" && m[2])
        return { range: { start: addDays(ctx.pub, -7), end: ctx.pub }, precision: "range", direction };
      if (which === "last") return { range: weekOf(addDays(ctx.pub, -7)), precision: "week", direction };
      if (which !== "this") return { range: weekOf(addDays(ctx.pub, 7)), precision: "week", direction };
      const week = weekOf(ctx.pub);
      if (part === "earlier") return { range: { start: week.start, end: ctx.pub }, precision: "range", direction };
      if (part === "later") return { range: { start: ctx.pub, end: week.end }, precision: "range", direction };
      return { range: week, precision: "week" };
    },
  },
  {
    name: "weekend",
    re: /\b(?:(?:over|at|during|on|for)\s+)?(?:(this|last|next)\s+|the\s+(?:(past|coming)\s+)?)weekend\b/gi,
    resolve(m, ctx) {
      const q = (m[1] ?? m[2])?.toLowerCase();
      const tense = q === "past" ? "past" : q === "coming" ? "future" : ctx.tense();
      const qualifier = q === "last" || q === "next" ? q : undefined;
      if (!ctx.pub) {
        const direction =
          qualifier === "last" || tense === "past"
            ? "past"
            : qualifier === "next" || tense === "future"
              ? "future"
              : "unknown";
        return { range: null, precision: "range", direction };
      }
      return { range: resolveWeekend(ctx.pub, tense, qualifier), precision: "range" };
    },
  },
  {
    name: "month-year",
    re: /\b(?:(earlier|later)\s+)?(?:(?:in|during|over)\s+)?(the\s+)?(last|this|next|coming|past)\s+(month|year)\b|\b(earlier|later)\s+in\s+the\s+()()(month|year)\b/gi,
    resolve(m, ctx) {
      const part = (m[1] ?? m[5])?.toLowerCase();
      const which = (m[3] ?? "this").toLowerCase();
      const unit = (m[4] ?? m[8]).toLowerCase() as "month" | "year";
      const rolling = which === "past" || (which === "last" && !!m[2]);
      const direction: Direction =
        part === "earlier" || which === "last" || which === "past"
          ? "past"
          : part === "later" || which !== "this"
            ? "future"
            : "present";
      if (!ctx.pub) return { range: null, precision: rolling || part ? "range" : unit, direction };
      if (rolling)
        return {
          range: { start: addDays(ctx.pub, unit === "month" ? -30 : -365), end: ctx.pub },
          precision: "range",
          direction,
        };
      const y = Number(ctx.pub.slice(0, 4));
      const mo = Number(ctx.pub.slice(5, 7));
      const offset = which === "last" ? -1 : which === "this" ? 0 : 1;
      const s = shiftMonth(y, mo, offset);
      const range = unit === "month" ? monthRange(s.year, s.month) : yearRange(y + offset);
      if (part === "earlier") return { range: { start: range.start, end: ctx.pub }, precision: "range", direction };
      if (part === "later") return { range: { start: ctx.pub, end: range.end }, precision: "range", direction };
      return { range, precision: unit, direction };
    },
  },
  {
    name: "weekday",
    re: /\b(?:(?:(?:at|before|after)\s+(?:dawn|dusk|daybreak|sunrise|sunset|noon|midnight|nightfall)|early|late|overnight)\s+(?:on\s+)?|(?:on\s+)?(?:the\s+)?(?:morning|afternoon|evening|night)\s+of\s+|on\s+)?(?:(last|next|this\s+past|this\s+coming|this|past|coming)\s+)?(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?:'s)?(?:\s+(?:morning|afternoon|evening|night)\b)?/gi,
    resolve(m, ctx) {
      if (!isCapitalised(m[2])) return null;
      const q = m[1]?.toLowerCase().replace(/\s+/g, " ");
      const qualifier =
        q === "last" || q === "past" || q === "this past"
          ? "last"
          : q === "next" || q === "coming" || q === "this coming"
            ? "next"
            : q === "this"
              ? "this"
              : undefined;
      if (!ctx.pub) {
        const tense = ctx.tense();
        const direction =
          qualifier === "last" || tense === "past"
            ? "past"
            : qualifier === "next" || tense === "future"
              ? "future"
              : "unknown";
        return { range: null, precision: "day", direction };
      }
      const wd = WEEKDAYS.indexOf(m[2].toLowerCase());
      return { range: day(resolveWeekday(ctx.pub, wd, ctx.tense(), qualifier)), precision: "day" };
    },
  },
  {
    name: "month",
    re: new RegExp(
      "\\b(?:(in|during|throughout|over)\\s+)?(?:(early|mid|late|the\\s+end\\s+of|the\\s+beginning\\s+of|the\\s+middle\\s+of|the\\s+start\\s+of)[\\s-]+)?" +
        `(?:(last|next|this)\\s+)?(${MONTH_RE})(?![\\w])(?:,?\\s+(?:of\\s+)?((?:19|20)\\d\\d)(?![\\w]))?`,
      "gi",
    ),
    resolve(m, ctx) {
      const [, prep, part, qualifier, name, year] = m;
      if (!isCapitalised(name)) return null;
      const abbreviated =
        !/^(January|February|March|April|May|June|July|August|September|October|November|December)$/.test(name);
      if (abbreviated && !year) return null;
      if (!year && !prep && !part && !qualifier && !DATE_PREPOSITIONS.has(lastWord(ctx.before))) return null;
      const month = monthNumber(name);
      const q = qualifier?.toLowerCase() as "last" | "next" | "this" | undefined;
      const y = year
        ? Number(year)
        : ctx.pub
          ? resolveMonthYear(ctx.pub, month, q === "this" ? "unknown" : ctx.tense(), q === "this" ? undefined : q)
          : null;
      if (y === null)
        return {
          range: null,
          precision: part ? "range" : "month",
          direction: year ? "unknown" : tenseDirection(ctx.tense()),
        };
      return { range: partOf(monthRange(y, month), part), precision: part ? "range" : "month" };
    },
  },
  {
    name: "year",
    re: /\b(?:(in|during|throughout)\s+|(since|until|till|by|before|after|from|between|of)\s+)?(?:(early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+middle\s+of|the\s+start\s+of)[\s-]+)?((?:19|20)\d\d)(?![\w/%-]|[.,]\d)(?=\s*(\w*))/dgi,
    resolve(m) {
      const [, prep, excluded, part, year, following] = m;
      if (!prep && !excluded && !part) return null;
      // "a force of 2000 fighters", "by 1500 troops": a count, not a year
      if (excluded && !prep && /^[a-z]/.test(following) && !FUNCTION_WORDS.has(following)) return null;
      return {
        range: partOf(yearRange(Number(year)), part),
        precision: part ? "range" : "year",
        skip: excluded ? m.indices![part ? 3 : 4][0] - m.index : 0,
      };
    },
  },
];

function lastWord(s: string): string {
  return /(\w+)\s*$/.exec(s)?.[1].toLowerCase() ?? "";
}

function tenseDirection(t: Tense): Direction {
  return t === "past" || t === "future" ? t : "unknown";
}

function ruleCandidates(ad: AnnotatedDocument, pub: string | null): TimeMention[] {
  const text = ad.doc.text;
  const out: TimeMention[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(text); m; m = rule.re.exec(text)) {
      const at = m.index;
      const end = at + m[0].length;
      const ctx = contextAt(ad, pub, at, end);
      const r = rule.resolve(m, ctx);
      if (r) out.push(mention(text, at + (r.skip ?? 0), end, r, pub, ctx));
    }
  }
  return out;
}

/** The context of a match; "since" makes its clause past whatever the verb says ("since March"). */
function contextAt(ad: AnnotatedDocument, pub: string | null, start: number, end: number): Context {
  const before = ad.doc.text.slice(Math.max(0, start - 30), start);
  let tense: Tense | undefined = /\bsince\s+$/i.test(before) ? "past" : undefined;
  return {
    pub,
    tense: () => {
      tense ??= clauseTense(ad.tokens, start, end);
      return tense;
    },
    before,
  };
}

function mention(text: string, start: number, end: number, r: Resolved, pub: string | null, ctx: Context): TimeMention {
  const direction = r.direction ?? (r.range && pub ? directionOf(r.range, pub) : tenseDirection(ctx.tense()));
  return {
    start,
    end,
    text: text.slice(start, end),
    startDate: r.range?.start ?? null,
    endDate: r.range?.end ?? null,
    precision: r.precision,
    direction,
  };
}

/** Calendar dates with a day from chrono's strict parser, filtered of its false positives and re-resolved by tense. */
function chronoCandidates(ad: AnnotatedDocument, pub: string | null): TimeMention[] {
  const text = ad.doc.text;
  const ref = pub
    ? new Date(Number(pub.slice(0, 4)), Number(pub.slice(5, 7)) - 1, Number(pub.slice(8, 10)), 12)
    : new Date(2000, 0, 1, 12);
  const out: TimeMention[] = [];
  for (const r of chrono.strict.parse(text, ref)) {
    const s = r.start;
    if (!s.isCertain("month") || !s.isCertain("day")) continue;
    // only dates that name a month or write out a year: not "3/4", "20-30", nor chrono's relative merges
    if (!CAPITALISED_MONTH.test(r.text) && !NUMERIC_DATE.test(r.text)) continue;
    if (/\b(?:may|march)\b/.test(r.text)) continue; // the verbs, not the months
    const written = r.text.replace(/(\d{4})\s+\d{1,2}$/, "$1").trimEnd(); // not the "10" of "20 November 2016 10 people"
    const on = /\bon\s+$/i.exec(text.slice(Math.max(0, r.index - 4), r.index));
    const start = on ? r.index - on[0].length : r.index;
    const end = r.index + written.length;
    const ctx = contextAt(ad, pub, start, end);
    const first = resolveComponents(s, pub, ctx);
    let last = r.end?.isCertain("day") ? resolveComponents(r.end, pub, ctx) : first;
    if (first && last && last < first)
      last = isoDate(Number(last.slice(0, 4)) + 1, Number(last.slice(5, 7)), Number(last.slice(8, 10)));
    const range = first && last ? { start: first, end: last } : null;
    const precision: TimePrecision = r.end ? "range" : CLOCK.test(written) ? "hour" : "day";
    const resolved: Resolved = { range, precision, direction: range ? undefined : tenseDirection(ctx.tense()) };
    out.push(mention(text, start, end, resolved, pub, ctx));
  }
  return out;
}

function resolveComponents(c: ParsedComponents, pub: string | null, ctx: Context): string | null {
  const month = c.get("month")!;
  const d = c.get("day")!;
  if (c.isCertain("year")) return isoDate(c.get("year")!, month, d);
  return pub ? resolveMonthDay(pub, month, d, ctx.tense()) : null;
}

/** "since March": the mention runs from its anchor to publication. */
function applySince(c: TimeMention, text: string, pub: string | null): TimeMention {
  const m = /\bsince\s+$/i.exec(text.slice(Math.max(0, c.start - 8), c.start));
  if (!m) return c;
  const start = c.start - m[0].length;
  const endDate = c.startDate && pub && pub >= c.startDate ? pub : null;
  return { ...c, start, text: text.slice(start, c.end), endDate, precision: "range", direction: "past" };
}

/** Keeps the longest of overlapping candidates; ties go to the earlier one. */
function longestFirst(cands: TimeMention[]): TimeMention[] {
  const kept: TimeMention[] = [];
  const sorted = [...cands].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  for (const c of sorted) if (!kept.some((k) => c.start < k.end && k.start < c.end)) kept.push(c);
  return kept.sort((a, b) => a.start - b.start);
}

export const datesRecognizer: Recognizer = {
  name: "dates",
  run(ad: AnnotatedDocument) {
    const pub = isoDay(ad.doc.published);
    const found = longestFirst([...chronoCandidates(ad, pub), ...ruleCandidates(ad, pub)]);
    for (const t of found) ad.times.push(applySince(t, ad.doc.text, pub));
  },
};

// ---------------------------------------------------------------------------------------------
// Tense of the clause around an expression, from wink's POS tags, lemmas and auxiliaries.

const FUTURE_AUX = new Set(["will", "shall", "'ll", "wo", "would", "may", "might", "could", "should", "must"]);
const PAST_AUX = new Set(["was", "were", "had", "did"]);
const PERFECT_AUX = new Set(["has", "have", "'ve"]);
const PRESENT_AUX = new Set(["is", "are", "am", "'s", "'re", "'m", "do", "does", "can"]);
/** "expected to", "planning to", "set for": the action lies ahead of the clause. */
const FUTURE_BEFORE_TO = new Set(
  "expected expect expects going plan plans planning planned set due poised preparing prepare prepares intend intends intending intended scheduled slated likely about aim aims aiming hope hopes hoping vowed vow vows threatened threaten threatens promised promise promises pledged pledge pledges".split(
    " ",
  ),
);
const FUTURE_BEFORE_FOR = new Set(["scheduled", "set", "planned", "slated", "due"]);
const IRREGULAR_PAST = new Set(
  "went came took left began fought made said told saw fell hit shot struck led fled held brought sent met kept lost won ran gave got found thought knew stood spoke wrote broke chose drove flew rode rose sought sold built bought caught taught heard paid laid meant overran overtook withdrew blew drew threw grew bore swore tore became overcame sank stole swept felt dealt sat lay".split(
    " ",
  ),
);
const SAME_FORM_PAST = new Set(["hit", "cut", "shut", "spread", "hurt", "burst", "set", "put", "quit", "cast"]);
const CLAUSE_BREAKS = new Set([";", ":", "—", "–", "(", ")"]);
const COORDINATORS = new Set(["and", "but", "or", "while", "whereas"]);

function isClauseBreak(tokens: Token[], i: number): boolean {
  const t = tokens[i];
  if (CLAUSE_BREAKS.has(t.text)) return true;
  const next = tokens[i + 1];
  return COORDINATORS.has(t.text.toLowerCase()) && !!next && (next.pos === "AUX" || next.pos === "VERB");
}

/** The nearest auxiliary before token i, skipping adverbs and "not"; undefined when a non-auxiliary intervenes. */
function auxBefore(tokens: Token[], i: number): string | undefined {
  for (let j = i - 1; j >= 0 && j >= i - 3 && tokens[j].sentence === tokens[i].sentence; j--) {
    if (tokens[j].pos === "AUX") return tokens[j].text.toLowerCase();
    if (tokens[j].pos !== "ADV" && tokens[j].pos !== "PART") return undefined;
  }
  return undefined;
}

/** What token i says about tense, or null when it says nothing (a base form, a preposition, a noun). */
function tenseAt(tokens: Token[], i: number): Tense | null {
  const t = tokens[i];
  const w = t.text.toLowerCase();
  const next = tokens[i + 1]?.sentence === t.sentence ? tokens[i + 1].text.toLowerCase() : "";
  if (next === "to" && FUTURE_BEFORE_TO.has(w)) {
    const after = tokens[i + 2];
    if (w !== "due" || (after && after.pos !== "DET" && after.pos !== "NOUN")) return "future";
  }
  if (next === "for" && FUTURE_BEFORE_FOR.has(w)) return "future";
  if (t.pos === "AUX" || FUTURE_AUX.has(w)) {
    if (FUTURE_AUX.has(w)) return "future";
    if (PAST_AUX.has(w)) return "past";
    if (PERFECT_AUX.has(w)) {
      const n = tokens[i + 1];
      return n && (n.pos === "VERB" || n.pos === "AUX" || n.pos === "ADV") ? "past" : "present";
    }
    if (PRESENT_AUX.has(w)) return "present";
    return null; // be, been, being
  }
  if (t.pos !== "VERB") return null;
  const lemma = t.lemma.toLowerCase();
  const aux = auxBefore(tokens, i);
  if (w.endsWith("ing")) {
    if (aux && PRESENT_AUX.has(aux)) return "present";
    if (aux && PAST_AUX.has(aux)) return "past";
    return null;
  }
  if (w !== lemma && (w.endsWith("ed") || IRREGULAR_PAST.has(w))) return aux ? null : "past";
  if (w !== lemma && w.endsWith("s")) return "present";
  // "artillery hit": a same-form past after its subject (a present would be "hits" or follow a plural)
  const prev = tokens[i - 1];
  if (SAME_FORM_PAST.has(w) && !aux && prev && (prev.pos === "NOUN" || prev.pos === "PROPN") && prev.text !== "to")
    return "past";
  return null;
}

/**
 * The tense of the clause that holds [start, end): the nearest tense-bearing verb group before the expression,
 * else after it; clauses end at ";", ":", dashes, brackets and at "and"/"but" before a verb. When the clause says
 * nothing, the whole sentence is tried the same way.
 */
export function clauseTense(tokens: Token[], start: number, end: number): Tense {
  const first = tokens.findIndex((t) => t.end > start);
  if (first < 0) return "unknown";
  let last = first;
  while (last + 1 < tokens.length && tokens[last + 1].start < end) last++;
  const sentence = tokens[first].sentence;
  const inSentence = (i: number) => i >= 0 && i < tokens.length && tokens[i].sentence === sentence;
  for (const bounded of [true, false]) {
    for (let i = first - 1; inSentence(i) && !(bounded && isClauseBreak(tokens, i)); i--) {
      const t = tenseAt(tokens, i);
      if (t) return t;
    }
    for (let i = last + 1; inSentence(i) && !(bounded && isClauseBreak(tokens, i)); i++) {
      const t = tenseAt(tokens, i);
      if (t) return t;
    }
  }
  return "unknown";
}
