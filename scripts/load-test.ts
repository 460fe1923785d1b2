// A bounded load test of the read API on loopback, with ingest running at the same time.
//
//   node --import tsx scripts/load-test.ts [--rate 500] [--seconds 30] [--db FILE] [--writes-per-s 1]
//
// Starts `sitrep serve` (a child process, with a write token) on a copy of a database filled from the bundled
// sample, then sends GET requests at a fixed rate (open loop: latency counts from when a request was due, so a
// stalled server cannot hide its queue) over keep-alive connections: event maps with filters, single events,
// documents, control timelines, health. Meanwhile a writer POSTs a batch of 5 new documents every second (extraction
// runs on the server's event loop, so each batch also stalls the reads for a moment). At the end every
// posted document must be readable and the store's count must match (no lost writes). Prints the rate, errors and
// latency percentiles; exits 1 when there were errors, lost writes, or the rate was not reached.
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = ["--import", "tsx", join(root, "src/serve/cli/main.ts")];

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const RATE = option("rate", 500);
const SECONDS = option("seconds", 30);
const WRITES_PER_S = option("writes-per-s", 1);
const dbArg = process.argv.includes("--db") ? process.argv[process.argv.indexOf("--db") + 1] : undefined;

const dir = mkdtempSync(join(tmpdir(), "sitrep-load-"));
const db = join(dir, "load.db");
const token = randomBytes(24).toString("hex");

function prepareDb(): void {
  if (dbArg) {
    copyFileSync(dbArg, db);
    for (const ext of ["-wal", "-shm"]) if (existsSync(dbArg + ext)) copyFileSync(dbArg + ext, db + ext);
    return;
  }
  const sample = join(root, "data/sample/fakes-sample.jsonl");
  const r = spawnSync(process.execPath, [...cli, "ingest", sample, "--db", db], { cwd: root, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`could not fill the database:\n${r.stderr}`);
}

function startServer(): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [...cli, "serve", "--db", db, "--port", "0"], {
    cwd: root,
    env: { ...process.env, SITREP_TOKEN: token },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += d;
  });
  return new Promise((resolve, reject) => {
    child.stdout?.once("data", (d) => resolve({ child, base: String(d).trim().replace(/\/$/, "") }));
    child.once("exit", (code) => reject(new Error(`serve exited (${code}):\n${stderr}`)));
  });
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function request(
  base: string,
  path: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${base}${path}`,
      { method: init.method ?? "GET", headers: init.headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.setTimeout(30_000, () => req.destroy(new Error("timeout")));
    req.end(init.body);
  });
}

const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];

/**
 * The request mix of a map client: a filtered page of events (25 a page) a third of the time, otherwise the
 * details a user clicks through (an event, its document, a place's control timeline) and health checks.
 */
function readPaths(eventIds: string[], docIds: string[]): () => [kind: string, path: string] {
  const boxes = ["35.5,32.3,42.4,37.4", "36,33,37,34", "37,35.5,39,36.8", "38,34,41,37"];
  const types = ["ASSAULT", "MOBILIZE", "ASSAULT,COERCE", "RETREAT"];
  const words = ["shelling", "Aleppo", "airstrike*", "rebels Idlib", "Palmyra"];
  return () => {
    const r = Math.random();
    if (r < 0.15) return ["events?bbox", `/api/events?bbox=${pick(boxes)}&limit=25`];
    if (r < 0.25) return ["events?type&from", `/api/events?type=${pick(types)}&from=2016-01-01&limit=25`];
    if (r < 0.3) return ["events?q", `/api/events?q=${encodeURIComponent(pick(words))}&limit=25`];
    if (r < 0.65) return ["events/:id", `/api/events/${encodeURIComponent(pick(eventIds))}`];
    if (r < 0.75) return ["documents/:id", `/api/documents/${encodeURIComponent(pick(docIds))}`];
    if (r < 0.9) return ["control", `/api/control?place=${pick(["Aleppo", "Palmyra", "Homs", "Idlib"])}`];
    return ["health", "/api/health"];
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

async function main(): Promise<number> {
  const t0 = Date.now();
  prepareDb();
  const { child, base } = await startServer();
  try {
    const all = JSON.parse((await request(base, "/api/events?limit=5000")).body) as {
      features: { id: string; properties: { doc: string } }[];
    };
    const eventIds = all.features.map((f) => f.id);
    const docIds = [...new Set(all.features.map((f) => f.properties.doc))];
    if (!eventIds.length) throw new Error("the database has no located events");
    const before = JSON.parse((await request(base, "/api/health")).body).stats.documents as number;
    const next = readPaths(eventIds, docIds);
    process.stderr.write(
      `serving ${before} documents, ${eventIds.length} located events at ${base} (ready after ` +
        `${((Date.now() - t0) / 1000).toFixed(0)} s); ${RATE} req/s for ${SECONDS} s, ${WRITES_PER_S} ingest/s\n`,
    );

    // The writer: a batch of 5 new documents WRITES_PER_S times a second, for the whole run.
    const posted: string[] = [];
    let writeErrors = 0;
    let stop = false;
    const writer = async () => {
      for (let batch = 0; !stop && WRITES_PER_S > 0; batch++) {
        const due = Date.now() + 1000 / WRITES_PER_S;
        const docs = Array.from({ length: 5 }, (_, i) => ({
          id: `load-${batch}-${i}`,
          text: `Report ${batch}.${i}: government forces shelled rebel positions near Idlib on Monday, killing ${i + 2} people, activists said.`,
          published: "2018-03-05",
        }));
        const res = await request(base, "/api/ingest", {
          method: "POST",
          body: JSON.stringify({ documents: docs }),
          headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
        }).catch(() => ({ status: 0, body: "" }));
        if (res.status === 200 && JSON.parse(res.body).stored === docs.length) posted.push(...docs.map((d) => d.id));
        else writeErrors++;
        await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
      }
    };
    const writing = writer();

    // Readers: open loop at RATE.
    const latencies: number[] = [];
    const byKind = new Map<string, number[]>();
    const errors = new Map<string, number>();
    const inflight = new Set<Promise<void>>();
    const start = performance.now();
    const total = RATE * SECONDS;
    let sent = 0;
    while (sent < total) {
      const due = start + (sent * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      for (; sent < total && start + (sent * 1000) / RATE <= performance.now(); sent++) {
        const scheduled = start + (sent * 1000) / RATE;
        const [kind, path] = next();
        const p = request(base, path)
          .then((res) => {
            const ms = performance.now() - scheduled;
            latencies.push(ms);
            if (!byKind.has(kind)) byKind.set(kind, []);
            byKind.get(kind)?.push(ms);
            if (res.status !== 200) errors.set(`${kind} ${res.status}`, (errors.get(`${kind} ${res.status}`) ?? 0) + 1);
          })
          .catch((e: Error) => {
            errors.set(`${kind} ${e.message}`, (errors.get(`${kind} ${e.message}`) ?? 0) + 1);
          })
          .finally(() => inflight.delete(p));
        inflight.add(p);
      }
    }
    await Promise.all(inflight);
    const elapsed = (performance.now() - start) / 1000;
    stop = true;
    await writing;

    // No lost writes: every acknowledged document is there, and the count adds up.
    let missing = 0;
    for (const id of posted) if ((await request(base, `/api/documents/${id}`)).status !== 200) missing++;
    const after = JSON.parse((await request(base, "/api/health")).body).stats.documents as number;

    latencies.sort((a, b) => a - b);
    const errorCount = [...errors.values()].reduce((a, b) => a + b, 0);
    const rate = latencies.length / elapsed;
    const ms = (x: number) => `${x.toFixed(1)} ms`;
    const lines = [
      `${latencies.length} reads in ${elapsed.toFixed(1)} s = ${rate.toFixed(0)} req/s; ${errorCount} errors` +
        `${errors.size ? ` (${[...errors].map(([k, n]) => `${k}: ${n}`).join(", ")})` : ""}`,
      `latency p50 ${ms(percentile(latencies, 0.5))}, p90 ${ms(percentile(latencies, 0.9))}, ` +
        `p99 ${ms(percentile(latencies, 0.99))}, max ${ms(latencies[latencies.length - 1])}`,
      ...[...byKind].map(([k, xs]) => {
        xs.sort((a, b) => a - b);
        return `  ${k}: ${xs.length}, p50 ${ms(percentile(xs, 0.5))}, p99 ${ms(percentile(xs, 0.99))}`;
      }),
      `writes: ${posted.length} documents acknowledged in ${posted.length / 5} batches (${writeErrors} failed), ` +
        `${missing} missing afterwards; store ${before} → ${after} documents (expected ${before + posted.length})`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
    const lost = missing > 0 || after !== before + posted.length;
    return errorCount > 0 || writeErrors > 0 || lost || rate < RATE * 0.98 ? 1 : 0;
  } finally {
    child.kill("SIGTERM");
    agent.destroy();
    await new Promise((r) => child.once("exit", r));
    rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
