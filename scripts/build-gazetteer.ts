// Builds the gazetteer cache (data/gazetteer/cache/) from GeoNames cities500, countries and the curated
// supplement, then loads it in a fresh process and prints load time and memory.
// Usage: node --import tsx scripts/build-gazetteer.ts
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { buildGazetteer } from "../src/ground/gazetteer/build.ts";

const meta = buildGazetteer();
console.log(`places ${meta.places}, index keys ${meta.keys}, admin1 names ${Object.keys(meta.admin1Names).length}`);

const index = fileURLToPath(new URL("../src/ground/gazetteer/index.ts", import.meta.url));
const probe = `
const rss = () => process.memoryUsage().rss / 1048576;
const before = rss();
const t = performance.now();
const { getGazetteer } = await import(${JSON.stringify(index)});
const g = getGazetteer();
const ms = performance.now() - t;
const top = g.lookup("Palmyra")[0];
console.log(\`load \${ms.toFixed(0)} ms (import included), RSS +\${(rss() - before).toFixed(0)} MB; \` +
  \`lookup("Palmyra")[0] = \${top?.name}, \${top?.country} of \${g.lookup("Palmyra").length}\`);
`;
process.stdout.write(
  execFileSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", probe], { encoding: "utf8" }),
);
