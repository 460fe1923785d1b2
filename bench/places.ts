// `npm run bench:places`: places-only throughput (what `sitrep places` runs: tokens → places → relative places,
// PLACES_PIPELINE) on the LGL texts, beside a tokenize-only pass (wink-nlp readDoc) over the same texts in the
// same run. Two measurements: one thread (passes alternated, after a warm-up pass, median of the passes) and
// the worker pool with one worker per core (wall clock, after one untimed warm-up pass).
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
const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0);
const passes = Math.max(1, Number(values.passes));
const workers = Number(values.workers ?? availableParallelism());

const nlp = winkNLP(model);
const tokenize = (d: Document) => nlp.readDoc(d.text).tokens().length();
const places = (d: Document) => placeRecords(extractPlaces(d)).length;

/** CPU ms per document of one pass of `f` over the corpus (the result is summed so the work cannot be skipped). */
function pass(f: (d: Document) => number): { ms: number; sink: number } {
  let sink = 0;
  const c = process.cpuUsage();
  for (const d of docs) sink += f(d);
  const u = process.cpuUsage(c);
  return { ms: (u.user + u.system) / 1000 / docs.length, sink };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const say = (s: string) => process.stdout.write(`${s}\n`);
say(
  `bench:places: ${corpus.articles.length} ${values.corpus} articles (${(bytes / docs.length / 1024).toFixed(1)} KB ` +
    `each on average), ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "?"}), node ${process.version}, ` +
    `load ${loadavg()[0].toFixed(1)}`,
);

pass(tokenize);
const warm = pass(places); // loads the gazetteer and fills its memo tables, as a long-running process has them
const tok: number[] = [];
const pla: number[] = [];
for (let p = 0; p < passes; p++) {
  tok.push(pass(tokenize).ms);
  pla.push(pass(places).ms);
}
const tokMs = median(tok);
const plaMs = median(pla);
say("");
say(
  "one thread, CPU ms per document (median of the passes; the first places pass, with loading, was " +
    `${warm.ms.toFixed(2)} ms):`,
);
say(`  tokenize-only  ${tokMs.toFixed(3)} ms  ${(1000 / tokMs).toFixed(0).padStart(6)} docs/s per core`);
say(
  `  places-only    ${plaMs.toFixed(3)} ms  ${(1000 / plaMs).toFixed(0).padStart(6)} docs/s per core  ` +
    `(${(plaMs / tokMs).toFixed(1)} x tokenize-only)`,
);

async function poolRate(pool: WorkerPool<Document, unknown>): Promise<number> {
  await pool.start();
  try {
    // one untimed pass: each worker loads its share of the gazetteer and fills its memos, as the one-thread
    // figures are taken after a warm-up pass too
    for await (const _ of pool.map(docs, (d) => d)) {
    }
    const t = performance.now();
    let n = 0;
    for (let p = 0; p < passes; p++) {
      for await (const { result } of pool.map(docs, (d) => d)) if (result?.ok) n++;
    }
    return n / ((performance.now() - t) / 1000);
  } finally {
    await pool.close();
  }
}

let tokRate = 0;
let plaRate = 0;
if (workers > 0) {
  tokRate = await poolRate(
    new WorkerPool<Document, number>({
      handler: fileURLToPath(new URL("./tokenize-worker.ts", import.meta.url)),
      workers,
    }) as WorkerPool<Document, unknown>,
  );
  plaRate = await poolRate(
    createExtractPool({ task: "places", warm: true }, { workers }) as WorkerPool<Document, unknown>,
  );
  say("");
  say(`${workers} worker threads, wall clock (${passes} passes after a warm-up pass):`);
  say(`  tokenize-only  ${tokRate.toFixed(0).padStart(6)} docs/s`);
  say(`  places-only    ${plaRate.toFixed(0).padStart(6)} docs/s`);
}
say("");
say(
  `places-only ${(workers > 0 ? plaRate : 1000 / plaMs).toFixed(0)} documents/s ` +
    `(${workers > 0 ? `${workers} workers` : "one thread"}), ${(plaMs / tokMs).toFixed(1)} x the tokenize-only CPU ` +
    `per document, load ${loadavg()[0].toFixed(1)}`,
);
