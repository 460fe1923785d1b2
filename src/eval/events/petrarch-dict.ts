// Parsers for the PETRARCH dictionary formats (actors, agents, verbs, discards) into typed structures a coder
// can use. Formats as documented by PETRARCH2 (inherited from TABARI): <!-- --> and # comments, ';' legacy
// comments; phrases with words joined by '_' (consecutive) or ' '; codes in [...]. See docs/eval-events.md.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { requireFile } from "./paths.ts";

/** A phrase: upper-case words; gaps[i] true when other words may come between words[i] and words[i+1]. */
export interface PetrPhrase {
  words: string[];
  gaps: boolean[];
}

/** An actor code valid from/to a date (YYYYMMDD, inclusive); both null for the default code. */
export interface PetrDatedCode {
  code: string;
  from: string | null;
  to: string | null;
}

export interface PetrActorEntry {
  phrase: PetrPhrase;
  /** `+ALIAS` lines. */
  aliases: PetrPhrase[];
  /** Codes in file order: the primary line's code, then the date-restricted `[CODE <date]` lines. */
  codes: PetrDatedCode[];
  line: number;
}

export interface PetrAgentEntry {
  /** Singular form(s): several when a !MARKER! substitution expanded the line. */
  phrase: PetrPhrase;
  /** Explicit `{…}` plurals, else the regular plural; empty for `{}` and substitution-expanded entries. */
  plurals: PetrPhrase[];
  /** The code without its `~` ("OPP", "NGO"). */
  code: string;
  /** "suffix": `[~OPP]`, appended after the actor code; "prefix": `[NGO~]`, put before it. */
  position: "suffix" | "prefix";
  line: number;
}

export interface PetrDiscard {
  /** Upper-case phrase; matched against the upper-cased sentence with a leading blank. */
  phrase: string;
  /** `+PHRASE` discards the whole story; a bare phrase the sentence. */
  scope: "story" | "sentence";
  line: number;
}

/** An event code; "032:033" gives code 032 for source→target and reciprocal 033 for target→source. */
export interface PetrCode {
  code: string;
  reciprocal: string | null;
}

export interface PetrVerb {
  /** The verb phrase as written ("BREAK DOWN", "LASH OUT", "WIRE TAP"). */
  phrase: PetrPhrase;
  /** Index in phrase.words of the inflected verb (marked with `+` in multi-word verbs, else the first word). */
  head: number;
  /** All surface forms: the base, the regular inflections of the head (or the `{…}` irregular forms instead). */
  forms: PetrPhrase[];
  /** The verb's own code, when the line has one; else the block's code applies. */
  code: PetrCode | null;
  line: number;
}

export type PetrPatternToken =
  | { kind: "verb"; joined: boolean }
  | { kind: "word"; text: string; joined: boolean }
  | { kind: "synset"; name: string; joined: boolean }
  /** `$` source, `+` target, `%` compound (both source and target), `^` skip a noun phrase. */
  | { kind: "source" | "target" | "compound" | "skip"; joined: boolean };

export interface PetrPattern {
  /** The pattern as written, without the leading '-' and the code. */
  raw: string;
  /** Tokens in text order; `joined` means the next token must follow immediately ('_' in the file). */
  tokens: PetrPatternToken[];
  /** Index of the `*` (verb) token. */
  verbIndex: number;
  code: PetrCode;
  line: number;
}

export interface PetrVerbBlock {
  /** The `--- NAME [code] ---` header's name. */
  name: string;
  /** The header's code (null when absent); applies to verbs without their own code. */
  code: PetrCode | null;
  /** Further codes in the header (rare: `--- DELAY [120] [031:031] ---`). */
  extraCodes: PetrCode[];
  verbs: PetrVerb[];
  patterns: PetrPattern[];
  line: number;
}

export interface PetrSynset {
  /** Without the leading '&' and trailing '_' ("TIETYPES"). */
  name: string;
  /** Members with nested synsets expanded and regular plurals added (unless the label or member ends in '_'). */
  phrases: PetrPhrase[];
  line: number;
}

export interface PetrVerbDictionary {
  blocks: PetrVerbBlock[];
  synsets: Record<string, PetrSynset>;
}

/** Longest-match lookup of phrases in a token sequence (words compared upper-case, gaps ignored). */
export class PhraseIndex<T> {
  private byFirst = new Map<string, { words: string[]; value: T }[]>();

  add(phrase: PetrPhrase, value: T): void {
    if (phrase.words.length === 0) return;
    const list = this.byFirst.get(phrase.words[0]) ?? [];
    list.push({ words: phrase.words, value });
    list.sort((a, b) => b.words.length - a.words.length);
    this.byFirst.set(phrase.words[0], list);
  }

  /** The longest phrase(s) starting at tokens[i]: their length and values; null when none. */
  longestAt(tokens: readonly string[], i: number): { length: number; values: T[] } | null {
    const list = this.byFirst.get(tokens[i]?.toUpperCase());
    if (!list) return null;
    let length = 0;
    const values: T[] = [];
    for (const e of list) {
      if (length > 0 && e.words.length < length) break;
      if (e.words.every((w, k) => tokens[i + k]?.toUpperCase() === w)) {
        length = e.words.length;
        values.push(e.value);
      }
    }
    return length > 0 ? { length, values } : null;
  }

  get size(): number {
    let n = 0;
    for (const l of this.byFirst.values()) n += l.length;
    return n;
  }
}

export interface PetrarchDictionaries {
  actors: PetrActorEntry[];
  agents: PetrAgentEntry[];
  verbs: PetrVerbDictionary;
  discards: PetrDiscard[];
  /** Actor phrases and aliases → entries. */
  actorIndex: PhraseIndex<PetrActorEntry>;
  /** Agent singulars and plurals → entries. */
  agentIndex: PhraseIndex<PetrAgentEntry>;
  /** Verb surface forms → (block, verb). */
  verbIndex: PhraseIndex<{ block: PetrVerbBlock; verb: PetrVerb }>;
  /** Lines the parsers could not use, as "file:line: reason". */
  warnings: string[];
}

// ---------------------------------------------------------------------------------------------
// Shared lexical helpers

/** Removes <!-- … --> (possibly multi-line, also the sloppy "<! --"), and '#'/';' comments outside [...]. */
export function stripComments(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  let inXml = false;
  text.split(/\r?\n/).forEach((raw, i) => {
    let s = raw;
    let kept = "";
    for (;;) {
      if (inXml) {
        const end = s.indexOf("-->");
        if (end < 0) {
          s = "";
          break;
        }
        s = s.slice(end + 3);
        inXml = false;
      }
      const m = s.match(/<!\s*--/);
      if (!m || m.index === undefined) break;
      kept += s.slice(0, m.index);
      s = s.slice(m.index + m[0].length);
      inXml = true;
    }
    kept += s;
    let depth = 0;
    let cut = kept.length;
    for (let k = 0; k < kept.length; k++) {
      const c = kept[k];
      if (c === "[") depth++;
      else if (c === "]") depth = Math.max(0, depth - 1);
      else if ((c === "#" || c === ";") && depth === 0) {
        cut = k;
        break;
      }
    }
    out.push({ line: i + 1, text: kept.slice(0, cut).replace(/\s+$/, "") });
  });
  return out;
}

/** Parses a phrase string: words split on blanks and '_'; a trailing '_' is dropped. */
export function parsePhrase(s: string, gapsAllowed = true): PetrPhrase {
  const words: string[] = [];
  const gaps: boolean[] = [];
  const re = /([^\s_]+)([\s_]*)/g;
  const text = s.trim();
  for (let m = re.exec(text); m; m = re.exec(text)) {
    words.push(m[1].toUpperCase());
    gaps.push(gapsAllowed && m[2].length > 0 && !m[2].includes("_"));
  }
  gaps.pop();
  return { words, gaps };
}

/** Regular English plural of the last word (S; consonant+Y → IES; S/SS/SH/CH/X/Z → ES). */
export function pluralOf(word: string): string {
  const w = word.toUpperCase();
  if (/[^AEIOU]Y$/.test(w)) return `${w.slice(0, -1)}IES`;
  if (/(S|SH|CH|X|Z)$/.test(w)) return `${w}ES`;
  return `${w}S`;
}

function withLastWord(p: PetrPhrase, f: (w: string) => string): PetrPhrase {
  const words = [...p.words];
  words[words.length - 1] = f(words[words.length - 1]);
  return { words, gaps: [...p.gaps] };
}

/** Regular inflections of a verb: 3rd person -S, past -ED, gerund -ING (no consonant doubling). */
export function verbInflections(verb: string): string[] {
  const v = verb.toUpperCase();
  const consY = /[^AEIOU]Y$/.test(v);
  const third = consY ? `${v.slice(0, -1)}IES` : /(S|SH|CH|X|Z|O)$/.test(v) ? `${v}ES` : `${v}S`;
  const past = v.endsWith("E") ? `${v}D` : consY ? `${v.slice(0, -1)}IED` : `${v}ED`;
  const ing = v.endsWith("IE") ? `${v.slice(0, -2)}YING` : /[^EOY]E$/.test(v) ? `${v.slice(0, -1)}ING` : `${v}ING`;
  return [third, past, ing];
}

/** YYMMDD (00–30 → 20YY, else 19YY) or YYYYMMDD → YYYYMMDD. */
export function normalizeDate(d: string): string {
  if (d.length === 6) return `${Number(d.slice(0, 2)) <= 30 ? "20" : "19"}${d}`;
  return d.slice(0, 8);
}

/** Parses "CODE", "CODE <date", "CODE >date", "CODE date-date" (blanks allowed around the operators). */
export function parseDatedCode(inner: string): PetrDatedCode | null {
  const m = inner.trim().match(/^(\S+?)\s*(?:(<|>)\s*(\d{6,8})|(\d{6,8})\s*-\s*(\d{6,8}))?$/);
  if (!m) return null;
  if (m[2] === "<") return { code: m[1], from: null, to: normalizeDate(m[3]) };
  if (m[2] === ">") return { code: m[1], from: normalizeDate(m[3]), to: null };
  if (m[4]) return { code: m[1], from: normalizeDate(m[4]), to: normalizeDate(m[5]) };
  return { code: m[1], from: null, to: null };
}

/** The code of an actor on a date (YYYYMMDD): the first date restriction containing it, else the default code. */
export function actorCodeAt(entry: PetrActorEntry, date?: string | null): string | null {
  if (date) {
    const d = normalizeDate(date);
    for (const c of entry.codes) {
      if (c.from === null && c.to === null) continue;
      if ((c.from === null || d >= c.from) && (c.to === null || d <= c.to)) return c.code;
    }
  }
  return entry.codes.find((c) => c.from === null && c.to === null)?.code ?? null;
}

export function parseCode(s: string): PetrCode {
  const [code, reciprocal] = s.trim().split(":");
  return { code: code.trim(), reciprocal: reciprocal !== undefined ? reciprocal.trim() : null };
}

function brackets(s: string): { before: string; codes: string[] } {
  const codes: string[] = [];
  const first = s.indexOf("[");
  const before = first < 0 ? s : s.slice(0, first);
  for (const m of s.matchAll(/\[([^\]]*)\]/g)) codes.push(m[1]);
  return { before, codes };
}

// ---------------------------------------------------------------------------------------------
// Actors

/** Parses an actors file: `NAME [CODE]`, `+ALIAS` lines, and indented `[CODE <date]` restriction lines. */
export function parseActors(text: string, file = "actors", warnings: string[] = []): PetrActorEntry[] {
  const entries: PetrActorEntry[] = [];
  let cur: PetrActorEntry | null = null;
  for (const { line, text: l } of stripComments(text)) {
    const t = l.trim();
    if (!t) continue;
    if (t.startsWith("+")) {
      if (!cur) warnings.push(`${file}:${line}: alias without an entry`);
      else cur.aliases.push(parsePhrase(brackets(t.slice(1)).before, false));
      continue;
    }
    if (t.startsWith("[")) {
      const codes = brackets(t).codes.map(parseDatedCode);
      if (!cur) warnings.push(`${file}:${line}: code line without an entry`);
      for (const c of codes)
        if (c) cur?.codes.push(c);
        else warnings.push(`${file}:${line}: unreadable code ${t}`);
      continue;
    }
    const { before, codes } = brackets(t);
    cur = { phrase: parsePhrase(before, false), aliases: [], codes: [], line };
    for (const c of codes.map(parseDatedCode))
      if (c) cur.codes.push(c);
      else warnings.push(`${file}:${line}: unreadable code in ${t}`);
    entries.push(cur);
  }
  for (const e of entries)
    if (e.codes.length === 0) warnings.push(`${file}:${e.line}: ${e.phrase.words.join(" ")} has no code`);
  return entries;
}

// ---------------------------------------------------------------------------------------------
// Agents

/** Parses an agents file: `!MARK! = A, B` substitutions, `PHRASE {plurals} [~CODE]` / `[CODE~]` entries. */
export function parseAgents(text: string, file = "agents", warnings: string[] = []): PetrAgentEntry[] {
  const subs = new Map<string, string[]>();
  const entries: PetrAgentEntry[] = [];
  for (const { line, text: l } of stripComments(text)) {
    const t = l.trim();
    if (!t) continue;
    const sub = t.match(/^(![A-Z0-9_]+!)\s*=\s*(.+)$/i);
    if (sub) {
      subs.set(
        sub[1].toUpperCase(),
        sub[2].split(",").map((x) => x.trim().toUpperCase()),
      );
      continue;
    }
    const code = t.match(/\[\s*([^\]]*?)\s*\]/);
    if (!code) {
      warnings.push(`${file}:${line}: agent without a code: ${t}`);
      continue;
    }
    const raw = code[1].replace(/\s+/g, "");
    const position = raw.endsWith("~") && !raw.startsWith("~") ? "prefix" : "suffix";
    const c = raw.replace(/~/g, "");
    const head = t.slice(0, code.index);
    const braces = head.match(/\{([^}]*)\}/);
    const phraseText = head.replace(/\{[^}]*\}/, "").trim();
    const marker = phraseText.match(/![A-Z0-9_]+!/i);
    if (marker) {
      const list = subs.get(marker[0].toUpperCase());
      if (!list) {
        warnings.push(`${file}:${line}: unknown substitution ${marker[0]}`);
        continue;
      }
      for (const item of list)
        entries.push({
          phrase: parsePhrase(phraseText.replace(marker[0], item)),
          plurals: [],
          code: c,
          position,
          line,
        });
      continue;
    }
    const phrase = parsePhrase(phraseText);
    let plurals: PetrPhrase[];
    if (braces) {
      plurals = braces[1]
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map((p) => parsePhrase(p));
    } else plurals = [withLastWord(phrase, pluralOf)];
    entries.push({ phrase, plurals, code: c, position, line });
  }
  return entries;
}

// ---------------------------------------------------------------------------------------------
// Discards

/** Parses a discards file: one phrase per line, `+` marking story-level discards. */
export function parseDiscards(text: string): PetrDiscard[] {
  const out: PetrDiscard[] = [];
  for (const { line, text: l } of stripComments(text)) {
    const t = l.trim();
    if (!t) continue;
    const story = t.startsWith("+");
    out.push({
      phrase: (story ? t.slice(1) : t).trim().replace(/_/g, " ").toUpperCase(),
      scope: story ? "story" : "sentence",
      line,
    });
  }
  return out;
}

/** The first discard whose phrase occurs in the sentence (blank-prefixed, case-insensitive), else null. */
export function findDiscard(sentence: string, discards: readonly PetrDiscard[]): PetrDiscard | null {
  const s = ` ${sentence.toUpperCase().replace(/\s+/g, " ")}`;
  return discards.find((d) => s.includes(` ${d.phrase}`)) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Verbs

function tokenizePattern(s: string): PetrPatternToken[] {
  const tokens: PetrPatternToken[] = [];
  const re = /([^\s_]+)([\s_]*)/g;
  const text = s.trim();
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const item = m[1];
    const joined = m[2].includes("_");
    if (item === "*") tokens.push({ kind: "verb", joined });
    else if (item === "$") tokens.push({ kind: "source", joined });
    else if (item === "+") tokens.push({ kind: "target", joined });
    else if (item === "%") tokens.push({ kind: "compound", joined });
    else if (item === "^") tokens.push({ kind: "skip", joined });
    else if (item.startsWith("&")) tokens.push({ kind: "synset", name: item.slice(1).toUpperCase(), joined });
    else tokens.push({ kind: "word", text: item.toUpperCase(), joined });
  }
  if (tokens.length) tokens[tokens.length - 1].joined = false;
  return tokens;
}

/** A verb line: `VERB`, `+BREAK_DOWN {+BREAKS_DOWN …}`, `KLM_NOP_+RST [002]`, `BAN {BANS BANNED}`. */
function parseVerbLine(t: string, line: number): PetrVerb {
  const { before, codes } = brackets(t);
  const braces = before.match(/\{([^}]*)\}/);
  const base = before.replace(/\{[^}]*\}/, "").trim();
  const marked = (p: string) => {
    const ph = parsePhrase(p.replace(/(^|[\s_])\+/g, "$1"));
    const words = p.trim().split(/[\s_]+/);
    const h = words.findIndex((w) => w.startsWith("+"));
    return { ph, head: Math.max(h, 0) };
  };
  const { ph, head } = marked(base);
  const forms: PetrPhrase[] = [ph];
  if (braces) {
    for (const f of braces[1].trim().split(/\s+/).filter(Boolean)) forms.push(marked(f).ph);
  } else if (ph.words.length > 0 && !/(ED|ING)$/.test(ph.words[head])) {
    for (const inf of verbInflections(ph.words[head])) {
      const words = [...ph.words];
      words[head] = inf;
      forms.push({ words, gaps: [...ph.gaps] });
    }
  }
  return { phrase: ph, head, forms, code: codes.length ? parseCode(codes[0]) : null, line };
}

/** Parses a verbs file: `&SYNSET` blocks of `+` members, `--- NAME [code] ---` blocks of verbs and `- …` patterns. */
export function parseVerbs(text: string, file = "verbs", warnings: string[] = []): PetrVerbDictionary {
  const blocks: PetrVerbBlock[] = [];
  const rawSynsets = new Map<string, { members: string[]; noPlural: boolean; line: number }>();
  let block: PetrVerbBlock | null = null;
  let synset: { members: string[]; noPlural: boolean; line: number } | null = null;
  for (const { line, text: l } of stripComments(text)) {
    const t = l.trim();
    if (!t) {
      synset = null;
      continue;
    }
    if (t.startsWith("---")) {
      synset = null;
      const inner = t.replace(/^-{3}/, "").replace(/-{3}$/, "");
      const { before, codes } = brackets(inner);
      const parsed = codes.map(parseCode);
      block = {
        name: before.trim(),
        code: parsed[0] ?? null,
        extraCodes: parsed.slice(1),
        verbs: [],
        patterns: [],
        line,
      };
      blocks.push(block);
      continue;
    }
    if (t.startsWith("&")) {
      const label = t.slice(1).trim();
      synset = { members: [], noPlural: label.endsWith("_"), line };
      rawSynsets.set(label.replace(/_+$/, "").toUpperCase(), synset);
      continue;
    }
    if (synset && t.startsWith("+")) {
      synset.members.push(t.slice(1).trim());
      continue;
    }
    if (!block) {
      warnings.push(`${file}:${line}: line outside any verb block: ${t}`);
      continue;
    }
    if (t.startsWith("-")) {
      const { before, codes } = brackets(t.slice(1));
      if (codes.length === 0) {
        warnings.push(`${file}:${line}: pattern without a code: ${t}`);
        continue;
      }
      const tokens = tokenizePattern(before);
      const verbIndex = tokens.findIndex((k) => k.kind === "verb");
      if (verbIndex < 0) {
        warnings.push(`${file}:${line}: pattern without '*': ${t}`);
        continue;
      }
      block.patterns.push({ raw: before.trim(), tokens, verbIndex, code: parseCode(codes[0]), line });
      continue;
    }
    block.verbs.push(parseVerbLine(t, line));
  }

  const synsets: Record<string, PetrSynset> = {};
  const expand = (name: string, seen: Set<string>): PetrPhrase[] => {
    const s = rawSynsets.get(name);
    if (!s || seen.has(name)) return [];
    seen.add(name);
    const out: PetrPhrase[] = [];
    for (const m of s.members) {
      if (m.startsWith("&")) {
        out.push(...expand(m.slice(1).replace(/_+$/, "").toUpperCase(), seen));
        continue;
      }
      const p = parsePhrase(m, false);
      out.push(p);
      if (!s.noPlural && !m.endsWith("_") && !/S$/i.test(m)) out.push(withLastWord(p, pluralOf));
    }
    return out;
  };
  for (const [name, s] of rawSynsets) synsets[name] = { name, phrases: expand(name, new Set()), line: s.line };
  for (const b of blocks)
    for (const p of b.patterns)
      for (const k of p.tokens)
        if (k.kind === "synset" && !synsets[k.name])
          warnings.push(`${file}:${p.line}: pattern uses undefined synset &${k.name}`);
  return { blocks, synsets };
}

// ---------------------------------------------------------------------------------------------
// Loading a dictionary set

export interface PetrarchDictionaryFiles {
  actors: string;
  agents: string;
  verbs: string;
  discards: string;
}

/** The validation dictionaries PETR.Validate.{actors,agents,verbs,discards}.txt in `dir`. */
export function petrarchDictionaryFiles(dir: string): PetrarchDictionaryFiles {
  const f = (k: string) => join(dir, `PETR.Validate.${k}.txt`);
  return { actors: f("actors"), agents: f("agents"), verbs: f("verbs"), discards: f("discards") };
}

/** Builds dictionaries (and their indexes) from file contents. */
export function buildPetrarchDictionaries(texts: PetrarchDictionaryFiles): PetrarchDictionaries {
  const warnings: string[] = [];
  const actors = parseActors(texts.actors, "actors", warnings);
  const agents = parseAgents(texts.agents, "agents", warnings);
  const verbs = parseVerbs(texts.verbs, "verbs", warnings);
  const discards = parseDiscards(texts.discards);
  const actorIndex = new PhraseIndex<PetrActorEntry>();
  for (const a of actors) for (const p of [a.phrase, ...a.aliases]) actorIndex.add(p, a);
  const agentIndex = new PhraseIndex<PetrAgentEntry>();
  for (const a of agents) for (const p of [a.phrase, ...a.plurals]) agentIndex.add(p, a);
  const verbIndex = new PhraseIndex<{ block: PetrVerbBlock; verb: PetrVerb }>();
  for (const block of verbs.blocks)
    for (const verb of block.verbs) for (const f of verb.forms) verbIndex.add(f, { block, verb });
  return { actors, agents, verbs, discards, actorIndex, agentIndex, verbIndex, warnings };
}

/**
 * Loads PETR.Validate.{actors,agents,verbs,discards}.txt from `dir` (e.g. ../shared/eval/events/petrarch2).
 * Throws MissingDataError when a file is absent.
 */
export function loadPetrarchDictionaries(dir: string): PetrarchDictionaries {
  const files = petrarchDictionaryFiles(dir);
  const read = (p: string) => readFileSync(requireFile(p), "utf8");
  return buildPetrarchDictionaries({
    actors: read(files.actors),
    agents: read(files.agents),
    verbs: read(files.verbs),
    discards: read(files.discards),
  });
}
