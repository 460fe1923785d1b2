// The worker pool: the same records as the single-threaded path, in input order, and failures that stay with
// their document (reported with its origin) while the batch goes on. No timing assertions.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { extractDocument } from "../src/extract.ts";
import { documentFromText } from "../src/ingest/document.ts";
import type { Document } from "../src/model/types.ts";
import { createExtractPool, WorkerPool } from "../src/run/pool.ts";
import { runParallelBatch } from "../src/serve/cli/parallel.ts";

const HANDLER = fileURLToPath(new URL("./fixtures/pool/handler.ts", import.meta.url));
const PALMYRA = fileURLToPath(new URL("../../shared/acceptance/palmyra.txt", import.meta.url));

const dir = mkdtempSync(join(tmpdir(), "sitrep-pool-"));
after(() => rmSync(dir, { recursive: true, force: true }));

const TEXTS = [
  "Rebels shelled a government checkpoint in Daraa on Monday, activists said.",
  "Syrian jets bombed ISIS positions near Deir ez-Zor on Monday, killing 12 militants, the Syrian Observatory said.",
  "Turkish troops entered Jarablus on Wednesday after heavy clashes with Islamic State fighters.",
  "Protesters gathered in central Damascus on Friday. Police dispersed them with tear gas.",
];

function docs(): Document[] {
  const out: Document[] = [];
  // a long document first, so that short ones behind it finish earlier on the other worker
  try {
    out.push(documentFromText(readFileSync(PALMYRA, "utf8"), { origin: "palmyra.txt", published: "2017-01-16" }));
  } catch {
    // ../shared is absent: the short documents are enough
  }
  TEXTS.forEach((text, i) => {
    out.push(documentFromText(text, { origin: `t.jsonl:${i + 1}`, id: `t${i + 1}`, published: "2017-01-16" }));
  });
  return out;
}

/** Captures what `fn` writes to stderr. */
async function stderrOf(fn: () => Promise<unknown>): Promise<string> {
  const write = process.stderr.write;
  let text = "";
  process.stderr.write = ((chunk: string | Uint8Array) => {
    text += String(chunk);
    return true;
  }) as typeof process.stderr.write;
  try {
    await fn();
  } finally {
    process.stderr.write = write;
  }
  return text;
}

describe("worker pool", () => {
  test("gives the records of the single-threaded path, in input order", async () => {
    const input = docs();
    const expected = input.map((d) => extractDocument(d).records);
    const pool = createExtractPool({ task: "records" }, { workers: 2, depth: 1 });
    try {
      const seen: string[] = [];
      const got = [];
      for await (const { item, result } of pool.map(input, (d) => d)) {
        assert.ok(result?.ok, result && !result.ok ? result.error : "no result");
        seen.push(item.id);
        got.push(result.value.records);
      }
      assert.deepEqual(
        seen,
        input.map((d) => d.id),
      );
      assert.deepEqual(got, expected);
      assert.ok(
        expected.some((r) => r.length > 0),
        "the documents give records",
      );
    } finally {
      await pool.close();
    }
  });

  test("an error stays with its document and the others go on; a dead worker is replaced", async () => {
    const input = ["one", "two FAIL", "three", "four EXIT", "five", "six"].map((text, i) =>
      documentFromText(text, { origin: `x.jsonl:${i + 1}`, id: `d${i + 1}` }),
    );
    // depth 1: a worker holds one document at a time, so the one that ends it is the only one it takes along
    const pool = new WorkerPool<Document, { echo: string }>({
      handler: HANDLER,
      options: { tag: "#" },
      workers: 2,
      depth: 1,
    });
    try {
      const out: string[] = [];
      for await (const { item, result } of pool.map(input, (d) => d)) {
        out.push(`${item.origin} ${result?.ok ? result.value.echo : `error: ${result?.error}`}`);
      }
      assert.equal(out.length, 6);
      assert.equal(out[0], "x.jsonl:1 #d1");
      assert.equal(out[1], "x.jsonl:2 error: cannot handle d2");
      assert.equal(out[2], "x.jsonl:3 #d3");
      assert.match(out[3], /^x\.jsonl:4 error: worker exited with code 3/);
      assert.deepEqual(out.slice(4), ["x.jsonl:5 #d5", "x.jsonl:6 #d6"]);
    } finally {
      await pool.close();
    }
  });

  test("a worker over its heap limit fails its document with the reason; the batch goes on", async () => {
    const input = ["one", "two HOG", "three"].map((text, i) =>
      documentFromText(text, { origin: `x.jsonl:${i + 1}`, id: `d${i + 1}` }),
    );
    const pool = new WorkerPool<Document, { echo: string }>({ handler: HANDLER, workers: 1, depth: 1, maxHeapMb: 32 });
    try {
      const out: string[] = [];
      for await (const { item, result } of pool.map(input, (d) => d)) {
        out.push(`${item.origin} ${result?.ok ? result.value.echo : `error: ${result?.error}`}`);
      }
      assert.equal(out[0], "x.jsonl:1 d1");
      assert.match(out[1], /^x\.jsonl:2 error: worker failed: .*memory limit/);
      assert.equal(out[2], "x.jsonl:3 d3");
    } finally {
      await pool.close();
    }
  });

  test("a result is not held back waiting for the next input (a slow feed)", async () => {
    const pool = new WorkerPool<Document, { echo: string }>({ handler: HANDLER, workers: 2 });
    let firstSeen: () => void = () => {};
    const seen = new Promise<void>((resolve) => {
      firstSeen = resolve;
    });
    // the second document only arrives once the first one's result is out: a pool that waited for more input
    // before yielding would never finish
    async function* feed() {
      yield documentFromText("first", { origin: "-", id: "f1" });
      await seen;
      yield documentFromText("second", { origin: "-", id: "f2" });
    }
    try {
      const out: string[] = [];
      for await (const { result } of pool.map(feed(), (d) => d)) {
        out.push(result?.ok ? result.value.echo : "error");
        firstSeen();
      }
      assert.deepEqual(out, ["f1", "f2"]);
    } finally {
      await pool.close();
    }
  });

  test("a handler that cannot load fails every task with the reason, without hanging", async () => {
    const bad = join(dir, "missing-handler.ts");
    const pool = new WorkerPool<Document, unknown>({ handler: bad, workers: 1 });
    try {
      await assert.rejects(pool.start(), /could not load/);
      const r = await pool.run(documentFromText("text", { origin: "-" }));
      assert.equal(r.ok, false);
    } finally {
      await pool.close();
    }
  });
});

describe("parallel batch (sitrep extract / ingest)", () => {
  const input = join(dir, "docs.jsonl");
  writeFileSync(
    input,
    [
      JSON.stringify({ id: "a", text: "first" }),
      JSON.stringify({ id: "b", text: "second FAIL" }),
      "{not json",
      JSON.stringify({ id: "c", text: "third" }),
      JSON.stringify({ id: "d", text: "fourth" }),
    ].join("\n"),
  );

  for (const workers of [0, 2]) {
    test(`reports a failing document by its origin and goes on (--workers ${workers})`, async () => {
      const handled: string[] = [];
      let result: Awaited<ReturnType<typeof runParallelBatch>> | undefined;
      const err = await stderrOf(async () => {
        result = await runParallelBatch([input], undefined, { task: "records", workers, handler: HANDLER }, (doc) => {
          handled.push(doc.id);
        });
      });
      assert.deepEqual(handled, ["a", "c", "d"]);
      assert.deepEqual(result, { documents: 3, failed: 2, duplicates: 0 });
      assert.match(err, /docs\.jsonl:2: could not process this document: cannot handle b/);
      assert.match(err, /docs\.jsonl:3: not valid JSON/);
    });
  }

  test("real extraction: the same records with 0 and 2 workers", async () => {
    const file = join(dir, "real.jsonl");
    writeFileSync(
      file,
      TEXTS.map((text, i) => JSON.stringify({ id: `r${i}`, text, published: "2017-01-16" })).join("\n"),
    );
    const run = async (workers: number) => {
      const out: unknown[] = [];
      await runParallelBatch([file], undefined, { task: "records", workers }, (doc, r) => {
        out.push([doc.id, r.records]);
      });
      return out;
    };
    assert.deepEqual(await run(2), await run(0));
  });
});
