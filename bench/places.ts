// `npm run bench:places`: places-only throughput (what `sitrep places` runs: tokens → places → relative places,
// PLACES_PIPELINE) on the LGL texts, beside a tokenize-only pass (wink-nlp readDoc) over the same texts in the
// same run (and, with workers, wink's tokenizer with sentence boundaries only: the tokenizing places itself
// runs, so a floor under it). Two measurements: one thread (CPU time; the corpus in `--passes` interleaved parts,
// each part read once by each pass, alternated, median of the parts) and the worker pool with one worker per core
// (wall clock, one pass over the whole corpus).
//
// Every timed pass reads texts its process has not read before: a warm-up over another corpus (GeoWebNews, or
// LGL when measuring another) loads the gazetteer, compiles the code and fills the memo tables with other texts'
// names, as a long-running process has them. Reading the same texts again would find every name of them
// memoised: until 2026-11-25 this benchmark timed repeated passes over one corpus, which made places look about
// 1.8× cheaper than on unseen text.
//
//   npm run bench:places -- [--passes 3] [--workers N] [--corpus lgl|geowebnews|geovirus]
import { availableParallelism, cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import model from "wink-eng-lite-web-model";
import winkNLP from "wink-nlp";
import { type CorpusName, findShared, loadCorpus } from "../src/eval/geo/corpora.ts";
import { extractPlaces, placeRecords } from "../src/extract.ts";
import { documentFromText } from "../src/ingest/index.ts";
import type { Document } from "../src/model/types.ts";
import { createExtractPool, WorkerPool } from "../src/run/pool.ts";

const { values } = parseArgs({
  options: {
    passes: { type: "string", default: "3" },
    workers: { type: "string" },
    corpus: { type: "string", default: "lgl" },
  },
});
const shared = findShared();
if (!shared) {
  process.stderr.write("bench:places: ../shared not found (the LGL corpus is read from ../shared/eval/geo)\n");
  process.exit(2);
}
const corpus = loadCorpus(shared, values.corpus as CorpusName);
const docs: Document[] = corpus.articles.map((a) => documentFromText(a.text, { origin: "bench", id: a.id }));
const warmName: CorpusName = values.corpus === "lgl" ? "geowebnews" : "lgl";
const warmDocs: Document[] = loadCorpus(shared, warmName).articles.map((a) =>
  documentFromText(a.text, { origin: "warm-up", id: a.id }),
);
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0);
const passes = Math.max(1, Number(values.passes));
const workers = Number(values.workers ?? availableParallelism());

const nlp = winkNLP(model);
const tokenize = (d: Document) => nlp.readDoc(d.text).tokens().length();
const places = (d: Document) => placeRecords(extractPlaces(d)).length;

/** CPU ms per document of one pass of `f` over `part` (the result is summed so the work cannot be skipped). */
function pass(f: (d: Document) => number, part: Document[]): { ms: number; sink: number } {
  let sink = 0;
  const c = process.cpuUsage();
  for (const d of part) sink += f(d);
  const u = process.cpuUsage(c);
  return { ms: (u.user + u.system) / 1000 / part.length, sink };
}

/** The corpus in `n` interleaved parts, so that each timed pass reads texts it has not read. */
const parts = Array.from({ length: passes }, (_, k) => docs.filter((_, i) => i % passes === k));

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const say = (s: string) => process.stdout.write(`${s}\n`);
say(
  `bench:places: ${corpus.articles.length} ${values.corpus} articles (${(bytes / docs.length / 1024).toFixed(1)} KB ` +
    `each on average), ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "?"}), node ${process.version}, ` +
    `load ${loadavg()[0].toFixed(1)}`,
);

pass(tokenize, warmDocs);
const warm = pass(places, warmDocs); // loads the gazetteer, compiles, fills the memos with other texts' names
const tok: number[] = [];
const pla: number[] = [];
for (const part of parts) {
  tok.push(pass(tokenize, part).ms);
  pla.push(pass(places, part).ms);
}
const tokMs = median(tok);
const plaMs = median(pla);
say("");
say(
  `one thread, CPU ms per document of unseen text (median of ${passes} parts; the warm-up places pass over ` +
    `${warmName}, with loading, was ${warm.ms.toFixed(2)} ms):`,
);
say(`  tokenize-only  ${tokMs.toFixed(3)} ms  ${(1000 / tokMs).toFixed(0).padStart(6)} docs/s per core`);
say(
  `  places-only    ${plaMs.toFixed(3)} ms  ${(1000 / plaMs).toFixed(0).padStart(6)} docs/s per core  ` +
    `(${(plaMs / tokMs).toFixed(1)} x tokenize-only)`,
);

async function poolRate(pool: WorkerPool<Document, unknown>): Promise<number> {
  await pool.start();
  try {
    // untimed: every worker loads the gazetteer, compiles, and fills its memos from the other corpus
    for await (const _ of pool.map(warmDocs, (d) => d)) {
    }
    const t = performance.now();
    let n = 0;
    for await (const { result } of pool.map(docs, (d) => d)) if (result?.ok) n++;
    return n / ((performance.now() - t) / 1000);
  } finally {
    await pool.close();
  }
}

let tokRate = 0;
let sbdRate = 0;
let plaRate = 0;
if (workers > 0) {
  const tokenizer = (options: { sbd?: boolean }) =>
    new WorkerPool<Document, number>({
      handler: fileURLToPath(new URL("./tokenize-worker.ts", import.meta.url)),
      options,
      workers,
    }) as WorkerPool<Document, unknown>;
  tokRate = await poolRate(tokenizer({}));
  sbdRate = await poolRate(tokenizer({ sbd: true }));
  plaRate = await poolRate(
    createExtractPool({ task: "places", warm: true }, { workers }) as WorkerPool<Document, unknown>,
  );
  say("");
  say(`${workers} worker threads, wall clock (one pass over the corpus, unseen, after a warm-up over ${warmName}):`);
  say(`  tokenize-only  ${tokRate.toFixed(0).padStart(6)} docs/s`);
  say(
    `  sentences-only ${sbdRate.toFixed(0).padStart(6)} docs/s  (wink's tokenizer with sentence boundaries only: what places runs first)`,
  );
  say(`  places-only    ${plaRate.toFixed(0).padStart(6)} docs/s`);
}
say("");
say(
  `places-only ${(workers > 0 ? plaRate : 1000 / plaMs).toFixed(0)} documents/s ` +
    `(${workers > 0 ? `${workers} workers` : "one thread"}), ${(plaMs / tokMs).toFixed(1)} x the tokenize-only CPU ` +
    `per document, load ${loadavg()[0].toFixed(1)}`,
);
