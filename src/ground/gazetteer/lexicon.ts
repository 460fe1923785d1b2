// Word lists that decide whether a gazetteer match is a place mention: people, organisations, identities,
// titles, given names, demonyms (data/gazetteer/context-words.tsv and demonyms.tsv), keyed by normalised text.
import { join } from "node:path";
import { normalizeName } from "./normalize.ts";
import { DATA_DIR, readTsv } from "./sources.ts";

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
  | "name-prefix";

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
  const none = new Set<ContextKind>();
  return {
    kinds: (text) => kinds.get(normalizeName(text)) ?? none,
    has: (text, kind) => kinds.get(normalizeName(text))?.has(kind) ?? false,
    demonym: (text) => demonyms.get(normalizeName(text)),
    regionDemonym: (text) => regions.get(normalizeName(text)),
    demonymMention: (text) => demonyms.has(normalizeName(text)) && !languages.has(normalizeName(text)),
  };
}

let shared: Lexicon | null = null;

/** The shared word lists, loaded on first use. */
export function getLexicon(): Lexicon {
  shared ??= load();
  return shared;
}
