// `sitrep demo` (what `npm start` runs): ingests the bundled sample and shows what came out; with --serve, then
// serves it with the web map until Ctrl-C.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { EventRecord } from "../../../model/types.ts";
import { defaultDbPath } from "../../../store/paths.ts";
import { openSqliteStore } from "../../../store/sqlite/index.ts";
import { parse, str } from "../args.ts";
import { ingest } from "./ingest.ts";
import { serve, WEB_DIST } from "./serve.ts";
import type { Command } from "./types.ts";

const SAMPLE = fileURLToPath(new URL("../../../../data/sample/fakes-sample.jsonl", import.meta.url));

/** A few telling events: located, with an initiator, dated, one per document, most confident first. */
function examples(events: EventRecord[]): EventRecord[] {
  const seen = new Set<string>();
  return events
    .filter((e) => e.time.start && e.actors.some((a) => a.role === "actor1") && e.modality === "occurred")
    .sort((a, b) => b.confidence - a.confidence || (b.time.start ?? "").localeCompare(a.time.start ?? ""))
    .filter((e) => !seen.has(e.doc) && seen.add(e.doc))
    .slice(0, 5);
}

export const demo: Command = {
  summary: "ingest the bundled sample (120 Syria war articles), print a summary and optionally serve the map",
  help: `Usage: sitrep demo [--db FILE] [--serve [--port N]]

Ingests data/sample/fakes-sample.jsonl (120 articles of the FA-KES corpus, CC BY 4.0) into the database and
prints how many events, control claims and located events it holds, with a few examples.

Options:
  --db FILE    database file (default: $SITREP_DB, else the user's data directory)
  --serve      then serve the database and the web map (web/dist, built by \`npm run build:web\`) on
               127.0.0.1 and print its URL, until Ctrl-C (what \`npm start\` does)
  --port N     port for --serve (default 8080; 0 picks a free one)
`,
  async run(args) {
    const { values } = parse(args, { db: { type: "string" }, serve: { type: "boolean" }, port: { type: "string" } });
    const db = str(values.db) ?? defaultDbPath();
    const started = performance.now();
    const code = await ingest.run([SAMPLE, "--db", db]);
    const seconds = (performance.now() - started) / 1000;
    const store = openSqliteStore(db);
    try {
      const all = await store.queryEvents({ limit: 100000 });
      const located = all.filter((e) => e.location?.lat != null);
      const occurred = all.filter((e) => e.modality === "occurred");
      const byType = new Map<string, number>();
      for (const e of all) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
      const lines = [
        `sitrep demo: ${db}`,
        `  ${all.length} events (${occurred.length} occurred, ${located.length} located) in ${seconds.toFixed(1)} s`,
        `  by type: ${[...byType]
          .sort((a, b) => b[1] - a[1])
          .map(([t, n]) => `${t} ${n}`)
          .join(", ")}`,
        "  examples:",
        ...examples(located).map((e) => {
          const who =
            e.actors
              .filter((a) => a.role === "actor1")
              .map((a) => a.name)
              .join(", ") || "?";
          return `    ${e.time.start ?? "undated"}  ${e.type} (${e.modality})  ${who} @ ${e.location?.name}  — "${e.evidence[0]?.text.slice(0, 80)}…"`;
        }),
        "Query it: npm run -s sitrep -- events --type ASSAULT --format geojson > events.geojson",
      ];
      process.stdout.write(`${lines.join("\n")}\n`);
    } finally {
      await store.close();
    }
    if (!values.serve) return code;
    const map = existsSync(join(WEB_DIST, "index.html"));
    process.stdout.write(
      map
        ? "\nThe map of these events (open in a browser; Ctrl-C stops):\n"
        : "\nThe web map is not built (npm run build:web); serving the API only (Ctrl-C stops):\n",
    );
    return serve.run(["--db", db, ...(str(values.port) ? ["--port", str(values.port) as string] : [])]);
  },
};
