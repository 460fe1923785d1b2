// Builds the gazetteer cache (data/gazetteer/cache/) from GeoNames cities500, countries and the curated
// supplement, then loads it once and prints load time and memory. Usage: node --import tsx scripts/build-gazetteer.ts
import { buildGazetteer } from "../src/ground/gazetteer/build.ts";
import { loadGazetteer } from "../src/ground/gazetteer/index.ts";

const meta = buildGazetteer();
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const gazetteer = loadGazetteer();
const loadMs = performance.now() - t0;
const rssAfter = process.memoryUsage().rss;
const mb = (n: number) => `${(n / 1048576).toFixed(0)} MB`;
console.log(`places ${meta.places}, keys ${meta.keys}, common-word names ${meta.common.length}`);
console.log(`load ${loadMs.toFixed(0)} ms, RSS ${mb(rssBefore)} → ${mb(rssAfter)} (+${mb(rssAfter - rssBefore)})`);
const palmyra = gazetteer.lookup("Palmyra")[0];
console.log(`lookup("Palmyra")[0] = ${palmyra?.name}, ${palmyra?.country} (${gazetteer.lookup("Palmyra").length} candidates)`);
