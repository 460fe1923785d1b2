// Tests for the ingest stage: every reader, encodings, limits, dedupe, --published and stdin.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdtemp, rm, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, test } from "node:test";
import { decodeBuffer, sniffBinary } from "../src/ingest/encoding.ts";
import { looksLikeFeed } from "../src/ingest/feed.ts";
import {
  Deduper,
  documentFromText,
  formatInputError,
  type IngestStats,
  isInputError,
  newStats,
  normalisePublished,
  type ReadOptions,
  readInputs,
} from "../src/ingest/index.ts";
import type { Document, InputError } from "../src/model/types.ts";

const FIX = "test/fixtures/ingest";
const fx = (name: string) => `${FIX}/${name}`;

async function collect(paths: string[], opts: ReadOptions = {}): Promise<(Document | InputError)[]> {
  const out: (Document | InputError)[] = [];
  for await (const item of readInputs(paths, opts)) out.push(item);
  return out;
}
const docsOf = (items: (Document | InputError)[]) => items.filter((x): x is Document => !isInputError(x));
const errorsOf = (items: (Document | InputError)[]) => items.filter(isInputError);

async function one(path: string, opts: ReadOptions = {}): Promise<Document> {
  const items = await collect([path], opts);
  assert.equal(items.length, 1, JSON.stringify(items));
  assert.ok(!isInputError(items[0]), JSON.stringify(items[0]));
  return items[0] as Document;
}

async function oneError(path: string, opts: ReadOptions = {}): Promise<InputError> {
  const items = await collect([path], opts);
  assert.equal(items.length, 1, JSON.stringify(items));
  assert.ok(isInputError(items[0]), JSON.stringify(items[0]));
  return items[0] as InputError;
}

let tmp = "";
before(async () => {
  tmp = await mkdtemp(join(tmpdir(), "sitrep-ingest-"));
});
after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("documentFromText", () => {
  test("hashes the normalised text and derives the id from the hash", () => {
    const a = documentFromText("\uFEFF  Line one\r\nLine two\r\n\n", { origin: "x" });
    const b = documentFromText("Line one\nLine two", { origin: "y" });
    assert.equal(a.text, "Line one\nLine two");
    assert.equal(a.contentHash, createHash("sha256").update("Line one\nLine two").digest("hex"));
    assert.equal(a.contentHash, b.contentHash);
    assert.equal(a.id, `doc-${a.contentHash.slice(0, 16)}`);
    assert.equal(documentFromText("t", { origin: "x", id: "given" }).id, "given");
  });

  test("drops blank metadata and unparseable dates, keeps the document", () => {
    const d = documentFromText("text", { origin: "x", title: "  ", published: "someday", outlet: " Wire " });
    assert.deepEqual(Object.keys(d).sort(), ["contentHash", "id", "origin", "outlet", "text"]);
    assert.equal(d.outlet, "Wire");
  });

  test("isInputError tells errors from documents", () => {
    assert.ok(isInputError({ origin: "a", message: "b" }));
    assert.ok(!isInputError(documentFromText("t", { origin: "x" })));
    assert.equal(formatInputError({ origin: "f.jsonl:3", message: "no text" }), "f.jsonl:3: no text");
  });
});

describe("normalisePublished", () => {
  test("reads ISO, RFC 822 and prose dates", () => {
    assert.equal(normalisePublished("2017-01-14"), "2017-01-14");
    assert.equal(normalisePublished("2017-01-14T23:30:00+03:00"), "2017-01-14T23:30");
    assert.equal(normalisePublished("2017-1-4 07:05"), "2017-01-04T07:05");
    assert.equal(normalisePublished("Sat, 14 Jan 2017 23:30:00 +0300"), "2017-01-14T23:30");
    assert.equal(normalisePublished("14 January 2017"), "2017-01-14");
    assert.equal(normalisePublished("January 14, 2017"), "2017-01-14");
  });

  test("rejects what is not a date", () => {
    for (const s of ["", "yesterday", "2017-02-30", "2017-13-01", "12", "May 5"]) {
      assert.equal(normalisePublished(s), undefined, s);
    }
  });
});

describe("text reader", () => {
  test("one document per file, title from a short first line", async () => {
    const d = await one(fx("report.txt"));
    assert.equal(d.title, "Russian special forces arrive near Palmyra");
    assert.match(d.text, /^Russian special forces arrive near Palmyra\n\nA convoy/);
    assert.equal(d.origin, fx("report.txt"));
    assert.match(d.id, /^doc-[0-9a-f]{16}$/);
  });

  test("an unknown extension with text content is read as text", async () => {
    const d = await one(fx("notes.md"));
    assert.equal(d.title, "Notes from Idlib");
    assert.match(d.text, /Markets reopened/);
  });
});

describe("html reader", () => {
  test("extracts the article, not the navigation, ads or footer", async () => {
    const d = await one(fx("article.html"));
    assert.match(d.text, /^Government forces recaptured a strategic hilltop/);
    assert.match(d.text, /months of siege\.$/);
    assert.ok(d.text.includes("\n\n"), "paragraphs are kept apart");
    for (const noise of ["ADVERTISEMENT", "Subscribe", "Celebrity", "Copyright", "trackPageView", "color: red"]) {
      assert.ok(!d.text.includes(noise), noise);
    }
    assert.equal(d.title, "Army retakes hilltop near Deir ez-Zor");
    assert.equal(d.url, "https://news.example.org/2017/09/10/hilltop");
    assert.equal(d.published, "2017-09-10T08:15");
    assert.equal(d.outlet, "Example News");
  });

  test("broken HTML still yields its text", async () => {
    const d = await one(fx("broken.html"));
    assert.equal(d.title, "Broken page");
    assert.match(d.text, /Shelling hit the Old City of Homs on Monday, residents said\./);
    assert.match(d.text, /al-Khalidiya district/);
  });

  test("a page without text is an error", async () => {
    const path = join(tmp, "blank.html");
    await writeFile(path, "<html><head><title>Nothing</title></head><body><script>x()</script></body></html>");
    assert.equal((await oneError(path)).message, "no text found in HTML");
  });

  test("a declared charset is honoured when the bytes are not UTF-8", async () => {
    const path = join(tmp, "arabic.html");
    const head = Buffer.from('<html><head><meta charset="windows-1256"><title>t</title></head><body><p>');
    const arabic = Buffer.from([0xc5, 0xcf, 0xe1, 0xc8]); // "إدلب" (Idlib) in windows-1256
    await writeFile(path, Buffer.concat([head, arabic, Buffer.from("</p></body></html>")]));
    assert.equal((await one(path)).text, "إدلب");
  });
});

describe("feed reader", () => {
  test("RSS 2.0: one document per item with outlet, date, link and stripped HTML", async () => {
    const items = await collect([fx("feed.rss")]);
    assert.equal(items.length, 2);
    const [a, b] = docsOf(items);
    assert.equal(a.origin, `${fx("feed.rss")}#1`);
    assert.equal(a.text, "An aid convoy reached eastern Aleppo on Saturday & unloaded food.");
    assert.equal(a.title, "Convoy reaches Aleppo");
    assert.equal(a.url, "https://levant.example.net/1");
    assert.equal(a.published, "2017-01-14");
    assert.equal(a.outlet, "Levant Wire");
    assert.equal(b.origin, `${fx("feed.rss")}#2`);
    assert.equal(b.text, "Rebels and government forces clashed in Daraa al-Balad.\n\nTwo fighters were killed.");
    assert.equal(b.published, "2017-01-15");
  });

  test("Atom: entries with content, alternate link and published date", async () => {
    const d = await one(fx("feed.atom"));
    assert.equal(d.origin, `${fx("feed.atom")}#1`);
    assert.equal(d.text, "Airstrikes hit Douma in Eastern Ghouta, local medics said.");
    assert.equal(d.title, "Airstrikes on Eastern Ghouta");
    assert.equal(d.url, "https://frontline.example.com/ghouta");
    assert.equal(d.published, "2018-02-19");
    assert.equal(d.outlet, "Frontline Notes");
  });

  test("a feed is sniffed from its start whatever the extension", async () => {
    assert.ok(looksLikeFeed('<?xml version="1.0"?>\n<!-- generated -->\n<rss version="2.0">'));
    assert.ok(looksLikeFeed('<feed xmlns="http://www.w3.org/2005/Atom">'));
    assert.ok(looksLikeFeed("<rdf:RDF xmlns:rdf='x'>"));
    assert.ok(!looksLikeFeed("<html><body>rss</body></html>"));
    const path = join(tmp, "headlines");
    await writeFile(
      path,
      "<rss version='2.0'><channel><title>W</title><item><description>Hi</description></item></channel></rss>",
    );
    const d = await one(path);
    assert.equal(d.text, "Hi");
    assert.equal(d.origin, `${path}#1`);
  });

  test("an .xml file that is not a feed is an error", async () => {
    const path = join(tmp, "sitemap.xml");
    await writeFile(path, "<urlset><url><loc>x</loc></url></urlset>");
    assert.match((await oneError(path)).message, /^not a valid RSS\/Atom feed/);
  });
});

describe("jsonl reader", () => {
  test("one document per line; bad lines are errors naming file and line; the rest goes on", async () => {
    const items = await collect([fx("docs.jsonl")]);
    const path = fx("docs.jsonl");
    assert.deepEqual(
      items.map((x) => x.origin),
      [`${path}:1`, `${path}:2`, `${path}:3`, `${path}:5`, `${path}:6`],
    );
    const [a1, a2, a5] = docsOf(items);
    assert.deepEqual(
      { id: a1.id, title: a1.title, published: a1.published, outlet: a1.outlet },
      { id: "a1", title: "Turkey enters Jarabulus", published: "2016-08-24", outlet: "Wire" },
    );
    assert.equal(a2.published, "2016-08-13");
    assert.equal(a5.id, "a5");
    assert.equal(a5.published, undefined, "an unparseable date is dropped, the document kept");
    const [bad, noText] = errorsOf(items);
    assert.match(formatInputError(bad), /docs\.jsonl:3: not valid JSON \(.+ at column 37\)$/);
    assert.equal(noText.message, 'no "text" field');
  });

  test("a line over the limit is an error naming the line; the next lines are read", async () => {
    const path = join(tmp, "long.jsonl");
    const long = JSON.stringify({ id: "big", text: "x".repeat(5 * 1024 * 1024) });
    await writeFile(path, `{"id":"l1","text":"first"}\n${long}\n{"id":"l3","text":"third"}`);
    const items = await collect([path]);
    assert.deepEqual(
      items.map((x) => (isInputError(x) ? `${x.origin} ${x.message}` : x.id)),
      ["l1", `${path}:2 line too long (over 4 MB), skipped`, "l3"],
    );
  });

  test("CRLF line endings, a BOM and non-object lines", async () => {
    const path = join(tmp, "crlf.jsonl");
    await writeFile(path, '\uFEFF{"id":"c1","text":"one"}\r\n[1,2]\r\n{"id":{},"text":"x"}\r\n{"text":"  "}\r\n');
    const items = await collect([path]);
    assert.equal((items[0] as Document).id, "c1");
    assert.deepEqual(
      errorsOf(items).map((e) => e.message),
      ["not a JSON object", '"id" is not a string', '"text" is empty or not a string'],
    );
  });

  test("JSONL is not subject to the file size limit", async () => {
    const items = await collect([fx("docs.jsonl")], { limits: { maxFileBytes: 10 } });
    assert.equal(docsOf(items).length, 3);
  });
});

describe("encodings and binary files", () => {
  test("UTF-16LE with BOM", async () => {
    const d = await one(fx("utf16.txt"));
    assert.equal(d.text, "Raqqa update\n\nFighting continued in Raqqa\u2019s old city.");
  });

  test("Latin-1 falls back to windows-1252", async () => {
    const d = await one(fx("latin1.txt"));
    assert.equal(d.title, "Déir ez-Zór");
    assert.match(d.text, /in Déir ez-Zór on Tuesday/);
  });

  test("decodeBuffer: BOMs, UTF-8 and windows-1252", () => {
    assert.equal(decodeBuffer(Buffer.from([0xef, 0xbb, 0xbf, 0x41])), "A");
    assert.equal(decodeBuffer(Buffer.from([0xfe, 0xff, 0x00, 0x48, 0x00, 0x69])), "Hi");
    assert.equal(decodeBuffer(Buffer.from("Ḥamā", "utf8")), "Ḥamā");
    assert.equal(decodeBuffer(Buffer.from([0x93, 0x48, 0x94, 0x80, 0xe9])), "\u201cH\u201d\u20ac\u00e9");
  });

  test("binary files are skipped with what they look like", async () => {
    assert.equal((await oneError(fx("tiny.png"))).message, "binary file (looks like PNG image), skipped");
    assert.equal((await oneError(fx("data.bin"))).message, "unsupported file type .bin (binary content), skipped");
    assert.deepEqual(sniffBinary(Buffer.from("%PDF-1.7\n")), { looksLike: "PDF document" });
    assert.deepEqual(sniffBinary(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1])), { looksLike: "ELF executable" });
    assert.deepEqual(sniffBinary(Buffer.from("text\0more")), {});
    assert.equal(sniffBinary(Buffer.from("plain text\r\n\tindented")), null);
    const zip = join(tmp, "report.txt.zip");
    await writeFile(zip, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]));
    assert.equal((await oneError(zip)).message, "binary file (looks like ZIP archive), skipped");
  });
});

describe("limits and bad inputs", () => {
  test("empty and whitespace-only files", async () => {
    assert.equal((await oneError(fx("empty.txt"))).message, "empty file");
    assert.equal((await oneError(fx("blank.txt"))).message, "empty file");
    const path = join(tmp, "blank.jsonl");
    await writeFile(path, "\n  \n");
    assert.equal((await oneError(path)).message, "empty file");
  });

  test("a file over 50 MB is refused without reading it", async () => {
    const path = join(tmp, "huge.txt");
    await writeFile(path, "");
    await truncate(path, 51 * 1024 * 1024); // sparse: stat says 51 MB, nothing is written
    const e = await oneError(path);
    assert.equal(e.origin, path);
    assert.equal(e.message, "file too large (51 MB, limit 50 MB), skipped");
  });

  test("a document text over the limit is an error naming the file or line", async () => {
    const e = await oneError(fx("report.txt"), { limits: { maxTextBytes: 100 } });
    assert.equal(e.origin, fx("report.txt"));
    assert.match(e.message, /^text too large \(\d+ bytes, limit 100 bytes\), skipped$/);
    const items = await collect([fx("docs.jsonl")], { limits: { maxTextBytes: 45 } });
    assert.deepEqual(
      errorsOf(items).map((x) => x.origin),
      [`${fx("docs.jsonl")}:1`, `${fx("docs.jsonl")}:2`, `${fx("docs.jsonl")}:3`, `${fx("docs.jsonl")}:5`],
    );
  });

  test("missing files and directories are errors; the batch goes on in order", async () => {
    const items = await collect([fx("missing.txt"), FIX, fx("tiny.png"), fx("report.txt")]);
    assert.deepEqual(
      items.map((x) => (isInputError(x) ? x.message : "doc")),
      ["no such file", "is a directory, skipped", "binary file (looks like PNG image), skipped", "doc"],
    );
  });
});

describe("dedupe", () => {
  test("the same text in a .txt and a .jsonl is one document", async () => {
    const stats: IngestStats = newStats();
    const dups: string[] = [];
    const items = await collect([fx("report.txt"), fx("dup.jsonl")], {
      stats,
      onDuplicate: (doc, first) => dups.push(`${doc.origin} = ${first}`),
    });
    assert.equal(items.length, 1);
    assert.equal(items[0].origin, fx("report.txt"));
    assert.deepEqual(stats, { documents: 1, errors: 0, duplicates: 1 });
    assert.deepEqual(dups, [`${fx("dup.jsonl")}:1 = ${fx("report.txt")}`]);
  });

  test("dedupe can be turned off", async () => {
    const items = await collect([fx("report.txt"), fx("dup.jsonl")], { dedupe: false });
    assert.equal(docsOf(items).length, 2);
  });

  test("Deduper remembers hashes", () => {
    const dd = new Deduper();
    const a = documentFromText("same", { origin: "a" });
    const b = documentFromText("same\r\n", { origin: "b" });
    assert.equal(dd.seen(a), false);
    assert.equal(dd.seen(b), true);
    assert.equal(dd.firstOrigin(a.contentHash), "a");
    assert.equal(dd.size, 1);
  });
});

describe("--published", () => {
  test("fills only documents without a date", async () => {
    const items = docsOf(
      await collect([fx("article.html"), fx("report.txt"), fx("docs.jsonl")], { published: "2020-03-04" }),
    );
    const byOrigin = Object.fromEntries(items.map((d) => [d.origin, d.published]));
    assert.equal(byOrigin[fx("article.html")], "2017-09-10T08:15");
    assert.equal(byOrigin[fx("report.txt")], "2020-03-04");
    assert.equal(byOrigin[`${fx("docs.jsonl")}:1`], "2016-08-24");
    assert.equal(byOrigin[`${fx("docs.jsonl")}:6`], "2020-03-04");
  });

  test("is normalised, and an unparseable value is reported once and ignored", async () => {
    assert.equal((await one(fx("report.txt"), { published: "2020-03-04T10:20:00Z" })).published, "2020-03-04T10:20");
    const items = await collect([fx("report.txt")], { published: "soon" });
    assert.deepEqual(items[0], { origin: "--published", message: 'not a date: "soon", ignored' });
    assert.equal((items[1] as Document).published, undefined);
  });
});

describe("stdin", () => {
  const stdin = (...chunks: (string | Buffer)[]) => Readable.from(chunks);

  test("JSONL, even split across chunks mid-line", async () => {
    const items = await collect(["-"], {
      stdin: stdin('{"id":"s1","te', 'xt":"from stdin"}\n{"text":"two"}\n{bad\n', '{"id":"s4","text":"four"}'),
    });
    assert.deepEqual(
      items.map((x) => `${x.origin} ${isInputError(x) ? "error" : x.id}`),
      ["-:1 s1", `-:2 ${(items[1] as Document).id}`, "-:3 error", "-:4 s4"],
    );
  });

  test("plain text, HTML and feeds are sniffed", async () => {
    const text = await collect(["-"], { stdin: stdin("Headline\n\nBody text.") });
    assert.deepEqual([text[0].origin, (text[0] as Document).title], ["-", "Headline"]);
    const html = await collect(["-"], { stdin: stdin("<!doctype html><html><body><p>Page text.</p></body></html>") });
    assert.equal((html[0] as Document).text, "Page text.");
    const feed = await collect(["-"], {
      stdin: stdin(
        "<rss version='2.0'><channel><title>W</title><item><description>Item</description></item></channel></rss>",
      ),
    });
    assert.deepEqual([feed[0].origin, (feed[0] as Document).outlet], ["-#1", "W"]);
  });

  test("empty and binary stdin are errors; files after it are still read", async () => {
    const empty = await collect(["-", fx("report.txt")], { stdin: stdin() });
    assert.deepEqual(
      empty.map((x) => (isInputError(x) ? x.message : x.origin)),
      ["empty input", fx("report.txt")],
    );
    const png = await collect(["-"], { stdin: stdin(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) });
    assert.equal((png[0] as InputError).message, "binary file (looks like PNG image), skipped");
  });

  test("stdin over the size limit is refused", async () => {
    const items = await collect(["-"], {
      stdin: stdin("x".repeat(5000), "y".repeat(5000)),
      limits: { maxFileBytes: 6000 },
    });
    assert.deepEqual(items, [{ origin: "-", message: "input too large (over 6 KB), skipped" }]);
  });
});
