// The actor dictionary: entries loaded from data/actors/*.json and from users' own files.
// A file is `{ "source": "...", "actors": ActorEntry[] }`; later files override earlier ids.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { ActorEntry } from "../model/types.ts";

const DATA_DIR = fileURLToPath(new URL("../../data/actors/", import.meta.url));
const INTER_CODES = new Set([1, 2, 3, 4, 5, 6, 7, 8]);

export interface ActorDictionary {
  entries: ActorEntry[];
  byId: Map<string, ActorEntry>;
}

/** Checks one entry and says what is wrong with it, naming the file. */
function validate(entry: ActorEntry, file: string): void {
  const where = `${file}: actor ${JSON.stringify(entry.id ?? entry.canonical)}`;
  if (!entry.id || !entry.canonical) throw new Error(`${where}: needs "id" and "canonical"`);
  if (!Array.isArray(entry.aliases)) throw new Error(`${where}: "aliases" must be a list`);
  if (!INTER_CODES.has(entry.inter)) throw new Error(`${where}: "inter" must be 1-8 (ACLED inter code)`);
}

/** Reads one dictionary file. */
export function readActorFile(path: string): ActorEntry[] {
  const parsed = JSON.parse(readFileSync(path, "utf8")) as { actors?: ActorEntry[] };
  if (!Array.isArray(parsed.actors)) throw new Error(`${path}: expected {"actors": [...]}`);
  for (const entry of parsed.actors) validate(entry, path);
  return parsed.actors;
}

/** Builds a dictionary from the bundled files plus `extraFiles` (users' own, loaded last). */
export function loadActorDictionary(extraFiles: string[] = []): ActorDictionary {
  const bundled = readdirSync(DATA_DIR)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => join(DATA_DIR, f));
  const byId = new Map<string, ActorEntry>();
  for (const file of [...bundled, ...extraFiles]) {
    for (const entry of readActorFile(file)) byId.set(entry.id, entry);
  }
  return { entries: [...byId.values()], byId };
}

let cached: ActorDictionary | undefined;

/** The dictionary with the bundled files and those listed in $SITREP_ACTORS (colon-separated paths). */
export function defaultActorDictionary(): ActorDictionary {
  if (!cached) {
    const extra = (process.env.SITREP_ACTORS ?? "").split(":").filter(Boolean);
    cached = loadActorDictionary(extra);
  }
  return cached;
}
