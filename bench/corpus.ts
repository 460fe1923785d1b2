// The benchmark corpus: ../shared/corpus/fakes.jsonl replicated to N documents. Every line gets a unique id and a
// short, number-free reference appended to its text (" (ref qzd)"), so that content dedupe keeps them all and
// the dates and quantities recognisers see nothing new.

import { once } from "node:events";
import { createWriteStream, existsSync, readFileSync } from "node:fs";

/** 0 → "a", 25 → "z", 26 → "aa": bijective base 26, letters only. */
export function letters(n: number): string {
  let s = "";
  for (let k = n + 1; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(97 + ((k - 1) % 26)) + s;
  return s;
}

/** Writes `size` JSONL documents built from `source` to `path` (left as it is when it already exists). */
export async function writeCorpus(source: string, size: number, path: string): Promise<void> {
  if (existsSync(path)) return;
  const lines = readFileSync(source, "utf8")
    .split("\n")
    .filter((l) => l.trim());
  if (!lines.length) throw new Error(`${source}: no documents`);
  const rows = lines.map((l) => JSON.parse(l) as { id?: string; text: string } & Record<string, unknown>);
  const out = createWriteStream(path);
  for (let i = 0; i < size; i++) {
    const row = rows[i % rows.length];
    const line = `${JSON.stringify({ ...row, id: `${row.id ?? "doc"}~${i}`, text: `${row.text} (ref ${letters(i)})` })}\n`;
    if (!out.write(line)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}
