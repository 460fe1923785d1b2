// `sitrep ingest`: extract and store; `sitrep events`: query what is stored.
import type { BBox, EventFilter } from "../../../store/interface.ts";
import { describeTarget, openStore, storeTarget } from "../../../store/open.ts";
import { fusedFeature } from "../../export/fused.ts";
import { createWriter, FORMATS, isFormat } from "../../export/index.ts";
import { list, parse, str, UsageError } from "../args.ts";
import { learnHomes, OUTLET_HOMES_HELP, runParallelBatch, WORKERS_HELP, workersOption } from "../parallel.ts";
import type { Command } from "./types.ts";

/** Documents per transaction in a batch ingest (see SqliteStoreOptions.group): about a second of work. */
const INGEST_GROUP = 256;

export const ingest: Command = {
  summary: "extract events from the inputs and store them in the database",
  help: `Usage: sitrep ingest PATH… [--db FILE|URL] [--published DATE] [--workers N] [--outlet-homes]
       sitrep ingest --queue PATH… [--published DATE]

Reads the inputs (as "sitrep extract" does), extracts events and control claims and stores documents,
records and evidence in the database (an embedded SQLite file, or PostgreSQL), then fuses the new event
records with the stored ones (reports of the same event from different documents become one fused event;
see docs/fusion.md). A document already stored (same id or same text) is skipped, so re-running an ingest
changes nothing.

With --queue, nothing is extracted here: one job per document goes on the Redis work queue
($SITREP_REDIS_URL, queue $SITREP_QUEUE or sitrep-ingest) for "sitrep worker" processes (docs/scaling.md).
A text already queued is not queued again.

Options:
  --db FILE|URL       database file or postgres:// URL (default: $SITREP_DATABASE_URL, else $SITREP_DB,
                      else the user's data directory, e.g. ~/.local/share/sitrep/sitrep.db)
  --published DATE    publication date (YYYY-MM-DD) for inputs that lack one
  --queue             enqueue the documents for "sitrep worker" instead of processing them here
${WORKERS_HELP}
${OUTLET_HOMES_HELP}
                      With ingest, the outlet's documents already in the database count too: every
                      ingest stores what each document's places say of its outlet's home.

Examples:
  sitrep ingest data/sample/fakes-sample.jsonl
  sitrep ingest reports/*.html --db war.db
  SITREP_REDIS_URL=redis://queue:6379 sitrep ingest --queue news/*.jsonl

Exit status: 0 all inputs stored; 1 some input failed (the rest stored); 2 usage error; 3 database error.
`,
  async run(args) {
    const { values, positionals } = parse(args, {
      db: { type: "string" },
      published: { type: "string" },
      workers: { type: "string" },
      queue: { type: "boolean" },
      "outlet-homes": { type: "boolean" },
    });
    if (!positionals.length) throw new UsageError("ingest needs at least one PATH (or - for stdin)");
    if (values.queue) {
      if (values.db) throw new UsageError("--queue and --db do not go together: the workers choose the database");
      if (values["outlet-homes"]) throw new UsageError("--outlet-homes needs the whole batch here: not with --queue");
      const { ingestToQueue } = await import("../../../queue/index.ts");
      return ingestToQueue(positionals, str(values.published));
    }
    const workers = workersOption(values.workers);
    const target = storeTarget({ db: str(values.db) });
    const store = await openStore({ db: str(values.db), group: INGEST_GROUP });
    let stored = 0;
    let records = 0;
    try {
      // With --outlet-homes, homes come from this batch and from what the store holds of the same outlets;
      // either way each new document's regions are stored for later batches (read without a home: the first
      // reading's when there is one)
      const learned = values["outlet-homes"]
        ? await learnHomes(positionals, str(values.published), workers, store)
        : undefined;
      const options = { task: "records", regions: true, workers, homes: learned?.homes } as const;
      const result = await runParallelBatch(positionals, str(values.published), options, async (doc, r) => {
        const out = r.records ?? [];
        const { inserted } = await store.putDocument(doc, out, learned?.regions.get(doc.id) ?? r.regions);
        if (inserted) {
          stored++;
          records += out.length;
        }
      });
      const fused = await store.fuse();
      const stats = await store.stats();
      process.stderr.write(
        `sitrep: ${result.documents} documents read, ${stored} new (${records} records), ` +
          `${result.documents - stored} already stored, ${result.duplicates} duplicates, ${result.failed} failed\n` +
          `sitrep: ${fused.records} event records fused (${fused.clusters} fused events created or updated)\n` +
          `sitrep: ${describeTarget(target)} now holds ${stats.documents} documents, ${stats.events} events, ${stats.controls} control claims\n`,
      );
      return result.failed ? 1 : 0;
    } finally {
      await store.close();
    }
  },
};

function bbox(v: string | undefined): BBox | undefined {
  if (!v) return undefined;
  const n = v.split(",").map(Number);
  if (n.length !== 4 || n.some((x) => !Number.isFinite(x)))
    throw new UsageError("--bbox must be WEST,SOUTH,EAST,NORTH");
  return n as BBox;
}

export const events: Command = {
  summary: "query the stored events",
  help: `Usage: sitrep events [--db FILE|URL] [filters] [--format F]

Filters (all optional, combined with AND):
  --bbox W,S,E,N        events located in this box (degrees)
  --from DATE --to DATE events whose time overlaps [from, to]
  --type T1,T2          PLOVER types (ASSAULT, MOBILIZE, …)
  --acled NAME          ACLED event or sub-event type ("Battles", "Air/drone strike")
  --actor TEXT          actor name or canonical name contains TEXT
  --modality M1,M2      occurred, ongoing, planned, expected, speculative, denied
  --text WORDS          full-text search in evidence and documents
  --min-sources N       events reported by at least N independent sources (of their fused event)
  --limit N             at most N events (default 1000)

Options:
  --format F            jsonl (default), json, geojson, acled-csv, plover
  --fused               print fused events (one per real-world event, with every report's evidence and
                        its independent sources) instead of records: jsonl or geojson

Examples:
  sitrep events --bbox 35.5,32.3,42.4,37.4 --from 2017-01-01 --to 2017-01-31 --type ASSAULT
  sitrep events --actor "Islamic State" --format geojson > isis.geojson
  sitrep events --fused --min-sources 2 --from 2017-01-01
`,
  async run(args) {
    const { values } = parse(args, {
      db: { type: "string" },
      bbox: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      type: { type: "string" },
      acled: { type: "string" },
      actor: { type: "string" },
      modality: { type: "string" },
      text: { type: "string" },
      limit: { type: "string" },
      format: { type: "string" },
      "min-sources": { type: "string" },
      fused: { type: "boolean" },
    });
    const format = str(values.format) ?? "jsonl";
    if (!isFormat(format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}`);
    const limit = Number(str(values.limit) ?? 1000);
    if (!Number.isInteger(limit) || limit < 1) throw new UsageError("--limit must be a positive integer");
    const minSourcesText = str(values["min-sources"]);
    const minSources = minSourcesText === undefined ? undefined : Number(minSourcesText);
    if (minSources !== undefined && (!Number.isInteger(minSources) || minSources < 1))
      throw new UsageError("--min-sources must be a positive integer");
    if (values.fused && format !== "jsonl" && format !== "geojson")
      throw new UsageError("--fused prints jsonl or geojson");
    const filter: EventFilter = {
      bbox: bbox(str(values.bbox)),
      from: str(values.from),
      to: str(values.to),
      type: list(values.type)?.map((t) => t.toUpperCase()),
      acledType: str(values.acled),
      actor: str(values.actor),
      modality: list(values.modality),
      text: str(values.text),
      minSources,
      limit,
    };
    const store = await openStore({ db: str(values.db) });
    try {
      if (values.fused) {
        const fused = await store.queryFused(filter);
        if (format === "jsonl") process.stdout.write(fused.map((f) => `${JSON.stringify(f)}\n`).join(""));
        else {
          const features = fused.flatMap((f) => fusedFeature(f) ?? []);
          process.stdout.write(`${JSON.stringify({ type: "FeatureCollection", features })}\n`);
        }
        return 0;
      }
      const found = await store.queryEvents(filter);
      const docs = new Map();
      for (const id of new Set(found.map((e) => e.doc))) {
        const d = await store.getDocument(id);
        if (d) docs.set(id, d);
      }
      const writer = createWriter(format, docs);
      process.stdout.write(writer.header() + found.map((e) => writer.row(e)).join("") + writer.footer());
      return 0;
    } finally {
      await store.close();
    }
  },
};
