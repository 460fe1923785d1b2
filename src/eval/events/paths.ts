// Where the shared evaluation data lives: ../shared next to the repository unless SITREP_SHARED says otherwise.
// The data is read in place (GPL / CC BY-SA / MIT material that must not be copied into the repository).
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (two levels above src/eval/events). */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** $SITREP_SHARED, else ../shared relative to the repository root. */
export function defaultSharedDir(): string {
  return resolve(process.env.SITREP_SHARED || join(REPO_ROOT, "..", "shared"));
}

/**
 * The event evaluation directory: `<shared>/eval/events`, or `shared` itself when it already is that directory.
 * Null when neither exists.
 */
export function eventsDir(shared: string): string | null {
  const nested = join(shared, "eval", "events");
  if (existsSync(nested)) return nested;
  if (existsSync(join(shared, "case2021")) || existsSync(join(shared, "petrarch2"))) return shared;
  return null;
}

/** Thrown by loaders when an input file is absent; the runner turns it into a "skipped" line. */
export class MissingDataError extends Error {
  constructor(public readonly path: string) {
    super(`${path} not found (shared evaluation data is read in place from ../shared or $SITREP_SHARED)`);
    this.name = "MissingDataError";
  }
}

export function requireFile(path: string): string {
  if (!existsSync(path)) throw new MissingDataError(path);
  return path;
}
