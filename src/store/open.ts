// Picks the backend: PostgreSQL when given a database URL (or $SITREP_DATABASE_URL is set), else the SQLite file.
// The PostgreSQL backend (and the pg driver) is loaded only when used, so SQLite users pay nothing for it.
import type { Store } from "./interface.ts";
import { defaultDbPath } from "./paths.ts";
import { openSqliteStore } from "./sqlite/index.ts";

/** Whether `s` names a PostgreSQL database rather than a file: a postgres:// or postgresql:// URL. */
export function isPostgresUrl(s: string): boolean {
  return /^postgres(ql)?:\/\//i.test(s);
}

export interface OpenOptions {
  /** SQLite file (a postgres:// URL here counts as `url`). */
  db?: string;
  /** PostgreSQL URL, postgres://user:password@host:port/database. */
  url?: string;
  /** PostgreSQL schema (default $SITREP_PG_SCHEMA, else public). */
  schema?: string;
  /** SQLite only: documents per write transaction (see SqliteStoreOptions.group), for bulk ingest. */
  group?: number;
  /** Records a fusion pass reads and fuses at a time (default FUSION_CHUNK, 20,000; tests use small ones). */
  fusionChunk?: number;
}

export interface StoreTarget {
  kind: "postgres" | "sqlite";
  /** The file path, or the URL (password masked when `display`). */
  location: string;
}

/**
 * Where `openStore(opts)` will store: an explicit `url` (or a URL given as `db`), else an explicit `db` file,
 * else $SITREP_DATABASE_URL, else the default SQLite file ($SITREP_DB, else the user's data directory).
 */
export function storeTarget(opts: OpenOptions = {}, env: NodeJS.ProcessEnv = process.env): StoreTarget {
  if (opts.url) return { kind: "postgres", location: opts.url };
  if (opts.db)
    return isPostgresUrl(opts.db) ? { kind: "postgres", location: opts.db } : { kind: "sqlite", location: opts.db };
  if (env.SITREP_DATABASE_URL) return { kind: "postgres", location: env.SITREP_DATABASE_URL };
  return { kind: "sqlite", location: defaultDbPath(env) };
}

/** The target for messages: a URL's password replaced by "***". */
export function describeTarget(t: StoreTarget): string {
  if (t.kind === "sqlite") return t.location;
  try {
    const u = new URL(t.location);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(PostgreSQL)";
  }
}

/** Opens the store `storeTarget(opts)` names, applying pending migrations. */
export async function openStore(opts: OpenOptions = {}, env: NodeJS.ProcessEnv = process.env): Promise<Store> {
  const target = storeTarget(opts, env);
  const { fusionChunk } = opts;
  if (target.kind === "sqlite") return openSqliteStore(target.location, { group: opts.group, fusionChunk });
  const { openPostgresStore } = await import("./postgres/index.ts");
  const schema = opts.schema ?? (env.SITREP_PG_SCHEMA || undefined);
  return openPostgresStore(target.location, { schema, fusionChunk });
}
