// Limits: document size, word length, JSONL line length, HTML nesting, documents per request and request body each
// refuse one input (or one document) with a clear message while the batch goes on; memory stays bounded on a
// large JSONL stream; and the issue's "done when": an executable, a PNG, an empty file, a 200 MB text file and
// a JSONL file with one broken line among 10,000 go through `sitrep ingest` with clear messages, the good
// documents stored, a non-zero exit and no stack trace.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import v8 from "node:v8";
import vm from "node:vm";
import Database from "better-sqlite3";
import { htmlDepth } from "../src/ingest/htmltext.ts";
import {
  DEFAULT_LIMITS,
  isInputError,
  type Limits,
  newStats,
  type ReadOptions,
  readInputs,
  textLimitProblem,
} from "../src/ingest/index.ts";
import { longestWord } from "../src/ingest/limits.ts";
import type { Document, InputError } from "../src/model/types.ts";
import { createApp } from "../src/serve/http/app.ts";
import { openSqliteStore } from "../src/store/sqlite/index.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dir = mkdtempSync(join(tmpdir(), "sitrep-limits-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const GOOD = "Rebels shelled a government checkpoint in Daraa on Monday, activists said.";
const file = (name: string, content: string | Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

async function collect(paths: string[], opts: ReadOptions = {}): Promise<(Document | InputError)[]> {
  const out: (Document | InputError)[] = [];
  for await (const item of readInputs(paths, opts)) out.push(item);
  return out;
}
const texts = (items: (Document | InputError)[]) =>
  items.filter((x): x is Document => !isInputError(x)).map((d) => d.text);
const errors = (items: (Document | InputError)[]) => items.filter(isInputError).map((e) => `${e.origin}: ${e.message}`);

describe("each limit refuses one input with a message, and the batch goes on", () => {
  const jsonl = (...texts: string[]) => texts.map((text, i) => JSON.stringify({ id: `d${i}`, text })).join("\n");

  test("document size", async () => {
    const items = await collect([file("size.jsonl", jsonl(GOOD, "x ".repeat(600), `${GOOD} Again.`))], {
      limits: { maxTextBytes: 1000 },
    });
    assert.deepEqual(
      errors(items).map((e) => e.replace(dir, "")),
      ["/size.jsonl:2: text too large (1 KB, limit 1000 bytes), skipped"],
    );
    assert.equal(texts(items).length, 2);
  });

  test("a run of characters without a space (the tokenizer is superlinear on it)", async () => {
    const word = `http://example.org/${"ab/".repeat(1000)}`;
    const items = await collect([file("word.jsonl", jsonl(GOOD, `See ${word} now.`, `${GOOD} Again.`))]);
    assert.equal(errors(items).length, 1);
    assert.equal(
      errors(items)[0].replace(dir, ""),
      `/word.jsonl:2: text has a ${word.length}-character run without a space (limit 2000): not prose, skipped`,
    );
    assert.equal(texts(items).length, 2);
    // Scripts without Latin letters are not "words" here, however long their runs (Chinese has no spaces).
    assert.equal(longestWord("战争报道".repeat(5000)), 0);
    assert.equal(longestWord(`a${"\u00a0"}b ${"é".repeat(10)}`), 10);
    assert.equal(textLimitProblem("战争报道".repeat(5000), DEFAULT_LIMITS), undefined);
  });

  test("JSONL line length, bounded memory: the long line is skipped unread", async () => {
    const long = JSON.stringify({ text: `${GOOD} ${"word ".repeat(300_000)}` }); // 1.5 MB
    const items = await collect(
      [file("lines.jsonl", `${jsonl(GOOD)}\n${long}\n${JSON.stringify({ text: "Later." })}`)],
      {
        limits: { maxLineBytes: 1 << 20 },
      },
    );
    assert.deepEqual(
      errors(items).map((e) => e.replace(dir, "")),
      ["/lines.jsonl:2: line too long (over 1 MB), skipped"],
    );
    assert.deepEqual(texts(items), [GOOD, "Later."]);
  });

  test("HTML nesting depth: a page, a feed item, stdin; the scan is linear", async () => {
    const deep = (n: number) => `<html><body>${"<div>".repeat(n)}${GOOD}${"</div>".repeat(n)}</body></html>`;
    const ok = file("ok.html", deep(40));
    const tooDeep = file("deep.html", deep(100_000));
    const items = await collect([tooDeep, ok]);
    assert.deepEqual(
      errors(items).map((e) => e.replace(dir, "")),
      ["/deep.html: HTML nested too deeply (over 256 levels), skipped"],
    );
    assert.deepEqual(texts(items), [GOOD]);

    const item = (html: string) => `<item><title>t</title><description>${html}</description></item>`;
    const feed = file(
      "feed.xml",
      `<?xml version="1.0"?><rss version="2.0"><channel><title>F</title>${item("&lt;b&gt;".repeat(20_000))}` +
        `${item(`&lt;p&gt;${GOOD}&lt;/p&gt;`)}</channel></rss>`,
    );
    const fromFeed = await collect([feed]);
    assert.deepEqual(
      errors(fromFeed).map((e) => e.replace(dir, "")),
      ["/feed.xml#1: HTML nested too deeply (over 256 levels), skipped"],
    );
    assert.deepEqual(texts(fromFeed), [GOOD]);

    const stdin = Readable.from([Buffer.from(deep(300))]);
    const fromStdin = await collect(["-", ok], { stdin, limits: { maxHtmlDepth: 100 } });
    assert.deepEqual(errors(fromStdin), ["-: HTML nested too deeply (over 100 levels), skipped"]);
    assert.deepEqual(texts(fromStdin), [GOOD]);

    const t0 = performance.now();
    assert.equal(htmlDepth("<div>".repeat(2_000_000), 256), 257);
    assert.equal(htmlDepth("<p>x</p>".repeat(250_000)), 1);
    assert.ok(performance.now() - t0 < 5000, "the depth scan is linear");
  });

  test("HTTP: documents per request, request body, document size and word length", async () => {
    const store = openSqliteStore(join(dir, "http.db"));
    try {
      const token = "limits-token-0123456789";
      const app = createApp(store, { token, limits: { maxDocuments: 3, maxBodyBytes: 4096 }, log: () => {} });
      const post = (body: string) =>
        app.request("/api/ingest", {
          method: "POST",
          headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
          body,
        });
      const docs = (...list: string[]) => JSON.stringify({ documents: list.map((text) => ({ text })) });
      const many = await post(docs("a.", "b.", "c.", "d."));
      assert.equal(many.status, 413);
      assert.deepEqual(await many.json(), { error: "too many documents (at most 3 per request)" });
      const big = await post(docs("x ".repeat(3000)));
      assert.equal(big.status, 413);
      assert.deepEqual(await big.json(), { error: "request body too large (limit 4096 bytes)" });
      const mixed = await post(docs(GOOD, `Look: ${"a-b/".repeat(600)}`, `${GOOD} Again.`));
      assert.equal(mixed.status, 200);
      const body = (await mixed.json()) as { stored: number; errors: { index: number; message: string }[] };
      assert.equal(body.stored, 2);
      assert.deepEqual(body.errors, [
        { index: 1, message: "text has a 2400-character run without a space (limit 2000): not prose, skipped" },
      ]);
    } finally {
      await store.close();
    }
  });
});

// ---------------------------------------------------------------------------------------------------------------

/** A JSONL stream of `lines` unique documents of about 1 KB, generated as it is read, with one 5 MB line. */
function generatedStream(lines: number): Readable {
  const filler = "Government forces shelled the eastern districts again, residents said. ".repeat(13);
  function* chunks() {
    let batch: string[] = [];
    for (let i = 0; i < lines; i++) {
      if (i === Math.floor(lines / 2)) batch.push(JSON.stringify({ id: "huge", text: "y ".repeat(2_500_000) }));
      batch.push(JSON.stringify({ id: `g${i}`, text: `Report ${i}. ${filler}`, published: "2017-01-16" }));
      if (batch.length === 64) {
        yield Buffer.from(`${batch.join("\n")}\n`);
        batch = [];
      }
    }
    if (batch.length) yield Buffer.from(`${batch.join("\n")}\n`);
  }
  return Readable.from(chunks(), { objectMode: false });
}

/** The garbage collector, without --expose-gc on the command line. */
function collector(): () => void {
  v8.setFlagsFromString("--expose-gc");
  return vm.runInNewContext("gc") as () => void;
}

test("memory stays bounded on a 200 MB JSONL stream read through readInputs", async () => {
  const lines = 200_000; // ~1 KB each: ~205 MB
  const gc = collector();
  const stats = newStats();
  const limits: Partial<Limits> = { maxLineBytes: 4 << 20 };
  let documents = 0;
  let bytes = 0;
  const base = { heap: 0, rss: 0 };
  const peak = { heap: 0, rss: 0 };
  const problems: string[] = [];
  const t0 = performance.now();
  for await (const item of readInputs(["-"], { stdin: generatedStream(lines), stats, limits })) {
    if (isInputError(item)) {
      problems.push(`${item.origin}: ${item.message}`);
      continue;
    }
    documents++;
    bytes += Buffer.byteLength(item.text) + 60;
    if (documents % 20_000 === 0) {
      gc();
      const { heapUsed, rss } = process.memoryUsage();
      if (!base.rss) Object.assign(base, { heap: heapUsed, rss });
      Object.assign(peak, { heap: Math.max(peak.heap, heapUsed), rss: Math.max(peak.rss, rss) });
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  assert.equal(documents, lines);
  assert.deepEqual(problems, [`-:${lines / 2 + 1}: line too long (over 4 MB), skipped`]);
  const mb = (n: number) => Math.round(n / 2 ** 20);
  // What is kept is the dedupe set: 16 bytes of hash per document plus the Map's own overhead.
  assert.ok(peak.heap - base.heap < 48 * 2 ** 20, `heap grew ${mb(peak.heap - base.heap)} MB over ${mb(bytes)} MB`);
  assert.ok(peak.rss - base.rss < 128 * 2 ** 20, `RSS grew ${mb(peak.rss - base.rss)} MB over ${mb(bytes)} MB`);
  process.stderr.write(
    `# ${mb(bytes)} MB JSONL stream in ${seconds.toFixed(1)} s: heap after GC ${mb(base.heap)} → ${mb(peak.heap)} MB, ` +
      `RSS ${mb(base.rss)} → ${mb(peak.rss)} MB\n`,
  );
});

// ---------------------------------------------------------------------------------------------------------------

function sitrep(args: string[]): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/serve/cli/main.ts", ...args], { cwd: root });
    let stderr = "";
    let stdout = "";
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.on("exit", (code) => resolve({ code, stderr, stdout }));
  });
}

test("done when: executable, PNG, empty, 200 MB and one broken JSONL line in 10,000 → messages, good ones stored", async () => {
  const exe = join(dir, "tool");
  copyFileSync("/bin/true", exe);
  const png = file("map.png", Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex"));
  const empty = file("empty.txt", "");
  const huge = file("huge.txt", "Rebels shelled Aleppo.\n");
  truncateSync(huge, 200 * 2 ** 20); // sparse: 200 MB on paper, nothing on disk
  const lines = Array.from({ length: 10_000 }, (_, i) => JSON.stringify({ id: `n${i}`, text: `Note number ${i}.` }));
  lines[6666] = '{"id": "n6666", "text": "Note number 6666.'; // cut short
  const batch = file("batch.jsonl", `${lines.join("\n")}\n`);
  const text = file("good.txt", GOOD);
  const db = join(dir, "done.db");

  const r = await sitrep(["ingest", exe, png, empty, huge, batch, text, "--db", db]);
  assert.equal(r.code, 1, r.stderr);
  assert.doesNotMatch(r.stderr, /\n\s+at |Error:/, "no stack trace");
  const said = (what: string) => r.stderr.split("\n").find((l) => l.includes(what)) ?? "";
  assert.match(said(exe), /binary file \(looks like ELF executable\), skipped/);
  assert.match(said(png), /binary file \(looks like PNG image\), skipped/);
  assert.match(said(empty), /empty file/);
  assert.match(said(huge), /file too large \(200 MB, limit 50 MB\), skipped/);
  assert.match(said(`${batch}:6667`), /not valid JSON/);
  assert.equal(r.stderr.split("\n").filter((l) => l.includes(batch)).length, 1, "only the broken line is named");

  const conn = new Database(db, { readonly: true });
  try {
    const count = conn.prepare("SELECT count(*) FROM documents").pluck().get();
    assert.equal(count, 10_000, "9,999 JSONL documents and good.txt stored");
    assert.equal(conn.prepare("SELECT count(*) FROM documents WHERE id = 'n6666'").pluck().get(), 0);
  } finally {
    conn.close();
  }
});
