// Event triggers: verbs and nouns from data/lexicon/triggers.json ("arrived", "retake", "the fall of",
// "airstrikes"), each with its PLOVER type, default ACLED type and frame, voice (passive) and part of speech.
import { readFileSync } from "node:fs";
import type { AcledType, AnnotatedDocument, PloverType, Recognizer, Token, TriggerMention } from "../model/types.ts";

interface TriggerEntry {
  key: string;
  pattern: string;
  plover: PloverType;
  frame: TriggerMention["frame"];
  acled: [string, string] | null;
  pos?: string[];
  requires?: string;
  /** `requires` is matched case-sensitively (to ask for a capitalised name after the trigger). */
  requires_cased?: boolean;
  refuse_after?: string;
  refuse_before?: string;
  /** Must match somewhere in the trigger's sentence / must not. */
  near?: string;
  not_near?: string;
  /** The PLOVER mode the trigger implies ("arrest", "curfew", "phone"), for PLOVER output. */
  mode?: string;
}

const LEXICON = JSON.parse(readFileSync(new URL("../../data/lexicon/triggers.json", import.meta.url), "utf8")) as {
  triggers: TriggerEntry[];
};

const optional = (source: string | undefined, flags = "i") => (source ? new RegExp(source, flags) : null);

/** Index one past the group or character class opening at `i` (its quantifier not included). */
function skipBracket(pattern: string, i: number): number {
  let depth = 0;
  let inClass = false;
  for (let k = i; k < pattern.length; k++) {
    const ch = pattern[k];
    if (ch === "\\") k++;
    else if (inClass) inClass = ch !== "]";
    else if (ch === "[") {
      inClass = true;
      if (depth === 0) {
        while (++k < pattern.length && pattern[k] !== "]") if (pattern[k] === "\\") k++;
        return k + 1;
      }
    } else if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0) return k + 1;
  }
  return pattern.length;
}

/** Index one past a quantifier starting at `i` (with its lazy "?"), or `i` when there is none. */
function skipQuantifier(pattern: string, i: number): number {
  let k = i;
  if (k >= pattern.length) return i;
  if (pattern[k] === "{") k = pattern.indexOf("}", k) + 1;
  else if ("?*+".includes(pattern[k])) k++;
  else return i;
  return pattern[k] === "?" ? k + 1 : k;
}

/**
 * Lower-case strings of which every match of `pattern` (case-insensitive) contains at least one: for each
 * top-level alternative, its longest run of plain letters, digits, spaces, hyphens and apostrophes outside any
 * group, class or quantifier. Null when some alternative has no such run of 3 characters or more. A text that
 * contains none of them (lower-cased) holds no match, so the pattern need not be run over it: this only skips
 * scans that would find nothing.
 */
export function requiredLiterals(pattern: string): string[] | null {
  const out: string[] = [];
  let runs: string[] = [];
  let cur = "";
  const endAlternative = (): boolean => {
    runs.push(cur);
    const best = runs.reduce((a, b) => (b.length > a.length ? b : a), "");
    runs = [];
    cur = "";
    if (best.length < 3) return false;
    out.push(best);
    return true;
  };
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i];
    if (ch === "|") {
      if (!endAlternative()) return null;
      i++;
    } else if (ch === "(" || ch === "[") {
      runs.push(cur);
      cur = "";
      i = skipQuantifier(pattern, skipBracket(pattern, i));
    } else if (/^[a-z0-9 '-]$/i.test(ch)) {
      const next = skipQuantifier(pattern, i + 1);
      if (next > i + 1) {
        // a quantified character is not certain to be there as written
        runs.push(cur);
        cur = "";
        i = next;
      } else {
        cur += ch.toLowerCase();
        i++;
      }
    } else {
      // escapes (\w, \s, \b, …), ".", anchors: the run ends here
      runs.push(cur);
      cur = "";
      i = ch === "\\" ? skipQuantifier(pattern, i + 2) : skipQuantifier(pattern, i + 1);
    }
  }
  return endAlternative() ? out : null;
}

const COMPILED = LEXICON.triggers.map((entry) => ({
  entry,
  literals: requiredLiterals(entry.pattern),
  re: new RegExp(`(?<![\\w-])(?:${entry.pattern})(?![\\w-])`, "gi"),
  requires: optional(entry.requires, entry.requires_cased ? "" : "i"),
  refuse: optional(entry.refuse_after),
  refuseBefore: optional(entry.refuse_before),
  near: optional(entry.near),
  notNear: optional(entry.not_near),
}));

/**
 * A trie of every entry's required literals (ASCII), by character code: a node's `entries` are those of the
 * literal that ends there.
 */
interface LiteralNode {
  next: (LiteralNode | undefined)[];
  entries: number[];
}

const newNode = (): LiteralNode => ({ next: new Array(128).fill(undefined), entries: [] });
const LITERALS = newNode();
COMPILED.forEach(({ literals }, entry) => {
  for (const literal of literals ?? []) {
    let node = LITERALS;
    for (let k = 0; k < literal.length; k++) {
      const c = literal.charCodeAt(k);
      let child = node.next[c];
      if (!child) {
        child = newNode();
        node.next[c] = child;
      }
      node = child;
    }
    node.entries.push(entry);
  }
});

/** Which entries may match in `text`: those without required literals, and those with one of theirs in it. */
function entriesToRun(text: string): boolean[] {
  const run = COMPILED.map(({ literals }) => literals === null);
  const lower = text.toLowerCase();
  for (let p = 0; p < lower.length; p++) {
    let node: LiteralNode | undefined = LITERALS;
    for (let q = p; q < lower.length; q++) {
      node = node.next[lower.charCodeAt(q)]; // undefined past 127: literals are ASCII
      if (!node) break;
      for (const e of node.entries) run[e] = true;
    }
  }
  return run;
}

const PASSIVE_AUX = /\b(?:was|were|been|being|is|are|be|got|get|gets)\s+(?:\w+ly\s+)?$/i;

/** The index of the token that starts at or covers `offset` (tokens are sorted), or -1. */
function tokenIndexAt(tokens: Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid];
    if (offset < t.start) hi = mid - 1;
    else if (offset >= t.end) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** The text of the sentence holding tokens[at] (the whole text when there is no such token). */
function sentenceText(text: string, tokens: Token[], at: number): string {
  const token = tokens[at];
  if (!token) return text;
  let lo = at;
  let hi = lo;
  while (lo > 0 && tokens[lo - 1].sentence === token.sentence) lo--;
  while (hi < tokens.length - 1 && tokens[hi + 1].sentence === token.sentence) hi++;
  return text.slice(tokens[lo].start, tokens[hi].end);
}

/**
 * Finds triggers in the text; where two overlap, the longer one wins (on equal spans, the entry listed first).
 * An entry may ask for words right after it (`requires`, `refuse_after`), right before it (`refuse_before`)
 * or anywhere in its sentence (`near`, `not_near`): "seized" is a capture, but "seized weapons" disrupts
 * weapons use; "grenades" are an attack only where something explodes or is thrown.
 */
export function findTriggers(text: string, tokens: Token[]): TriggerMention[] {
  const found: TriggerMention[] = [];
  const run = entriesToRun(text);
  for (const [i, { entry, re, requires, refuse, refuseBefore, near, notNear }] of COMPILED.entries()) {
    if (!run[i]) continue;
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      const after = text.slice(end, end + 60);
      if (requires && !requires.test(after)) continue;
      if (refuse?.test(after)) continue;
      if (refuseBefore?.test(text.slice(Math.max(0, start - 40), start))) continue;
      const index = tokenIndexAt(tokens, start);
      const token = tokens[index];
      if (entry.pos && token && !entry.pos.includes(token.pos)) continue;
      if (near || notNear) {
        const sentence = sentenceText(text, tokens, index);
        if (near && !near.test(sentence)) continue;
        if (notNear?.test(sentence)) continue;
      }
      const acled: AcledType | null = entry.acled
        ? { event_type: entry.acled[0], sub_event_type: entry.acled[1] }
        : null;
      const before = text.slice(Math.max(0, start - 30), start);
      const nominal = token?.pos === "NOUN" || /^(?:the|a|an|its|their)\s+(?:\w+\s+)?$/i.test(before.slice(-20));
      found.push({
        start,
        end,
        text: m[0],
        lemma: entry.key,
        plover: entry.plover,
        acled,
        frame: entry.frame,
        passive: !nominal && /(?:ed|en|wn|ook|ught)$/i.test(m[0].split(/\s/)[0]) && PASSIVE_AUX.test(before),
        nominal,
      });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: TriggerMention[] = [];
  for (const t of found) {
    const last = kept.at(-1);
    if (last && t.start < last.end) continue;
    kept.push(t);
  }
  return kept;
}

/** The PLOVER mode a trigger's lexicon entry implies, by entry key; null when it names none. */
export function triggerMode(key: string): string | null {
  return LEXICON.triggers.find((e) => e.key === key)?.mode ?? null;
}

export const triggersRecognizer: Recognizer = {
  name: "triggers",
  run(ad: AnnotatedDocument) {
    ad.triggers = findTriggers(ad.doc.text, ad.tokens);
  },
};
