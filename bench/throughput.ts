// `npm run bench`: end-to-end throughput of sitrep (read JSONL → extract on the worker pool → store into a temporary
// SQLite database) against a tokenize-only pass (wink-nlp readDoc over the same texts, same workers), on the FA-KES
// corpus replicated to 1k and 10k documents (100k with --full). Each run is its own process (bench/run-one.ts),
// so its peak RSS is its own. Method and figures: docs/performance.md.
//
//   npm run bench -- [--sizes 1000,10000] [--full] [--workers N] [--profile DIR] [--keep]
//
// The last line is: `throughput N articles/s, R x the tokenize-only pass, peak RSS M MB` for the largest size.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, cpus, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { writeCorpus } from "./corpus.ts";
import type { RunResult } from "./run-one.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const SOURCE = resolve(ROOT, "../shared/corpus/fakes.jsonl");
const MB = 1024 * 1024;

/** Stages in pipeline order; recognisers are the keys the workers report. */
const MAIN_STAGES = ["read", "store"];

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

function runOne(args: string[], profileDir: string | undefined): RunResult {
  const execArgv = ["--import", "tsx"];
  if (profileDir) execArgv.push("--cpu-prof", "--cpu-prof-dir", profileDir);
  const r = spawnSync(process.execPath, [...execArgv, join(ROOT, "bench/run-one.ts"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    maxBuffer: 64 * MB,
  });
  if (r.status !== 0) fail(`run ${args.join(" ")} failed (${r.status ?? r.signal}):\n${r.stderr}`);
  const last = r.stdout.trim().split("\n").pop() ?? "";
  return JSON.parse(last) as RunResult;
}

const pad = (s: string | number, n: number) => String(s).padStart(n);
const fixed = (x: number, d = 0) => x.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d });

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: "string" },
      full: { type: "boolean" },
      workers: { type: "string" },
      profile: { type: "string" },
      keep: { type: "boolean" },
    },
  });
  if (!existsSync(SOURCE)) fail(`${SOURCE} not found: the benchmark reads ../shared/corpus/fakes.jsonl`);
  const sizes = (values.sizes ?? "1000,10000").split(",").map(Number);
  if (values.full && !sizes.includes(100000)) sizes.push(100000);
  if (!sizes.every((n) => Number.isInteger(n) && n > 0)) fail("--sizes must be positive integers");
  const cores = availableParallelism();
  const workers = Number(values.workers ?? cores);
  if (!Number.isInteger(workers) || workers < 0) fail("--workers must be 0 or more");
  const profile = values.profile ? resolve(values.profile) : undefined;
  if (profile) mkdirSync(profile, { recursive: true });

  const dir = mkdtempSync(join(tmpdir(), "sitrep-bench-"));
  const say = (s: string) => process.stdout.write(`${s}\n`);
  say(
    `sitrep bench: ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? "?"}), node ${process.version}, ` +
      `${workers} worker${workers === 1 ? "" : "s"}${workers ? "" : " (main thread only)"}, corpus ${SOURCE}`,
  );
  const results: { size: number; ingest: RunResult; tokenize: RunResult }[] = [];
  try {
    for (const size of sizes.sort((a, b) => a - b)) {
      const corpus = join(dir, `fakes-${size}.jsonl`);
      process.stderr.write(`bench: ${size} documents…\n`);
      await writeCorpus(SOURCE, size, corpus);
      const common = ["--input", corpus, "--workers", String(workers)];
      const tokenize = runOne(["--mode", "tokenize", ...common], profile);
      const ingest = runOne(["--mode", "ingest", ...common, "--db", join(dir, `store-${size}.db`)], profile);
      results.push({ size, ingest, tokenize });
    }
  } finally {
    if (values.keep) process.stderr.write(`bench: kept ${dir}\n`);
    else rmSync(dir, { recursive: true, force: true });
  }

  say("");
  say(
    "  docs | run      | docs/s | wall s | start s | CPU ms/doc | CPU-bound docs/s | peak RSS MB | worker heap MB | DB MB | records | load",
  );
  say(
    "-------|----------|--------|--------|---------|------------|------------------|-------------|----------------|-------|---------|------",
  );
  for (const { size, ingest, tokenize } of results) {
    for (const [name, r] of [
      ["tokenize", tokenize],
      ["sitrep", ingest],
    ] as const) {
      say(
        [
          pad(fixed(size), 6),
          ` ${name.padEnd(8)}`,
          pad(fixed(r.documents / r.wallS), 6),
          pad(fixed(r.wallS, 1), 6),
          pad(fixed(r.startupS, 1), 7),
          pad(fixed((1000 * r.cpuS) / r.documents, 2), 10),
          pad(fixed((cores * r.documents) / r.cpuS), 16),
          pad(fixed(r.peakRss / MB), 11),
          pad(fixed(r.peakWorkerHeap / MB), 14),
          pad(r.dbBytes ? fixed(r.dbBytes / MB) : "-", 5),
          pad(r.records ? fixed(r.records) : "-", 7),
          ` ${fixed(r.loadBefore, 1)}–${fixed(r.loadAfter, 1)}`,
        ].join(" |"),
      );
    }
  }

  say(
    `docs/s is wall-clock; CPU-bound docs/s = ${cores} cores × 1000 / CPU ms per doc, what the run would reach with ` +
      "the cores to itself (the load column is the 1-minute load average before and after the run).",
  );
  say("");
  say("Cost per stage, ms per document (worker stages are summed over the workers' threads):");
  const stageNames = [
    "read",
    ...Object.keys(results[0]?.ingest.stages ?? {}).filter((k) => !MAIN_STAGES.includes(k)),
    "store",
  ];
  say(`  stage           | ${results.map(({ size }) => `${pad(fixed(size), 7)} docs`).join(" | ")} | share`);
  say(`  ----------------|${results.map(() => "-------------|").join("")}------`);
  const largest = results[results.length - 1];
  const total = (r: RunResult) => Object.values(r.stages).reduce((a, b) => a + b, 0);
  for (const name of stageNames) {
    const cells = results.map(({ ingest }) => pad(fixed((ingest.stages[name] ?? 0) / ingest.documents, 3), 12));
    const share = largest ? (100 * (largest.ingest.stages[name] ?? 0)) / total(largest.ingest) : 0;
    const label = MAIN_STAGES.includes(name) ? `${name} (main)` : name;
    say(`  ${label.padEnd(15)} | ${cells.join(" | ")} | ${pad(fixed(share, 1), 4)}%`);
  }
  say(
    `  ${"total".padEnd(15)} | ${results.map(({ ingest }) => pad(fixed(total(ingest) / ingest.documents, 3), 12)).join(" | ")} |`,
  );
  say(
    `  ${"main busy".padEnd(15)} | ${results.map(({ ingest }) => pad(`${fixed(100 * ingest.mainBusy)}%`, 12)).join(" | ")} |`,
  );
  if (profile) say(`\nCPU profiles (main thread and every worker): ${profile}`);
  if (!largest) return;
  const rate = largest.ingest.documents / largest.ingest.wallS;
  const base = largest.tokenize.documents / largest.tokenize.wallS;
  say("");
  say(
    `throughput ${fixed(rate)} articles/s, ${fixed(base / rate, 1)} x the tokenize-only pass, ` +
      `peak RSS ${fixed(largest.ingest.peakRss / MB)} MB`,
  );
}

main().catch((e: unknown) => fail((e as Error).stack ?? String(e)));
