// Where the database lives when the user does not say: $SITREP_DB, else the platform's per-user data folder.
import { mkdirSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, isAbsolute, join } from "node:path";

/**
 * `$SITREP_DB`, else `$XDG_DATA_HOME/sitrep/sitrep.db` (absolute paths only, per the XDG spec), else the
 * platform default: ~/Library/Application Support (macOS), %APPDATA% (Windows), ~/.local/share (others).
 */
export function defaultDbPath(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.SITREP_DB) return env.SITREP_DB;
  if (env.XDG_DATA_HOME && isAbsolute(env.XDG_DATA_HOME)) return join(env.XDG_DATA_HOME, "sitrep", "sitrep.db");
  if (platform === "darwin") return join(home, "Library", "Application Support", "sitrep", "sitrep.db");
  if (platform === "win32") return join(env.APPDATA || join(home, "AppData", "Roaming"), "sitrep", "sitrep.db");
  return join(home, ".local", "share", "sitrep", "sitrep.db");
}

/** Creates the folder that will hold a database file (nothing to do for in-memory databases). */
export function ensureDbDir(path: string): void {
  if (path === ":memory:" || path === "" || path.startsWith("file:")) return;
  mkdirSync(dirname(path), { recursive: true });
}
