import { readFileSync } from "node:fs";
let t=performance.now();
const { inputsHash } = await import("./src/ground/gazetteer/build.ts");
console.log("import build", (performance.now()-t).toFixed(0)); t=performance.now();
inputsHash(); console.log("hash", (performance.now()-t).toFixed(0)); t=performance.now();
const a = readFileSync("data/gazetteer/cache/places.tsv","utf8"); console.log("read places", (performance.now()-t).toFixed(0)); t=performance.now();
const b = readFileSync("data/gazetteer/cache/names.tsv","latin1"); console.log("read names", (performance.now()-t).toFixed(0)); t=performance.now();
let n=0; for (let i=b.indexOf("\n"); i>=0; i=b.indexOf("\n",i+1)) n++; console.log("scan names", (performance.now()-t).toFixed(0), n); t=performance.now();
let m=0; for (let i=a.indexOf("\n"); i>=0; i=a.indexOf("\n",i+1)) m++; console.log("scan places", (performance.now()-t).toFixed(0), m); t=performance.now();
