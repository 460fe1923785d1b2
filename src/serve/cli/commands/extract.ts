// `sitrep extract` and `sitrep places`: print records for the inputs, nothing stored.
import { extractDocument, placeRecords } from "../../../extract.ts";
import type { Document } from "../../../model/types.ts";
import { createWriter, FORMATS, isFormat } from "../../export/index.ts";
import { parse, str, UsageError } from "../args.ts";
import { runBatch } from "../batch.ts";
import type { Command } from "./types.ts";

const write = (s: string) => {
  if (s) process.stdout.write(s);
};

export const extract: Command = {
  summary: "print events and control claims found in the inputs",
  help: `Usage: sitrep extract PATH… [--format F] [--published DATE]

Reads .txt, .html/.htm, RSS/Atom feeds (.xml/.rss/.atom), .jsonl (one document per line) or - (stdin), and
prints the events and control claims it finds. Nothing is stored (see "sitrep ingest").

Options:
  --format F          jsonl (default), json, geojson, acled-csv, plover
  --published DATE    publication date (YYYY-MM-DD) for inputs that lack one; relative dates
                      ("on Saturday", "this weekend") stay unresolved without it

Examples:
  sitrep extract report.txt --published 2017-01-16
  sitrep extract news.jsonl --format geojson > events.geojson
  curl -s https://example.org/feed.xml | sitrep extract - --format acled-csv

Exit status: 0 all inputs read; 1 some input failed (reported on stderr, the rest printed); 2 usage error.
`,
  async run(args) {
    const { values, positionals } = parse(args, { format: { type: "string" }, published: { type: "string" } });
    const format = str(values.format) ?? "jsonl";
    if (!isFormat(format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}`);
    if (!positionals.length) throw new UsageError("extract needs at least one PATH (or - for stdin)");
    const docs = new Map<string, Document>();
    const writer = createWriter(format, docs);
    write(writer.header());
    const result = await runBatch(positionals, str(values.published), (doc) => {
      const { records } = extractDocument(doc);
      docs.set(doc.id, { ...doc, text: "" });
      for (const r of records) write(writer.row(r));
    });
    write(writer.footer());
    return result.failed ? 1 : 0;
  },
};

export const places: Command = {
  summary: "print the place mentions found in the inputs, resolved through the gazetteer",
  help: `Usage: sitrep places PATH… [--format jsonl|json] [--published DATE]

Prints one record per place mention: toponyms resolved through the gazetteer (lat/lon null when
unresolved), then relative expressions ("40km west of Palmyra") with their anchor, radius and precision.

Examples:
  sitrep places report.txt
  sitrep places news.jsonl --format json > places.json
`,
  async run(args) {
    const { values, positionals } = parse(args, { format: { type: "string" }, published: { type: "string" } });
    const format = str(values.format) ?? "jsonl";
    if (format !== "jsonl" && format !== "json") throw new UsageError("--format must be jsonl or json");
    if (!positionals.length) throw new UsageError("places needs at least one PATH (or - for stdin)");
    const all: unknown[] = [];
    const result = await runBatch(positionals, str(values.published), (doc) => {
      const { annotated } = extractDocument(doc);
      for (const p of placeRecords(annotated)) {
        if (format === "jsonl") write(`${JSON.stringify(p)}\n`);
        else all.push(p);
      }
    });
    if (format === "json") write(`${JSON.stringify(all, null, 1)}\n`);
    return result.failed ? 1 : 0;
  },
};
