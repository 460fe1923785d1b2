// `sitrep serve`: the HTTP API (and the web map, when built) over the database, until SIGINT or SIGTERM.
import { fileURLToPath } from "node:url";
import type { Document, OutputRecord } from "../../../model/types.ts";
import type { ExtractResult } from "../../../run/extract-worker.ts";
import { createExtractPool, type WorkerPool } from "../../../run/pool.ts";
import { describeTarget, openStore, storeTarget } from "../../../store/open.ts";
import type { Extractor } from "../../http/ingest.ts";
import { startServer } from "../../http/server.ts";
import { list, parse, str, UsageError } from "../args.ts";
import type { Command } from "./types.ts";

const DEFAULT_PORT = 8080;
/** The web map built by `npm run build:web`; served at / when it exists. */
export const WEB_DIST = fileURLToPath(new URL("../../../../web/dist", import.meta.url));

export const serve: Command = {
  summary: "serve the stored events over HTTP (GeoJSON, documents, control timeline, ingest)",
  help: `Usage: sitrep serve [--db FILE] [--port N] [--host H] [--static DIR] [--allow-origin ORIGINS]

Serves the database as a JSON API until interrupted (Ctrl-C):
  GET  /api/events            events as GeoJSON (bbox, from, to, type, acled, actor, modality, q, …)
  GET  /api/events/ID         one event with its evidence
  GET  /api/documents/ID      a document with its evidence spans (?format=html to read it highlighted)
  GET  /api/control?place=P   control claims for a place, as a timeline
  POST /api/ingest            extract and store documents (needs the write token)
  GET  /api/openapi.json      the OpenAPI 3.1 description;  GET /api/health
See docs/api.md.

Writes: set SITREP_TOKEN in the environment to allow POST /api/ingest with
"Authorization: Bearer $SITREP_TOKEN"; without it the server is read-only. Posted documents are
extracted on a worker thread, so reads go on being served meanwhile.

Options:
  --db FILE|URL          database file or postgres:// URL (default: $SITREP_DATABASE_URL, else
                         $SITREP_DB, else the user's data directory)
  --port N               port (default ${DEFAULT_PORT}; 0 picks a free one)
  --host H               interface to listen on (default 127.0.0.1, this machine only)
  --static DIR           serve a built web app from DIR at / (default: the web map in web/dist,
                         when \`npm run build:web\` has built it; --static '' serves none)
  --allow-origin LIST    comma list of origins allowed by CORS (default: none)

Examples:
  sitrep serve --db war.db
  SITREP_TOKEN=$(openssl rand -hex 32) sitrep serve --port 9000
  curl 'http://127.0.0.1:${DEFAULT_PORT}/api/events?bbox=35.5,32.3,42.4,37.4&type=ASSAULT'

Exit status: 0 after an interrupt; 2 usage error; 3 the database or the port could not be opened.
`,
  async run(args) {
    const { values, positionals } = parse(args, {
      db: { type: "string" },
      port: { type: "string" },
      host: { type: "string" },
      static: { type: "string" },
      "allow-origin": { type: "string" },
    });
    if (positionals.length) throw new UsageError(`serve takes no PATH (got ${positionals[0]})`);
    const port = Number(str(values.port) ?? DEFAULT_PORT);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError("--port must be 0…65535");
    const host = str(values.host) ?? "127.0.0.1";
    const token = process.env.SITREP_TOKEN || undefined;
    const target = storeTarget({ db: str(values.db) });
    const store = await openStore({ db: str(values.db) });
    const extraction = token ? workerExtractor() : undefined;
    let server: Awaited<ReturnType<typeof startServer>>;
    try {
      server = await startServer({
        store,
        port,
        host,
        token,
        extract: extraction?.extract,
        staticDir: str(values.static) ?? WEB_DIST,
        allowOrigins: list(values["allow-origin"]),
      });
    } catch (e) {
      await extraction?.close();
      await store.close();
      throw e;
    }
    process.stdout.write(`${server.url}\n`);
    process.stderr.write(
      `sitrep: serving ${describeTarget(target)} (${token ? "writes allowed with the token" : "read-only: SITREP_TOKEN not set"})` +
        `${isLoopback(host) ? "" : `; listening on ${host}, reachable from other machines`}; Ctrl-C to stop\n`,
    );
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        resolve();
      };
      process.on("SIGINT", stop);
      process.on("SIGTERM", stop);
    });
    await server.close();
    await extraction?.close();
    await store.close();
    return 0;
  },
};

/** Extraction for POST /api/ingest on one worker thread, started with the first posted document. */
function workerExtractor(): { extract: Extractor; close: () => Promise<void> } {
  let pool: WorkerPool<Document, ExtractResult> | undefined;
  return {
    async extract(doc): Promise<OutputRecord[]> {
      pool ??= createExtractPool({ task: "records", warm: true }, { workers: 1 });
      const result = await pool.run(doc);
      if (!result.ok) throw new Error(result.error);
      return result.value.records ?? [];
    },
    close: async () => pool?.close(),
  };
}

function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || host.startsWith("127.");
}
