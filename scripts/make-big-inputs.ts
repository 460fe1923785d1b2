// Big and hostile inputs for the limits, and the manual memory check on a large JSONL stream.
//
//   node --import tsx scripts/make-big-inputs.ts DIR [--gb 2]     writes the inputs below into DIR
//   node --import tsx scripts/make-big-inputs.ts --read FILE       streams FILE through readInputs: documents,
//                                                                   errors, MB/s, peak heap and RSS
//
// DIR gets: big.jsonl (~2 GB of unique ~1 KB documents, one 5 MB line in the middle), huge.txt (200 MB, sparse),
// deep.html (100,000 nested divs), longline.txt (a 1 MB line of prose), word.txt (a 1 MB "word"), broken.jsonl
// (10,000 lines, one cut short), tool.bin (an ELF header) and map.png (a PNG header). The manual run of the
// issue is then, for example:
//
//   node --import tsx scripts/make-big-inputs.ts /tmp/big
//   node --import tsx scripts/make-big-inputs.ts --read /tmp/big/big.jsonl          # memory stays flat
//   sitrep ingest /tmp/big/{huge.txt,deep.html,word.txt,broken.jsonl,tool.bin,map.png} --db /tmp/big/t.db
import { once } from "node:events";
import { createWriteStream, mkdirSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isInputError, newStats, readInputs } from "../src/ingest/index.ts";

const MB = 2 ** 20;
const SENTENCE = "Government forces shelled the eastern districts again on Monday, residents said. ";

/** Writes `bytes` of JSONL, one unique ~1 KB document per line, with one 5 MB line half way. */
async function bigJsonl(path: string, bytes: number): Promise<number> {
  const out = createWriteStream(path);
  const filler = SENTENCE.repeat(12);
  let written = 0;
  let lines = 0;
  let longDone = false;
  while (written < bytes) {
    let chunk = "";
    for (let i = 0; i < 256; i++, lines++) {
      chunk += `${JSON.stringify({ id: `big-${lines}`, text: `Report ${lines}. ${filler}`, published: "2017-01-16" })}\n`;
    }
    if (!longDone && written > bytes / 2) {
      chunk += `${JSON.stringify({ id: "long", text: "y ".repeat(2.5 * MB) })}\n`;
      longDone = true;
    }
    written += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return lines;
}

async function make(dir: string, gb: number): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const t0 = Date.now();
  const lines = await bigJsonl(join(dir, "big.jsonl"), gb * 1024 * MB);
  process.stderr.write(`big.jsonl: ${gb} GB, ${lines} documents, in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
  writeFileSync(join(dir, "huge.txt"), "Rebels shelled Aleppo.\n");
  truncateSync(join(dir, "huge.txt"), 200 * MB);
  writeFileSync(join(dir, "deep.html"), `<html><body>${"<div>".repeat(100_000)}${SENTENCE}</body></html>`);
  writeFileSync(join(dir, "longline.txt"), SENTENCE.repeat(Math.ceil(MB / SENTENCE.length)).slice(0, MB));
  writeFileSync(join(dir, "word.txt"), `See http://example.org/${"ab/".repeat(MB / 3)} now.`);
  const broken = Array.from({ length: 10_000 }, (_, i) => JSON.stringify({ id: `n${i}`, text: `Note ${i}.` }));
  broken[5000] = broken[5000].slice(0, 20);
  writeFileSync(join(dir, "broken.jsonl"), `${broken.join("\n")}\n`);
  writeFileSync(join(dir, "tool.bin"), Buffer.from("7f454c46020101000000000000000000", "hex"));
  writeFileSync(join(dir, "map.png"), Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"));
  process.stderr.write(
    `wrote ${dir}: big.jsonl huge.txt deep.html longline.txt word.txt broken.jsonl tool.bin map.png\n`,
  );
}

async function read(path: string): Promise<void> {
  const stats = newStats();
  const t0 = Date.now();
  let bytes = 0;
  let peakRss = 0;
  let peakHeap = 0;
  let last = t0;
  for await (const item of readInputs([path], { stats })) {
    if (isInputError(item)) {
      process.stderr.write(`${item.origin}: ${item.message}\n`);
      continue;
    }
    bytes += item.text.length;
    if (stats.documents % 5000 === 0) {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
      if (Date.now() - last > 10_000) {
        last = Date.now();
        process.stderr.write(`${stats.documents} documents, RSS ${Math.round(m.rss / MB)} MB\n`);
      }
    }
  }
  const s = (Date.now() - t0) / 1000;
  process.stdout.write(
    `${path}: ${stats.documents} documents, ${stats.errors} errors, ${stats.duplicates} duplicates; ` +
      `${Math.round(bytes / MB)} MB of text in ${s.toFixed(0)} s (${(bytes / MB / s).toFixed(0)} MB/s); ` +
      `peak RSS ${Math.round(peakRss / MB)} MB, peak heap ${Math.round(peakHeap / MB)} MB\n`,
  );
}

const args = process.argv.slice(2);
if (args[0] === "--read" && args[1]) await read(args[1]);
else if (args[0] && !args[0].startsWith("--")) {
  const i = args.indexOf("--gb");
  await make(args[0], i >= 0 ? Number(args[i + 1]) : 2);
} else {
  process.stderr.write("usage: make-big-inputs.ts DIR [--gb N] | --read FILE\n");
  process.exitCode = 2;
}
