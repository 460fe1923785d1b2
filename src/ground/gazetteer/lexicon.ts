// Word lists that decide whether a gazetteer match is a place mention: people, organisations, identities,
// titles, given names, demonyms (data/gazetteer/context-words.tsv and demonyms.tsv), keyed by normalised text.
import { join } from "node:path";
import { normalizeName } from "./normalize.ts";
import { DATA_DIR, readFirstNames, readTsv } from "./sources.ts";

export type ContextKind =
  | "person"
  | "title"
  | "given"
  | "ambiguous"
  | "org"
  | "identity"
  | "org-prefix"
  | "org-suffix"
  | "not-place"
  | "name-prefix"
  | "not-given";

export interface Lexicon {
  /** Kinds of a word or phrase ("jordan" → ambiguous). */
  kinds(text: string): Set<ContextKind>;
  has(text: string, kind: ContextKind): boolean;
  /** Country code of a demonym ("Syrian" → "SY"). */
  demonym(text: string): string | undefined;
  /** Whether a demonym is read as a mention of its country: not those that mostly name a language ("French"). */
  demonymMention(text: string): boolean;
  /** The continent or region of a demonym that names no one country ("European" → "Europe"). */
  regionDemonym(text: string): string | undefined;
  /**
   * Whether a word is a common English given name (`readFirstNames`), place name or not ("Roy", "Austin"): only
   * ever read of the word before a name ("Roy Jones"), never of the name itself.
   */
  firstName(text: string): boolean;
}

/** A given name with one of these kinds is not read as one: place-name words ("Port"), months ("May"). */
const NOT_GIVEN: ContextKind[] = ["not-given", "not-place", "name-prefix"];

/** Past this many texts, the memo of `load`'s lexicon starts afresh. */
const MEMO_LIMIT = 50_000;

interface Entry {
  kinds: Set<ContextKind> | undefined;
  demonym: string | undefined;
  region: string | undefined;
  mention: boolean;
  first: boolean;
}

function load(): Lexicon {
  const kinds = new Map<string, Set<ContextKind>>();
  for (const r of readTsv(join(DATA_DIR, "context-words.tsv"))) {
    const key = normalizeName(r.word);
    const set = kinds.get(key) ?? new Set<ContextKind>();
    set.add(r.kind as ContextKind);
    kinds.set(key, set);
  }
  const rows = readTsv(join(DATA_DIR, "demonyms.tsv"));
  const demonyms = new Map(rows.map((r) => [normalizeName(r.demonym), r.country]));
  const regions = new Map(rows.filter((r) => r.region).map((r) => [normalizeName(r.demonym), r.region]));
  const languages = new Set(rows.filter((r) => r.mention === "no").map((r) => normalizeName(r.demonym)));
  const firstNames = new Set(readFirstNames().map(normalizeName));
  const none = new Set<ContextKind>();
  // Everything the lists say of a text, by the text as asked: the recogniser asks several questions of each
  // word, again and again, and one look-up here replaces a normalisation and a look-up per question.
  const entries = new Map<string, Entry>();
  const entry = (text: string): Entry => {
    let e = entries.get(text);
    if (!e) {
      const key = normalizeName(text);
      e = {
        kinds: kinds.get(key),
        demonym: demonyms.get(key),
        region: regions.get(key),
        mention: demonyms.has(key) && !languages.has(key),
        first: firstNames.has(key) && !NOT_GIVEN.some((k) => kinds.get(key)?.has(k)),
      };
      if (entries.size >= MEMO_LIMIT) entries.clear();
      entries.set(text, e);
    }
    return e;
  };
  return {
    kinds: (text) => entry(text).kinds ?? none,
    has: (text, kind) => entry(text).kinds?.has(kind) ?? false,
    demonym: (text) => entry(text).demonym,
    regionDemonym: (text) => entry(text).region,
    demonymMention: (text) => entry(text).mention,
    firstName: (text) => entry(text).first,
  };
}

let shared: Lexicon | null = null;

/** The shared word lists, loaded on first use. */
export function getLexicon(): Lexicon {
  shared ??= load();
  return shared;
}
