// Actor recognition: dictionary aliases ("Syrian Arab Army", "ISIS", "Daesh"), nationality + force noun
// phrases ("Russian special forces", "Russian/Syrian/Iranian military"), units of an army ("5th Legion of
// the Syrian Arab Army"), and country names acting as subjects ("Russia said").
import { readFileSync } from "node:fs";
import { type ActorDictionary, defaultActorDictionary } from "../ground/actors.ts";
import { firstIndex } from "../model/spans.ts";
import type { ActorEntry, ActorMention, AnnotatedDocument, Recognizer } from "../model/types.ts";

const FORCE = JSON.parse(readFileSync(new URL("../../data/lexicon/force-nouns.json", import.meta.url), "utf8")) as {
  modifiers: string[];
  military: string[];
  government: string[];
  plural_demonyms: Record<string, string | null>;
};

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const alternation = (words: string[]) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map(escapeRe)
    .join("|");
const isAcronym = (s: string) => /^[A-Z.]{2,6}$/.test(s.replace(/\./g, "")) && s === s.toUpperCase();
/** Words before a country name that make it a place, not an actor ("in Syria", "to Russia"). */
const PLACE_PREPOSITION =
  /\b(in|into|to|from|across|throughout|near|of|at|inside|within|outside|over|around|toward|towards|for|with|and|by)\s+(the\s+)?$/i;

const MEMBERS = /^\s+(?:fighters|militants|members|soldiers|troops|forces|terrorists|jihadists|gunmen|units|rebels)\b/;

interface Matcher {
  alias: RegExp;
  /** `alias`, sticky: matches only at its `lastIndex`. */
  aliasAt: RegExp;
  aliasTable: Map<string, { entry: ActorEntry; exact: string }[]>;
  force: RegExp;
  demonymTable: Map<string, { military?: ActorEntry; government?: ActorEntry }>;
  countries: RegExp;
  countryTable: Map<string, ActorEntry>;
  byId: Map<string, ActorEntry>;
}

function buildMatcher(dict: ActorDictionary): Matcher {
  const aliasTable = new Map<string, { entry: ActorEntry; exact: string }[]>();
  const demonymTable = new Map<string, { military?: ActorEntry; government?: ActorEntry }>();
  const countryTable = new Map<string, ActorEntry>();
  for (const entry of dict.entries) {
    for (const alias of entry.aliases) {
      const key = alias.toLowerCase();
      const list = aliasTable.get(key) ?? [];
      list.push({ entry, exact: alias });
      aliasTable.set(key, list);
    }
    for (const dem of entry.demonyms ?? []) {
      const slot = demonymTable.get(dem.toLowerCase()) ?? {};
      slot.military = entry;
      demonymTable.set(dem.toLowerCase(), slot);
    }
    if (entry.countryName) countryTable.set(entry.countryName.toLowerCase(), entry);
  }
  // Governments share their military's demonyms.
  for (const entry of dict.entries) {
    if (!entry.countryName) continue;
    const military = dict.entries.find((e) => e.country === entry.country && e.demonyms);
    for (const dem of military?.demonyms ?? []) {
      const slot = demonymTable.get(dem.toLowerCase()) ?? {};
      slot.government = entry;
      demonymTable.set(dem.toLowerCase(), slot);
    }
  }
  const dems = alternation([...demonymTable.keys()]);
  const mods = alternation(FORCE.modifiers);
  const heads = alternation([...FORCE.military, ...FORCE.government]);
  const force = new RegExp(
    `(?<![\\w-])(?:the\\s+)?((?:${dems})(?:\\s*(?:/|-|,|and|&)\\s*(?:the\\s+)?(?:${dems}))*)(?:\\s+(?:${mods})(?:-\\w+)?)*\\s+(${heads})(?![\\w-])`,
    "gi",
  );
  const alias = new RegExp(`(?<![\\w-])(${alternation([...aliasTable.keys()])})(?![\\w-]|\\.\\w)`, "gi");
  const countries = new RegExp(`(?<![\\w-])(${alternation([...countryTable.keys()])})(?![\\w-])`, "gi");
  const aliasAt = new RegExp(alias.source, "iy");
  return { alias, aliasAt, aliasTable, force, demonymTable, countries, countryTable, byId: dict.byId };
}

/** The alias entries whose case fits the text: acronyms ("IS", "WHO", "US") must match exactly. */
function aliasEntries(m: Matcher, text: string): ActorEntry[] {
  const list = m.aliasTable.get(text.toLowerCase()) ?? [];
  return list.filter((a) => !isAcronym(a.exact) || a.exact === text).map((a) => a.entry);
}

interface Span {
  start: number;
  end: number;
}

/**
 * The spans found so far, sorted by start, with the longest length: "does this overlap any of them" is a binary
 * search and a short scan rather than a pass over all of them (which made long documents quadratic).
 */
class Taken {
  private sorted: Span[] = [];
  private longest = 0;

  add(s: Span): void {
    this.sorted.splice(this.firstFrom(s.start), 0, s);
    this.longest = Math.max(this.longest, s.end - s.start);
  }

  overlaps(a: Span): boolean {
    for (let i = this.firstFrom(a.start - this.longest + 1); i < this.sorted.length; i++) {
      const b = this.sorted[i];
      if (b.start >= a.end) return false;
      if (a.start < b.end) return true;
    }
    return false;
  }

  /** Index of the first span starting at or after `offset`. */
  private firstFrom(offset: number): number {
    return firstIndex(this.sorted, (s) => s.start >= offset);
  }
}

/** Finds actor mentions in `text`. Longer phrases win over the shorter ones inside them. */
export function findActors(text: string, m: Matcher): ActorMention[] {
  const found: ActorMention[] = [];
  const taken = new Taken();
  const keep = (mention: ActorMention) => {
    found.push(mention);
    taken.add(mention);
  };
  // 1. nationality + force noun, possibly compound ("Russian/Syrian/Iranian military").
  for (const match of text.matchAll(m.force)) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    const head = match[2].toLowerCase();
    const government = FORCE.government.includes(head);
    const dems = match[1].split(/\s*(?:\/|-|,|\band\b|&)\s*(?:the\s+)?/i).filter(Boolean);
    const entries = dems
      .map((d) => m.demonymTable.get(d.toLowerCase()))
      .map((slot) => (government ? (slot?.government ?? slot?.military) : (slot?.military ?? slot?.government)))
      .filter((e): e is ActorEntry => !!e);
    for (const entry of entries) {
      keep({ start, end, text: match[0], entry, compound: entries.length > 1 });
    }
  }
  // 2. dictionary aliases.
  for (const match of text.matchAll(m.alias)) {
    let start = match.index ?? 0;
    let found = match[0];
    // "the Islamic State of Iraq and the Levant": an alias with its article ("the Islamic State") gives way to a
    // longer one right after the article
    const article = /^the\s+/i.exec(found)?.[0];
    if (article) {
      m.aliasAt.lastIndex = start + article.length;
      const longer = m.aliasAt.exec(text)?.[0];
      if (longer && longer.length > found.length - article.length && aliasEntries(m, longer).length) {
        start += article.length;
        found = longer;
      }
    }
    const span = { start, end: start + found.length };
    if (taken.overlaps(span)) continue;
    const entries = aliasEntries(m, found);
    if (!entries.length) continue;
    // "Daesh fighters", "HTS militants": the members' noun belongs to the group's mention
    const members = text.slice(span.end, span.end + 14).match(MEMBERS);
    if (members) span.end += members[0].length;
    keep({ ...span, text: text.slice(span.start, span.end), entry: entries[0] });
  }
  // 3. plural demonyms as actors ("the Russians and the Syrians").
  for (const [word, iso] of Object.entries(FORCE.plural_demonyms)) {
    if (!iso) continue;
    const military = [...m.byId.values()].find((e) => e.country === iso && e.demonyms);
    if (!military) continue;
    for (const match of text.matchAll(new RegExp(`(?<![\\w-])${word}(?![\\w-])`, "g"))) {
      const span = { start: match.index ?? 0, end: (match.index ?? 0) + word.length };
      if (!taken.overlaps(span)) keep({ ...span, text: word, entry: military });
    }
  }
  // 4. country names as actors, unless a preposition makes them places ("in Syria").
  for (const match of text.matchAll(m.countries)) {
    const start = match.index ?? 0;
    const span = { start, end: start + match[0].length };
    if (!/^[A-Z]/.test(match[0]) || taken.overlaps(span)) continue;
    if (PLACE_PREPOSITION.test(text.slice(Math.max(0, start - 30), start))) continue;
    if (
      /^\s*(?:'s\s+)?(?:countryside|province|governorate|border|city|capital)\b/i.test(
        text.slice(span.end, span.end + 20),
      )
    )
      continue;
    const entry = m.countryTable.get(match[0].toLowerCase());
    if (entry) keep({ ...span, text: match[0], entry });
  }
  return mergeGeneric(text, mergeUnits(text, found, m)).sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Entries that name a kind of actor without saying whose ("soldiers", "police", "gunmen"). */
const GENERIC = new Set(["state-forces", "police-forces", "unidentified"]);

/** "soldiers from the Russian special forces", "fighters of the Islamic State": a generic noun followed by
 * whose it is becomes one mention of the named actor. */
function mergeGeneric(text: string, mentions: ActorMention[]): ActorMention[] {
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  const drop = new Set<ActorMention>();
  for (let i = 0; i + 1 < sorted.length; i++) {
    const generic = sorted[i];
    if (!GENERIC.has(generic.entry.id)) continue;
    const owners = sameStart(sorted, sorted[i + 1].start).filter((x) => !GENERIC.has(x.entry.id));
    if (!owners.length || !/^\s+(?:from|of)\s+(?:the\s+)?$/i.test(text.slice(generic.end, owners[0].start))) continue;
    for (const owner of owners) {
      owner.start = generic.start;
      owner.text = text.slice(owner.start, owner.end);
    }
    drop.add(generic);
  }
  return sorted.filter((x) => !drop.has(x));
}

/** The items of `sorted` (sorted by start) that start at `start`, in order. */
function sameStart<T extends Span>(sorted: T[], start: number): T[] {
  const out: T[] = [];
  for (let i = firstIndex(sorted, (m) => m.start >= start); i < sorted.length && sorted[i].start === start; i++)
    out.push(sorted[i]);
  return out;
}

/** "5th Legion of the Syrian Arab Army": a unit and its parent army become one mention of the unit. */
function mergeUnits(text: string, mentions: ActorMention[], m: Matcher): ActorMention[] {
  const sorted = [...mentions].sort((a, b) => a.start - b.start);
  const drop = new Set<ActorMention>();
  for (let i = 0; i + 1 < sorted.length; i++) {
    const unit = sorted[i];
    const army = sorted[i + 1];
    if (!unit.entry.parent) continue;
    const parent = m.byId.get(unit.entry.parent);
    if (parent?.country !== army.entry.country) continue;
    if (!/^\s+of\s+(the\s+)?$/i.test(text.slice(unit.end, army.start))) continue;
    unit.end = army.end;
    unit.text = text.slice(unit.start, unit.end);
    drop.add(army);
  }
  return sorted.filter((x) => !drop.has(x));
}

let defaultMatcher: Matcher | undefined;

export function actorMatcher(dict: ActorDictionary = defaultActorDictionary()): Matcher {
  if (dict === defaultActorDictionary()) {
    defaultMatcher ??= buildMatcher(dict);
    return defaultMatcher;
  }
  return buildMatcher(dict);
}

export const actorsRecognizer: Recognizer = {
  name: "actors",
  run(ad: AnnotatedDocument) {
    ad.actors = findActors(ad.doc.text, actorMatcher());
  },
};
