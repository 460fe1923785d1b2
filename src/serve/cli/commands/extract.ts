// `sitrep extract` and `sitrep places`: print records for the inputs, nothing stored.
import type { Document } from "../../../model/types.ts";
import { createWriter, FORMATS, isFormat } from "../../export/index.ts";
import { parse, str, UsageError } from "../args.ts";
import { learnHomes, OUTLET_HOMES_HELP, runParallelBatch, WORKERS_HELP, workersOption } from "../parallel.ts";
import type { Command } from "./types.ts";

const write = (s: string) => {
  if (s) process.stdout.write(s);
};

export const extract: Command = {
  summary: "print events and control claims found in the inputs",
  help: `Usage: sitrep extract PATH… [--format F] [--published DATE] [--workers N] [--outlet-homes]

Reads .txt, .html/.htm, RSS/Atom feeds (.xml/.rss/.atom), .jsonl (one document per line) or - (stdin), and
prints the events and control claims it finds. Nothing is stored (see "sitrep ingest").

Options:
  --format F          jsonl (default), json, geojson, acled-csv, plover
  --published DATE    publication date (YYYY-MM-DD) for inputs that lack one; relative dates
                      ("on Saturday", "this weekend") stay unresolved without it
${WORKERS_HELP}
${OUTLET_HOMES_HELP}

Examples:
  sitrep extract report.txt --published 2017-01-16
  sitrep extract news.jsonl --format geojson > events.geojson
  sitrep extract local-news.jsonl --outlet-homes
  curl -s https://example.org/feed.xml | sitrep extract - --format acled-csv

Exit status: 0 all inputs read; 1 some input failed (reported on stderr, the rest printed); 2 usage error.
`,
  async run(args) {
    const { values, positionals } = parse(args, {
      format: { type: "string" },
      published: { type: "string" },
      workers: { type: "string" },
      "outlet-homes": { type: "boolean" },
    });
    const format = str(values.format) ?? "jsonl";
    if (!isFormat(format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}`);
    if (!positionals.length) throw new UsageError("extract needs at least one PATH (or - for stdin)");
    const workers = workersOption(values.workers);
    const docs = new Map<string, Document>();
    const writer = createWriter(format, docs);
    write(writer.header());
    const homes = values["outlet-homes"]
      ? (await learnHomes(positionals, str(values.published), workers)).homes
      : undefined;
    const options = { task: "records", workers, homes } as const;
    const result = await runParallelBatch(positionals, str(values.published), options, (doc, { records = [] }) => {
      docs.set(doc.id, { ...doc, text: "" });
      for (const r of records) write(writer.row(r));
    });
    write(writer.footer());
    return result.failed ? 1 : 0;
  },
};

export const places: Command = {
  summary: "print the place mentions found in the inputs, resolved through the gazetteer",
  help: `Usage: sitrep places PATH… [--format jsonl|json] [--published DATE] [--workers N] [--outlet-homes]

Prints one record per place mention: toponyms resolved through the gazetteer (lat/lon null when
unresolved), then relative expressions ("40km west of Palmyra") with their anchor, radius and precision.

Options:
${WORKERS_HELP}
${OUTLET_HOMES_HELP}

Examples:
  sitrep places report.txt
  sitrep places news.jsonl --format json > places.json
`,
  async run(args) {
    const { values, positionals } = parse(args, {
      format: { type: "string" },
      published: { type: "string" },
      workers: { type: "string" },
      "outlet-homes": { type: "boolean" },
    });
    const format = str(values.format) ?? "jsonl";
    if (format !== "jsonl" && format !== "json") throw new UsageError("--format must be jsonl or json");
    if (!positionals.length) throw new UsageError("places needs at least one PATH (or - for stdin)");
    const workers = workersOption(values.workers);
    const all: unknown[] = [];
    const homes = values["outlet-homes"]
      ? (await learnHomes(positionals, str(values.published), workers)).homes
      : undefined;
    const options = { task: "places", workers, homes } as const;
    const result = await runParallelBatch(positionals, str(values.published), options, (_doc, { places = [] }) => {
      for (const p of places) {
        if (format === "jsonl") write(`${JSON.stringify(p)}\n`);
        else all.push(p);
      }
    });
    if (format === "json") write(`${JSON.stringify(all, null, 1)}\n`);
    return result.failed ? 1 : 0;
  },
};
