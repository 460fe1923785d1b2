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
}

function load(): Lexicon {
  const kinds = new Map<string, Set<ContextKind>>();
  for (const r of readTsv(join(DATA_DIR, "context-words.tsv"))) {
    const key = normalizeName(r.word);
    const set = kinds.get(key) ?? new Set<ContextKind>();
    set.add(r.kind as ContextKind);
    kinds.set(key, set);
  }
  const demonyms = new Map(readTsv(join(DATA_DIR, "demonyms.tsv")).map((r) => [normalizeName(r.demonym), r.country]));
  const none = new Set<ContextKind>();
  return {
    kinds: (text) => kinds.get(normalizeName(text)) ?? none,
    has: (text, kind) => kinds.get(normalizeName(text))?.has(kind) ?? false,
    demonym: (text) => demonyms.get(normalizeName(text)),
  };
}

let shared: Lexicon | null = null;

/** The shared word lists, loaded on first use. */
export function getLexicon(): Lexicon {
  shared ??= load();
  return shared;
}
