// CPU time per document of the extraction pipeline on one thread, after warm-up: the steadier figure on a
// loaded machine. Prints CPU ms/doc over all passes, each pass's figure, and thread ms/doc per stage.
//
//   node --import tsx bench/cpu.ts [--input FILE] [--passes N] [--warmup N]
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { extractDocument, type StageTimings } from "../src/extract.ts";
import { isInputError, newStats, readInputs } from "../src/ingest/index.ts";
import type { Document } from "../src/model/types.ts";

const { values } = parseArgs({
  options: {
    input: { type: "string", default: new URL("../../shared/corpus/fakes.jsonl", import.meta.url).pathname },
    passes: { type: "string", default: "3" },
    warmup: { type: "string", default: "1" },
  },
});

const docs: Document[] = [];
for await (const d of readInputs([values.input as string], { stats: newStats() })) if (!isInputError(d)) docs.push(d);

for (let w = 0; w < Number(values.warmup); w++) for (const d of docs) extractDocument(d);

const load = loadavg()[0];
const stages: StageTimings = {};
const perPass: number[] = [];
const c0 = process.cpuUsage();
for (let p = 0; p < Number(values.passes); p++) {
  const c = process.cpuUsage();
  for (const d of docs) extractDocument(d, stages);
  const u = process.cpuUsage(c);
  perPass.push((u.user + u.system) / 1000 / docs.length);
}
const u = process.cpuUsage(c0);
const n = docs.length * Number(values.passes);
const stageText = Object.entries(stages)
  .map(([k, v]) => `${k} ${(v / n).toFixed(3)}`)
  .join(", ");
console.log(
  `cpu ${((u.user + u.system) / 1000 / n).toFixed(2)} ms/doc (passes ${perPass.map((x) => x.toFixed(2)).join(" ")}), ` +
    `load ${load.toFixed(1)}→${loadavg()[0].toFixed(1)}, ${docs.length} docs\n  stages (ms/doc): ${stageText}`,
);
