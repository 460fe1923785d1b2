// The command line as a user meets it: bad inputs reported by file and line while the batch goes on,
// exit codes, --help for every command, and ingest that is idempotent.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";
import { COMMANDS } from "../src/serve/cli/commands/index.ts";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dir = mkdtempSync(join(tmpdir(), "sitrep-cli-"));

function sitrep(...args: string[]) {
  const r = spawnSync(process.execPath, ["--import", "tsx", join(root, "src/serve/cli/main.ts"), ...args], {
    cwd: root,
    encoding: "utf8",
    env: { ...process.env, SITREP_DB: join(dir, "default.db") },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const good = "Rebels shelled a government checkpoint in Daraa on Monday, activists said.";

test("bad inputs: each named on stderr, the good ones still processed, exit 1, no stack trace", () => {
  const files = {
    good: join(dir, "good.txt"),
    elf: join(dir, "tool.bin"),
    png: join(dir, "map.png"),
    empty: join(dir, "empty.txt"),
    huge: join(dir, "huge.txt"),
    html: join(dir, "broken.html"),
    jsonl: join(dir, "batch.jsonl"),
  };
  writeFileSync(files.good, good);
  writeFileSync(files.elf, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
  writeFileSync(files.png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  writeFileSync(files.empty, "");
  const fd = openSync(files.huge, "w");
  writeFileSync(fd, "x");
  closeSync(fd);
  spawnSync("truncate", ["-s", "51M", files.huge]);
  writeFileSync(files.html, "<html><body><p>Government forces shelled Douma on Friday.<div><p>unclosed <b>tags");
  const lines = [
    JSON.stringify({ id: "a", text: "Turkish jets bombed Afrin on Sunday.", published: "2018-02-05" }),
    '{"id": "b", "text": broken',
    JSON.stringify({ id: "c", text: "ISIS fighters attacked Deir ez-Zor airport.", published: "2016-05-01" }),
  ];
  writeFileSync(files.jsonl, `${lines.join("\n")}\n`);
  const r = sitrep("extract", ...Object.values(files));
  assert.equal(r.code, 1, r.err);
  for (const name of ["tool.bin", "map.png", "empty.txt", "huge.txt", "batch.jsonl:2"]) {
    assert.match(r.err, new RegExp(name.replace(".", "\\.")), `stderr should name ${name}:\n${r.err}`);
  }
  assert.doesNotMatch(r.err, /\n\s+at /, "no stack trace");
  const docs = new Set(
    r.out
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).doc),
  );
  assert.ok(docs.has("a") && docs.has("c"), "the good JSONL lines were processed");
  assert.ok(docs.size >= 4, `good.txt and broken.html were processed too: ${[...docs]}`);
});

test("an unknown extension with text content is read as text; with binary content it is an error", () => {
  writeFileSync(join(dir, "notes.weird"), good);
  writeFileSync(join(dir, "blob.weird"), Buffer.from([0, 1, 2, 3, 0, 0, 0, 255, 0, 7]));
  assert.equal(sitrep("extract", join(dir, "notes.weird")).code, 0);
  const r = sitrep("extract", join(dir, "blob.weird"));
  assert.equal(r.code, 1);
  assert.match(r.err, /blob\.weird/);
});

test("ingest twice: the second run stores nothing new; events queries the store", () => {
  const db = join(dir, "store.db");
  const input = join(dir, "in.jsonl");
  writeFileSync(
    input,
    `${JSON.stringify({ id: "d1", text: "Russian jets bombed Saraqib on Tuesday.", published: "2018-02-08" })}\n`,
  );
  const first = sitrep("ingest", input, "--db", db);
  assert.equal(first.code, 0, first.err);
  assert.match(first.err, /1 new/);
  const second = sitrep("ingest", input, "--db", db);
  assert.match(second.err, /0 new/);
  assert.match(second.err, /1 documents, 1 events/);
  const q = sitrep("events", "--db", db, "--type", "ASSAULT", "--format", "acled-csv");
  assert.equal(q.code, 0, q.err);
  assert.match(q.out.split("\n")[0], /^event_id_cnty,event_date,year,/);
  assert.equal(q.out.trim().split("\n").length, 2);
});

test("every command has --help with examples; usage errors exit 2", () => {
  for (const name of Object.keys(COMMANDS)) {
    const r = sitrep(name, "--help");
    assert.equal(r.code, 0, name);
    assert.match(r.out, /Usage: sitrep/, name);
  }
  assert.equal(sitrep("frobnicate").code, 2);
  assert.equal(sitrep("extract", "x.txt", "--format", "pdf").code, 2);
  assert.equal(sitrep("extract").code, 2);
});
