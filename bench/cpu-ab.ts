// Paired CPU comparison of two checkouts of sitrep in one process: both pipelines are loaded side by side and
// run on the same documents in alternation (A then B, then B then A on the next document), so that the
// machine's changing load hits both alike. Prints CPU ms per document for each and the ratio B / A.
//
//   node --import tsx bench/cpu-ab.ts --a DIR --b DIR [--input FILE] [--passes N] [--warmup N]
import { loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import type { StageTimings } from "../src/extract.ts";
import { isInputError, newStats, readInputs } from "../src/ingest/index.ts";
import type { Document } from "../src/model/types.ts";

type Extract = (doc: Document, timings?: StageTimings) => unknown;

const { values } = parseArgs({
  options: {
    a: { type: "string" },
    b: { type: "string" },
    input: { type: "string", default: new URL("../../shared/corpus/fakes.jsonl", import.meta.url).pathname },
    passes: { type: "string", default: "3" },
    warmup: { type: "string", default: "1" },
  },
});
if (!values.a || !values.b) throw new Error("--a DIR and --b DIR are required");

async function load(dir: string): Promise<Extract> {
  const mod = await import(pathToFileURL(join(dir, "src/extract.ts")).href);
  return mod.extractDocument as Extract;
}

const sides = [
  { name: `A ${values.a}`, run: await load(values.a), cpu: 0, stages: {} as StageTimings },
  { name: `B ${values.b}`, run: await load(values.b), cpu: 0, stages: {} as StageTimings },
];
const docs: Document[] = [];
for await (const d of readInputs([values.input as string], { stats: newStats() })) if (!isInputError(d)) docs.push(d);

for (let w = 0; w < Number(values.warmup); w++) for (const d of docs) for (const s of sides) s.run(d);

const load0 = loadavg()[0];
let k = 0;
for (let p = 0; p < Number(values.passes); p++) {
  for (const d of docs) {
    const order = k++ % 2 ? [sides[1], sides[0]] : sides;
    for (const s of order) {
      const c = process.cpuUsage();
      s.run(d, s.stages);
      const u = process.cpuUsage(c);
      s.cpu += u.user + u.system;
    }
  }
}
const n = docs.length * Number(values.passes);
for (const s of sides) {
  const stages = Object.entries(s.stages)
    .map(([key, v]) => `${key} ${(v / n).toFixed(3)}`)
    .join(", ");
  console.log(`${s.name}: cpu ${(s.cpu / 1000 / n).toFixed(2)} ms/doc\n  stages (ms/doc): ${stages}`);
}
console.log(
  `B / A = ${(sides[1].cpu / sides[0].cpu).toFixed(3)}; ${docs.length} docs × ${values.passes} passes, ` +
    `load ${load0.toFixed(1)}→${loadavg()[0].toFixed(1)}`,
);
