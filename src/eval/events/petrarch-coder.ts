// sitrep's attempt at the PETRARCH2 unit tests: the sentence goes through sitrep's tokenizer; the validation
// dictionaries stand in for sitrep's lexicons (their actors and agents become actor mentions, their verbs
// become triggers); sitrep's role finder (assemble/roles.ts) picks the source and target sides; the verb
// block's patterns (words, synsets, `+` target, `$` source, `%` compound, `_` adjacency) refine the code and
// may name the target themselves. No parse tree: patterns match along the token sequence.
import { tokenize } from "../../annotate/tokens.ts";
import { sidesOf } from "../../assemble/roles.ts";
import type { ActorEntry, ActorMention, AnnotatedDocument, Token, TriggerMention } from "../../model/types.ts";
import type { Triple } from "./metrics.ts";
import type { PetrarchMeta } from "./petrarch.ts";
import {
  actorCodeAt,
  findDiscard,
  type PetrActorEntry,
  type PetrarchDictionaries,
  type PetrCode,
  type PetrPattern,
  type PetrPatternToken,
  type PetrPhrase,
  type PetrVerb,
  type PetrVerbBlock,
} from "./petrarch-dict.ts";

/** A noun phrase that names one or more coded actors ("the Calenardhon government" → CALGOV). */
interface CodedMention {
  /** Token range [first, last]. */
  first: number;
  last: number;
  codes: string[];
  /** The actor phrases an agent took its actor from ("the parliament" ← "of Gondor"). */
  parts?: CodedMention[];
}

/** POS tags that may continue a noun phrase. */
const NP_POS = new Set(["DET", "ADJ", "NOUN", "PROPN", "NUM"]);
/** Words after which an agent takes its actor from what follows ("soldiers from Gondor"). */
const AGENT_LINK = new Set(["OF", "FROM", "IN"]);
/** Where a verb's phrase ends for pattern matching and target search. */
const SUBORDINATOR = new Set(["AFTER", "WHEN", "WHILE", "BECAUSE", "SINCE", "UNTIL", "ALTHOUGH", "WHEREAS"]);
const RELATIVE = new Set(["WHICH", "WHO", "WHOM", "WHOSE", "WHERE"]);
const VP_END = new Set([",", ";", ":", ".", ...SUBORDINATOR]);
const REPORT_VERB = /^(?:SAID|SAYS|SAY|REPORTED|REPORTS|TOLD|ADDED|STATED|ANNOUNCED|CONFIRMED)$/;

const words = (tokens: readonly Token[]) => tokens.map((t) => t.text.toUpperCase());

/** Actor codes of an entry on a date; "A/B/C" names several actors; "---" none. */
function actorCodes(codes: string | null): string[] {
  if (!codes) return [];
  return codes.split("/").filter((c) => c && c !== "---");
}

/** Appends an agent code unless the actor code already carries it ("USAGOV" + "GOV"). */
function withAgent(code: string, agent: { code: string; position: "suffix" | "prefix" }): string {
  if (code !== "---" && carries(code, agent.code)) return code;
  return agent.position === "prefix" ? `${agent.code}${code}` : `${code}${agent.code}`;
}

/** Whether `code` holds `part` at a three-character boundary: CAMEO codes are runs of three-letter parts
 * ("GMWGOV" is GMW + GOV: it carries GOV but not WGO). */
function carries(code: string, part: string): boolean {
  for (let i = 0; i + part.length <= code.length; i += 3) if (code.slice(i, i + part.length) === part) return true;
  return false;
}

interface Hit {
  i: number;
  length: number;
}

const gappedCache = new WeakMap<PetrarchDictionaries, Map<string, { phrase: PetrPhrase; entry: PetrActorEntry }[]>>();

/** Actor phrases of several words, which TABARI lets other words of the noun phrase come between when written
 * with a blank ("ITHILEN TELEVISION" in "Ithilen state-run television"), by first word. */
function gappedActors(dicts: PetrarchDictionaries) {
  let byFirst = gappedCache.get(dicts);
  if (byFirst) return byFirst;
  byFirst = new Map();
  for (const entry of dicts.actors)
    for (const phrase of [entry.phrase, ...entry.aliases]) {
      // the parsed dictionary does not say which actor phrases had a blank rather than "_": every phrase of
      // several words may take the gap, and only where no phrase matches contiguously
      if (phrase.words.length < 2) continue;
      const list = byFirst.get(phrase.words[0]) ?? [];
      list.push({ phrase, entry });
      byFirst.set(phrase.words[0], list);
    }
  gappedCache.set(dicts, byFirst);
  return byFirst;
}

/** The longest gapped actor phrase starting at i, with at most two adjectives or nouns in each gap. */
function gappedActorAt(
  dicts: PetrarchDictionaries,
  tokens: readonly Token[],
  w: readonly string[],
  i: number,
  taken: ReadonlySet<number>,
): { length: number; values: PetrActorEntry[] } | null {
  let best: { length: number; values: PetrActorEntry[] } | null = null;
  for (const { phrase, entry } of gappedActors(dicts).get(w[i]) ?? []) {
    let k = i;
    let ok = true;
    for (let n = 1; n < phrase.words.length && ok; n++) {
      let next = k + 1;
      while (next < w.length && next - k <= 2 && w[next] !== phrase.words[n] && GAP_POS.has(tokens[next].pos)) next++;
      ok = w[next] === phrase.words[n] && !taken.has(next);
      k = next;
    }
    if (ok && (!best || k - i + 1 > best.length)) best = { length: k - i + 1, values: [entry] };
  }
  return best;
}

const GAP_POS = new Set(["ADJ", "NOUN"]);

/** Dictionary actors and agents, grouped into noun phrases and coded. */
function codedMentions(
  tokens: readonly Token[],
  w: readonly string[],
  dicts: PetrarchDictionaries,
  date: string | null,
  taken: ReadonlySet<number>,
): CodedMention[] {
  const actors: (Hit & { codes: string[] })[] = [];
  const agents: (Hit & { code: string; position: "suffix" | "prefix" })[] = [];
  for (let i = 0; i < w.length; ) {
    if (taken.has(i)) {
      i++;
      continue;
    }
    const exact = dicts.actorIndex.longestAt(w, i);
    const gapped = gappedActorAt(dicts, tokens, w, i, taken);
    const a = gapped && (!exact || gapped.length > exact.length) ? gapped : exact;
    const g = dicts.agentIndex.longestAt(w, i);
    if (a && (!g || a.length >= g.length)) {
      actors.push({ i, length: a.length, codes: actorCodes(actorCodeAt(a.values[0], date)) });
      i += a.length;
    } else if (g) {
      const e = g.values[0];
      agents.push({ i, length: g.length, code: e.code, position: e.position });
      i += g.length;
    } else i++;
  }
  // Noun phrases: runs of NP tokens (and any dictionary hit), split at possessive-free coordination.
  const inHit = new Set<number>();
  for (const h of [...actors, ...agents]) for (let k = h.i; k < h.i + h.length; k++) inHit.add(k);
  // "awful and evil minister": adjectives coordinated inside one noun phrase (the second may be mis-tagged)
  for (let k = 1; k + 2 < tokens.length; k++) {
    if ((w[k] !== "AND" && w[k] !== "OR") || tokens[k - 1].pos !== "ADJ" || taken.has(k + 1) || inHit.has(k + 1))
      continue;
    if (tokens[k + 1].pos === "ADJ" || tokens[k + 2].pos === "NOUN") inHit.add(k).add(k + 1);
  }
  const chunks: { first: number; last: number }[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const np = (k: number) =>
      !taken.has(k) && (inHit.has(k) || NP_POS.has(tokens[k].pos) || w[k] === "'S" || w[k] === "'");
    if (!np(i)) continue;
    let j = i;
    while (j + 1 < tokens.length && np(j + 1)) j++;
    chunks.push({ first: i, last: j });
    i = j;
  }
  const inChunk = (h: Hit, c: { first: number; last: number }) => h.i >= c.first && h.i <= c.last;
  const out: CodedMention[] = [];
  const chunkOut = new Map<number, CodedMention | null>();
  const codeChunk = (ci: number): CodedMention | null => {
    if (chunkOut.has(ci)) return chunkOut.get(ci) ?? null;
    chunkOut.set(ci, null);
    const c = chunks[ci];
    const cActors = actors.filter((h) => inChunk(h, c) && h.codes.length);
    const cAgents = agents.filter((h) => inChunk(h, c));
    if (!cActors.length && !cAgents.length) {
      // "goats of Gondor", "the population of Gondor": a noun phrase without actor words takes the actor of
      // its of-phrase
      if (w[c.last + 1] !== "OF" || tokens[c.last].pos !== "NOUN") return null;
      const of = linkedActors(ci);
      if (!of.length) return null;
      const m = { first: c.first, last: c.last, codes: of.flatMap((x) => x.codes) };
      chunkOut.set(ci, m);
      return m;
    }
    let codes: string[];
    if (cActors.length) {
      // The first actor heads the phrase; a later one is an alias or apposition ("… Prime Minister Telemar").
      codes = cActors[0].codes.map((code) => cAgents.reduce(withAgent, code));
    } else {
      // "soldiers from Gondor", "the ambassadors of Arnor, Osgiliath and Gondor": the agent distributes;
      // so does a coordinated agent's ("lawmakers and officials in Fornost and Gondor")
      const targets = linkedActors(ci);
      const shared = targets.length ? [] : sharedActors(ci);
      codes = targets.length
        ? targets.flatMap((t) => t.codes.map((code) => cAgents.reduce(withAgent, code)))
        : shared.length
          ? shared.map((code) => cAgents.reduce(withAgent, code))
          : [cAgents.reduce(withAgent, "---")];
    }
    const parts = cActors.length ? [] : (linked.get(ci) ?? []);
    const m: CodedMention = { first: c.first, last: c.last, codes, ...(parts.length ? { parts } : {}) };
    chunkOut.set(ci, m);
    return m;
  };
  /** Actor-only chunks after "of/from/in" and their coordination, consumed by an agent chunk. */
  const consumed = new Set<number>();
  const linked = new Map<number, CodedMention[]>();
  const agentOnly = (ci: number) =>
    !actors.some((h) => inChunk(h, chunks[ci]) && h.codes.length) && agents.some((h) => inChunk(h, chunks[ci]));
  /** A bare agent coordinated with another noun phrase takes that phrase's actor: the agent after it ("lawmakers
   * and officials in Fornost") or the actor and modifiers before it ("Danish Islamist media and government"). */
  const sharedActors = (ci: number): string[] => {
    const c = chunks[ci];
    const next = chunks[ci + 1];
    if (next && w.slice(c.last + 1, next.first).join(" ") === "AND" && agentOnly(ci + 1)) {
      codeChunk(ci + 1);
      const list = linked.get(ci + 1) ?? [];
      if (list.length) return list.flatMap((m) => m.codes);
    }
    const prev = chunks[ci - 1];
    // with a determiner the first phrase is closed ("the Danish media and government": the government is
    // not coded Danish)
    if (!prev || w.slice(prev.last + 1, c.first).join(" ") !== "AND" || tokens[prev.first].pos === "DET") return [];
    const pActors = actors.filter((h) => inChunk(h, prev) && h.codes.length);
    const pAgents = agents.filter((h) => inChunk(h, prev));
    const head = pAgents.at(-1);
    // the actor must modify the earlier phrase's head agent, not be its head ("Gondor and officials")
    if (pActors.length !== 1 || !head || pActors[0].i > head.i) return [];
    return pActors[0].codes.map((code) => pAgents.slice(0, -1).reduce(withAgent, code));
  };
  const linkedActors = (ci: number): CodedMention[] => {
    const list = linkedActorsOf(ci);
    linked.set(ci, list);
    return list;
  };
  const linkedActorsOf = (ci: number): CodedMention[] => {
    const c = chunks[ci];
    if (!AGENT_LINK.has(w[c.last + 1] ?? "")) return [];
    const list: CodedMention[] = [];
    let k = ci + 1;
    while (k < chunks.length) {
      const next = chunks[k];
      const gap = w.slice(list.length ? chunks[k - 1].last + 1 : c.last + 1, next.first);
      const ok = list.length ? gap.every((x) => x === "," || x === "AND") : gap.every((x) => AGENT_LINK.has(x));
      if (!ok || !gap.length) break;
      const hasActor = actors.some((h) => inChunk(h, next) && h.codes.length);
      if (!hasActor) break;
      const m = codeChunk(k);
      if (!m) break;
      list.push(m);
      consumed.add(k);
      k++;
    }
    return list;
  };
  for (let ci = 0; ci < chunks.length; ci++) {
    const m = codeChunk(ci);
    if (m) out.push(m);
  }
  return out.filter((m) => !chunks.some((c, ci) => consumed.has(ci) && c.first === m.first));
}

interface VerbHit {
  i: number;
  length: number;
  block: PetrVerbBlock;
  verb: PetrVerb;
  /** Every dictionary entry for these words: a verb may be listed in several blocks ("SHOT [---]", "SHOT [223]"). */
  entries: { block: PetrVerbBlock; verb: PetrVerb }[];
}

/** A gerund used as a noun: "a new bombing", "the reopening of", "for the signing". */
function nominalGerund(tokens: readonly Token[], w: readonly string[], i: number): boolean {
  if (!w[i].endsWith("ING")) return false;
  const prev = tokens[i - 1];
  if (!prev) return false;
  if (["DET", "ADJ", "ADP", "NUM"].includes(prev.pos) || w[i - 1] === "'S") return true;
  return prev.pos === "CCONJ" && i >= 2 && nominalGerund(tokens, w, i - 2);
}

/** A present-tense verb the tagger read as an adjective or noun: a bare word between a proper-noun subject and
 * a determiner ("Fornost and Gondor welcome a resumption"). */
function untaggedVerb(tokens: readonly Token[], i: number, length: number): boolean {
  if (length !== 1 || !["ADJ", "NOUN"].includes(tokens[i].pos)) return false;
  return tokens[i - 1]?.pos === "PROPN" && tokens[i + 1]?.pos === "DET";
}

/** Dictionary verbs whose words include a token tagged as a verb (nouns such as "an attack" are not coded). */
function verbHits(tokens: readonly Token[], w: readonly string[], dicts: PetrarchDictionaries): VerbHit[] {
  const out: VerbHit[] = [];
  for (let i = 0; i < w.length; i++) {
    const hit = dicts.verbIndex.longestAt(w, i);
    if (!hit) continue;
    const span = tokens.slice(i, i + hit.length);
    if (
      !span.some((t, k) => t.pos === "VERB" && !nominalGerund(tokens, w, i + k)) &&
      !untaggedVerb(tokens, i, hit.length)
    )
      continue;
    const { block, verb } = hit.values[0];
    out.push({ i, length: hit.length, block, verb, entries: hit.values });
    i += hit.length - 1;
  }
  return out;
}

/** The mentions coordinated with `m` ("Mordor, Rohan, Fornost and Bree"): joined by commas, "and", "or", "nor". */
function coordination(m: CodedMention, mentions: readonly CodedMention[], w: readonly string[]): CodedMention[] {
  const joins = (a: CodedMention, b: CodedMention) => {
    const gap = w.slice(a.last + 1, b.first);
    return gap.length > 0 && gap.length <= 2 && gap.every((x) => COORD.has(x));
  };
  const sorted = [...mentions].sort((a, b) => a.first - b.first);
  let at = sorted.indexOf(m);
  while (at > 0 && joins(sorted[at - 1], sorted[at])) at--;
  const out = [sorted[at]];
  while (at + 1 < sorted.length && joins(sorted[at], sorted[at + 1])) out.push(sorted[++at]);
  return out;
}

const COORD = new Set([",", "AND", "OR", "NOR"]);

// ---------------------------------------------------------------------------------------------
// Patterns

interface PatternMatch {
  code: PetrCode;
  /** Literal words and synset phrases matched: the more, the more specific. */
  score: number;
  source: CodedMention[] | null;
  target: CodedMention[] | null;
}

function phraseAt(w: readonly string[], i: number, p: PetrPhrase): boolean {
  return p.words.every((x, k) => w[i + k] === x);
}

/** Matches the tokens after the verb, left to right. */
function matchAfter(
  toks: readonly PetrPatternToken[],
  tokens: readonly Token[],
  w: readonly string[],
  from: number,
  end: number,
  dicts: PetrarchDictionaries,
  mentions: readonly CodedMention[],
  firstJoined: boolean,
): { score: number; roles: Partial<Record<"source" | "target", CodedMention[]>> } | null {
  let pos = from;
  let score = 0;
  const roles: Partial<Record<"source" | "target", CodedMention[]>> = {};
  let joined = firstJoined;
  let pool = mentions;
  for (const t of toks) {
    const limit = joined ? pos : end - 1;
    let found = -1;
    let length = 0;
    for (let k = pos; k <= limit && k < end; k++) {
      if (t.kind === "word" && w[k] === t.text) {
        found = k;
        length = 1;
      } else if (t.kind === "synset") {
        const p = dicts.verbs.synsets[t.name]?.phrases.find((ph) => phraseAt(w, k, ph));
        if (p) {
          found = k;
          length = p.words.length;
        }
      } else if (t.kind === "source" || t.kind === "target" || t.kind === "compound") {
        const m = pool.find((x) => x.first >= k && x.first <= (joined ? k + 2 : end - 1));
        if (m) {
          const group = coordination(m, pool, w);
          found = m.first;
          length = (group.at(-1) ?? m).last - m.first + 1;
          // after the verb a compound is the object ("agrees with the Philippines and France")
          roles[t.kind === "compound" ? "target" : t.kind] = group;
        }
        break;
      } else if (t.kind === "skip") {
        // `^` skips a noun phrase: the next actor phrase ("… TABASKI ^ $": "with Eriador … at Cirith Ungol"),
        // else a word
        const m = pool.find((x) => x.first === k);
        if (m) {
          found = k;
          length = m.last - k + 1;
          // skipping "the parliament of Gondor" skips the agent: "of Gondor" stays for the next role
          if (m.parts) pool = [...pool, ...m.parts].sort((a, b) => a.first - b.first);
        } else if (NP_POS.has(tokens[k].pos)) {
          found = k;
          length = 1;
          while (k + length < end && NP_POS.has(tokens[k + length].pos)) length++;
        }
      }
      if (found >= 0) break;
    }
    if (found < 0) return null;
    if (t.kind === "word" || t.kind === "synset") score += length;
    pos = found + length;
    joined = t.joined;
  }
  return { score, roles };
}

/** Matches the tokens before the verb, right to left. */
function matchBefore(
  toks: readonly PetrPatternToken[],
  w: readonly string[],
  verbAt: number,
  start: number,
  dicts: PetrarchDictionaries,
  mentions: readonly CodedMention[],
): { score: number; roles: Partial<Record<"source" | "target", CodedMention[]>> } | null {
  let pos = verbAt - 1;
  let score = 0;
  const roles: Partial<Record<"source" | "target", CodedMention[]>> = {};
  for (let n = toks.length - 1; n >= 0; n--) {
    const t = toks[n];
    const lowest = t.joined ? pos : start;
    let found = -1;
    let first = -1;
    for (let k = pos; k >= lowest && k >= start; k--) {
      if (t.kind === "word" && w[k] === t.text) {
        found = k;
        first = k;
      } else if (t.kind === "synset") {
        const p = dicts.verbs.synsets[t.name]?.phrases.find(
          (ph) => k - ph.words.length + 1 >= 0 && phraseAt(w, k - ph.words.length + 1, ph),
        );
        if (p) {
          found = k;
          first = k - p.words.length + 1;
        }
      } else if (t.kind === "source" || t.kind === "target" || t.kind === "compound") {
        const m = [...mentions].reverse().find((x) => x.last <= k && x.last >= lowest);
        if (m) {
          const group = coordination(m, mentions, w);
          found = m.last;
          first = group[0].first;
          if (t.kind === "compound") roles.source = roles.target = group;
          else roles[t.kind] = group;
        }
        break;
      } else if (t.kind === "skip") {
        found = k;
        first = k;
      }
      if (found >= 0) break;
    }
    if (found < 0) return null;
    if (t.kind === "word" || t.kind === "synset") score += found - first + 1;
    pos = first - 1;
  }
  return { score, roles };
}

function matchPattern(
  p: PetrPattern,
  tokens: readonly Token[],
  w: readonly string[],
  verb: VerbHit,
  window: { start: number; end: number },
  dicts: PetrarchDictionaries,
  mentions: readonly CodedMention[],
): PatternMatch | null {
  const before = p.tokens.slice(0, p.verbIndex);
  const after = p.tokens.slice(p.verbIndex + 1);
  const b = matchBefore(before, w, verb.i, window.start, dicts, mentions);
  if (!b) return null;
  const a = matchAfter(
    after,
    tokens,
    w,
    verb.i + verb.length,
    window.end,
    dicts,
    mentions,
    p.tokens[p.verbIndex].joined,
  );
  if (!a) return null;
  const roles = { ...b.roles, ...a.roles };
  return { code: p.code, score: a.score + b.score, source: roles.source ?? null, target: roles.target ?? null };
}

// ---------------------------------------------------------------------------------------------
// Coding

/** Turns coded mentions into the ActorMentions sitrep's role finder works on (one per code). */
function asActorMentions(tokens: readonly Token[], text: string, mentions: readonly CodedMention[]): ActorMention[] {
  return mentions.flatMap((m) => {
    const start = tokens[m.first].start;
    const end = tokens[m.last].end;
    return m.codes.map((code) => {
      const entry: ActorEntry = { id: code, canonical: code, aliases: [], inter: 1, kind: "other" };
      return { start, end, text: text.slice(start, end), entry, compound: m.codes.length > 1 };
    });
  });
}

const codeOk = (c: PetrCode | null | undefined): c is PetrCode => !!c && /^\d+[A-Z]?$/.test(c.code);

/** The verb's own code, else its block's; among several entries the first that codes an event. */
function defaultCode(v: VerbHit): PetrCode | null {
  for (const e of v.entries) {
    const c = e.verb.code ?? e.block.code;
    if (codeOk(c)) return c;
  }
  return v.verb.code ?? v.block.code;
}

/** "Barad - dur" → "Barad-dur": the dictionaries write hyphenated words as one ("BARAD-DUR", "STATE-OWNED"). */
function joinHyphens(tokens: readonly Token[], text: string): Token[] {
  const out: Token[] = [];
  const word = (t: Token | undefined) => !!t && /^[\p{L}\d]/u.test(t.text);
  for (const t of tokens) {
    const [a, h] = [out.at(-2), out.at(-1)];
    if (word(a) && h?.text === "-" && word(t) && a && a.end === h.start && h.end === t.start) {
      const joined = text.slice(a.start, t.end);
      const pos = a.pos === "PROPN" ? "PROPN" : t.pos === "NOUN" || t.pos === "PROPN" ? t.pos : "ADJ";
      out.splice(-2, 2, { ...a, end: t.end, text: joined, pos, lemma: joined.toLowerCase() });
    } else out.push(t);
  }
  return out;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Text copied from XML or HTML keeps its character references ("&amp;"): read them as the characters. */
function decodeEntities(text: string): string {
  return text.replace(/&(?:(amp|lt|gt|quot|apos|nbsp)|#(\d+)|#x([0-9a-f]+));/gi, (m, name, dec, hex) => {
    if (name) return ENTITIES[name.toLowerCase()] ?? m;
    const n = dec ? Number(dec) : Number.parseInt(hex, 16);
    return n > 0 && n < 0x110000 ? String.fromCodePoint(n) : m;
  });
}

const PASSIVE_AUX = new Set(["WAS", "WERE", "BEEN", "BEING", "IS", "ARE", "BE"]);

/** Codes a sentence: one set of triples per dictionary verb with a code and at least one actor. */
export function codePetrarchTriples(raw: string, dicts: PetrarchDictionaries, meta: PetrarchMeta): Triple[] {
  // "Dol_Amroth": an underscore joins the words of a name, as in the dictionaries
  const sentence = decodeEntities(raw).replace(/(?<=\p{L})_(?=\p{L})/gu, " ");
  if (findDiscard(sentence, dicts.discards)) return [];
  const { sentences, tokens: split } = tokenize(sentence);
  const tokens = joinHyphens(split, sentence);
  const w = words(tokens);
  const verbs = verbHits(tokens, w, dicts);
  const verbTokens = new Set(verbs.flatMap((v) => Array.from({ length: v.length }, (_, k) => v.i + k)));
  const mentions = codedMentions(tokens, w, dicts, meta.date, verbTokens);
  const actors = asActorMentions(tokens, sentence, mentions);
  const ad: AnnotatedDocument = {
    doc: { id: "petrarch", text: sentence, origin: "eval", contentHash: "" },
    sentences,
    tokens,
    places: [],
    relativePlaces: [],
    actors,
    times: [],
    quantities: [],
    attributions: [],
    modality: [],
    triggers: [],
  };
  const out: Triple[] = [];
  /** Token indexes of the verbs coded so far. */
  const coded: number[] = [];
  for (const v of verbs) {
    const first = tokens[v.i];
    const last = tokens[v.i + v.length - 1];
    const prev = w.slice(Math.max(0, v.i - 2), v.i).filter((x) => !x.endsWith("LY"));
    const trigger: TriggerMention = {
      start: first.start,
      end: last.end,
      text: sentence.slice(first.start, last.end),
      lemma: v.block.name,
      plover: "CONSULT",
      acled: null,
      frame: "other",
      // "was attacked", "was shot" (irregular participles too): a form of "be" before a verb not in -ing
      passive: !w[v.i + v.length - 1].endsWith("ING") && PASSIVE_AUX.has(prev.at(-1) ?? ""),
    };
    ad.triggers.push(trigger);
    let end = v.i + v.length;
    // "complete, full diplomatic ties": a comma between adjectives of one noun phrase ("full" may be tagged ADV)
    const adjective = (k: number) =>
      tokens[k]?.pos === "ADJ" || (tokens[k]?.pos === "ADV" && ["ADJ", "NOUN"].includes(tokens[k + 1]?.pos ?? ""));
    const listComma = (k: number) => w[k] === "," && tokens[k - 1]?.pos === "ADJ" && adjective(k + 1);
    while (end < w.length && (!VP_END.has(w[end]) || listComma(end))) end++;
    let start = v.i - 1;
    while (start >= 0 && !VP_END.has(w[start])) start--;
    // A verb in a subordinate clause ("after crowds trashed its embassy") or a trailing report ("…, AFP
    // reported") is not the sentence's event.
    const opener = w[start] ?? "";
    if (SUBORDINATOR.has(opener)) continue;
    // nor a participle opening the sentence ("Rebuked by Eriador, …, Osgiliath is …"): an adjunct clause
    if (v.i === 0 && /(?:ED|EN)$/.test(w[v.i + v.length - 1]) && w[end] === ",") continue;
    // nor is a verb of a relative clause ("raids in which Arnor spokesmen said …", "a woman who shot at …")
    if (w.slice(start + 1, v.i).some((x) => RELATIVE.has(x))) continue;
    // An infinitive or that-clause after a coded verb is its complement ("urged Bree to help", "allowed
    // that Mordor is … to visit"), part of that event rather than another one.
    const lastCoded = coded.at(-1);
    if (lastCoded !== undefined && lastCoded > start && w.slice(lastCoded, v.i).some((x) => x === "THAT" || x === "TO"))
      continue;
    if (opener === "," && REPORT_VERB.test(w[v.i]) && !w.slice(v.i + 1, end).includes("THAT")) continue;
    const window = { start: start + 1, end };
    let best: PatternMatch | null = null;
    for (const p of v.entries.flatMap((e) => e.block.patterns)) {
      const m = matchPattern(p, tokens, w, v, window, dicts, mentions);
      if (m && (!best || m.score > best.score)) best = m;
    }
    const code = best?.code ?? defaultCode(v);
    if (!code || !/^\d+[A-Z]?$/.test(code.code)) continue;
    coded.push(v.i);
    const sides = sidesOf(ad, trigger);
    const byMention = (list: ActorMention[]) =>
      mentions.filter((m) => list.some((a) => a.start === tokens[m.first].start));
    let source = best?.source ?? byMention(sides.side1);
    let target = best?.target ?? byMention(sides.side2);
    // a pattern's target before the verb ("NOTED + *": "X noted that Cirith Ungol regretted …"): the source is
    // the subject before that target
    const lead = best?.target?.[0];
    if (lead && !best?.source && lead.last < v.i && source.some((m) => target.includes(m))) {
      const at = tokens[lead.first - 1];
      if (at) source = byMention(sidesOf(ad, { ...trigger, start: at.start, end: at.end, passive: false }).side1);
    }
    if (!target.length && !trigger.passive) {
      const next = mentions.find((m) => m.first >= v.i + v.length && m.first < end);
      target = next ? coordination(next, mentions, w) : [];
    }
    const s = source.flatMap((m) => m.codes);
    const t = target.flatMap((m) => m.codes).filter((c) => !s.includes(c));
    if (!s.length && !t.length) continue;
    // A compound subject without an object: its members act on each other ("Gondor and Osgiliath delayed").
    const mutual = !t.length && s.length > 1;
    const pairs: [string | null, string | null][] = [];
    for (const a of s.length ? s : [null])
      for (const b of mutual ? s.filter((x) => x !== a) : t.length ? t : [null]) pairs.push([a, b]);
    for (const [a, b] of pairs) {
      out.push({ source: a, target: b, code: code.code });
      if (code.reciprocal && !mutual) out.push({ source: b, target: a, code: code.reciprocal });
    }
  }
  return out;
}
