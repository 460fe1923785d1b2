// Property-based fuzzing of ingest and extraction, shared by test/fuzz.test.ts (a CI-sized run) and the long run:
//
//   node --import tsx scripts/fuzz-long.ts [--minutes 10] [--seed N] [--runs 200] [--budget-ms 60000] [--huge]
//
// Random and adversarial inputs (control characters, mixed scripts, RTL marks, emoji and astral characters,
// lone surrogates, long single lines, deeply nested HTML, broken RSS/Atom, broken JSONL) go through readInputs
// (temporary files and chunked stdin streams), extractDocument and placeRecords. Each property checks: no
// exception, every record valid against schema/*.json, every offset inside the text and every span text equal
// to `text.slice(start, end)`, every input error a one-line message.
//
// The cases run in a child process; the parent is a watchdog that kills it when one case runs over its time
// budget (a synchronous hang cannot be interrupted from inside), and reports that case.
import { type ChildProcess, fork } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { extractDocument, placeRecords } from "../src/extract.ts";
import { sniffBinary } from "../src/ingest/encoding.ts";
import { htmlDepth, parseDocument } from "../src/ingest/htmltext.ts";
import { DEFAULT_LIMITS, documentFromText, isInputError, readInputs, textLimitProblem } from "../src/ingest/index.ts";
import { parseJsonlLine } from "../src/ingest/jsonl.ts";
import type { Document, InputError } from "../src/model/types.ts";
import { formatErrors, spanProblems, validate, validateRecord } from "../src/model/validate.ts";

// ---------------------------------------------------------------------------------------------------------------
// Inputs

const ACTORS = [
  "Syrian government forces",
  "ISIS",
  "Russian jets",
  "rebels",
  "the YPG",
  "Turkish troops",
  "Hezbollah fighters",
  "the Free Syrian Army",
  "Jabhat al-Nusra",
  "US-led coalition aircraft",
  "protesters",
];
const VERBS = [
  "shelled",
  "attacked",
  "captured",
  "withdrew from",
  "arrived in",
  "bombed",
  "took control of",
  "will attack",
  "denied shelling",
  "are expected to storm",
  "retook",
  "besieged",
  "protested in",
  "may have bombed",
];
const PLACES = [
  "Aleppo",
  "Homs",
  "Palmyra",
  "Idlib",
  "Raqqa",
  "Deir ez-Zor",
  "Jableh",
  "Daraa",
  "Douma",
  "40 km west of Palmyra",
  "the eastern countryside of Hama",
  "the outskirts of Damascus",
  "Jordan",
  "Tal Rifaat",
];
const TIMES = ["on Monday", "on 3 March 2017", "yesterday", "in the coming days", "last week", "at dawn", ""];
const EXTRAS = [
  ", killing 12 civilians",
  ", wounding at least 1,000 people",
  " with well over 1,000 personnel",
  ", activists said",
  ", a military source told Al-Masdar News",
  ", according to the Syrian Observatory for Human Rights",
  ", state media reported",
  "",
];
/** Characters and strings that break naive text handling. */
export const NOISE = [
  "\u200f", // RTL mark
  "\u200e",
  "\u202e", // RTL override
  "\u202c",
  "\u2066",
  "\u2069",
  "\u200d", // ZWJ
  "\u200b",
  "\ufeff",
  "\u00a0",
  "\u2028",
  "\u2029",
  "\u0000",
  "\u0007",
  "\u001b",
  "\u007f",
  "\u0085",
  "\t",
  "\r",
  "\r\n",
  "\n\n",
  "😀",
  "👨‍👩‍👧",
  "🇸🇾",
  "e\u0301",
  "\ud800", // lone surrogates
  "\udfff",
  "\udc00\ud800",
  "حلب",
  "Алеппо",
  "叙利亚",
  "𝐀𝐥𝐞𝐩𝐩𝐨",
  "Ａｌｅｐｐｏ",
  "&amp;",
  "<b>",
  '"',
  "\\",
  "$" + "{x}", // a template placeholder, as text
  "ﷺ",
  "\u0345",
  "....",
  "--",
  "http://example.org/a?b=c",
];

const noise = fc.constantFrom(...NOISE);
const anyUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)); // lone surrogates too
const joint = fc.oneof(
  { weight: 6, arbitrary: fc.constant(" ") },
  { weight: 1, arbitrary: noise.map((n) => ` ${n} `) },
  { weight: 1, arbitrary: noise },
);

/** A sentence of war reporting, with noise between its words now and then. */
const sentence = fc
  .tuple(
    fc.constantFrom(...ACTORS),
    fc.constantFrom(...VERBS),
    fc.constantFrom(...PLACES),
    fc.constantFrom(...TIMES),
    fc.constantFrom(...EXTRAS),
    fc.array(joint, { minLength: 4, maxLength: 4 }),
    fc.constantFrom(".", ".", "!", "", "?", "…"),
    fc.constantFrom("none", "none", "none", "upper", "lower"),
  )
  .map(([a, v, p, t, x, j, end, kase]) => {
    const s = `${a}${j[0]}${v}${j[1]}${p}${j[2]}${t}${x}${end}`.replace(/ +$/, "");
    const cap = s.charAt(0).toUpperCase() + s.slice(1);
    return kase === "upper" ? cap.toUpperCase() : kase === "lower" ? cap.toLowerCase() : cap;
  });

/** Text: reporting with noise, raw random strings, or a mix of both. */
export function textArb(maxLength: number): fc.Arbitrary<string> {
  const sep = fc.constantFrom(" ", " ", "\n", "\n\n", "", "\r\n", " \u2029 ");
  const report = fc
    .array(fc.tuple(sentence, sep), { minLength: 1, maxLength: Math.max(1, Math.floor(maxLength / 80)) })
    .map((parts) => parts.map(([s, p]) => s + p).join(""));
  const raw = fc.oneof(
    fc.string({ unit: "binary", maxLength }),
    fc.string({ unit: anyUnit, maxLength }),
    fc.string({ unit: "grapheme", maxLength }),
  );
  const mixed = fc
    .array(fc.oneof(sentence, noise, fc.string({ unit: anyUnit, maxLength: 20 })), { maxLength: 40 })
    .map((parts) => parts.join(" "));
  return fc.oneof({ weight: 3, arbitrary: report }, { weight: 1, arbitrary: raw }, { weight: 2, arbitrary: mixed });
}

const TAGS = ["div", "p", "b", "i", "a", "table", "tr", "td", "ul", "li", "span", "section", "svg", "g", "h1", "br"];
const RAW_TAGS = ["script", "style", "title", "textarea"];
const attr = fc.constantFrom("", ' class="x"', " title='>'", ' data-x="<div>"', " onclick=alert(1)", " a=b/", " /");

/** An HTML page: nested elements with end tags sometimes left out, raw-text elements, comments and entities. */
export function htmlArb(maxDepth: number): fc.Arbitrary<string> {
  const { node } = fc.letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      sentence.map((s) => s.replace(/&/g, "&amp;")),
      fc.constantFrom("&lt;script&gt;", "&#0;", "&#x1F600;", "&bogus;", "<!-- <div> -->", "<![CDATA[x]]>", "<br/>"),
      fc
        .tuple(fc.constantFrom(...RAW_TAGS), fc.constantFrom("<div>", "</p>", "alert(1)", "</scrip>"))
        .map(([t, body]) => `<${t}>${body}</${t}>`),
      fc
        .tuple(fc.constantFrom(...TAGS), attr, fc.array(tie("node"), { maxLength: 4 }), fc.integer({ min: 0, max: 5 }))
        .map(([t, a, kids, end]) => `<${t}${a}${end === 0 ? "/" : ""}>${kids.join("")}${end > 1 ? `</${t}>` : ""}`),
    ),
  }));
  const deep = fc
    .tuple(fc.constantFrom("div", "b", "table", "span", "a"), fc.integer({ min: 1, max: maxDepth }), sentence)
    .map(([t, n, s]) => `<html><body>${`<${t}>`.repeat(n)}${s}${`</${t}>`.repeat(n)}</body></html>`);
  const page = fc
    .array(node, { maxLength: 8 })
    .map((nodes) => `<!DOCTYPE html><html><head><title>T</title></head><body>${nodes.join("")}</body></html>`);
  return fc.oneof(
    page,
    deep,
    fc.array(node, { maxLength: 6 }).map((n) => n.join("")),
  );
}

const xmlEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const LAUGHS =
  '<!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' +
  '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>';

/** An RSS or Atom feed, then maybe broken: cut, a slice removed, noise inserted, entity bombs, CDATA. */
export function feedArb(): fc.Arbitrary<string> {
  const item = fc.tuple(textArb(400), fc.constantFrom("escaped", "cdata", "html"), fc.boolean());
  const feed = fc
    .tuple(fc.constantFrom("rss", "atom"), fc.array(item, { minLength: 0, maxLength: 5 }), fc.boolean())
    .map(([kind, items, laughs]) => {
      const body = (text: string, how: string) =>
        how === "cdata"
          ? `<![CDATA[<p>${text.replaceAll("]]>", "")}</p>]]>`
          : how === "html"
            ? xmlEscape(`<p>${text}</p>`)
            : xmlEscape(text);
      const head = `<?xml version="1.0" encoding="utf-8"?>${laughs ? LAUGHS : ""}`;
      if (kind === "rss") {
        const xs = items.map(
          ([t, how, dated]) =>
            `<item><title>${xmlEscape(t.slice(0, 40))}</title><description>${body(t, how)}</description>` +
            `${dated ? "<pubDate>Sat, 14 Jan 2017 23:30:00 +0300</pubDate>" : ""}<link>http://x/${t.length}</link></item>`,
        );
        return `${head}<rss version="2.0"><channel><title>${laughs ? "&d;" : "Feed"}</title>${xs.join("")}</channel></rss>`;
      }
      const es = items.map(
        ([t, how, dated]) =>
          `<entry><title>${xmlEscape(t.slice(0, 40))}</title><content type="html">${body(t, how)}</content>` +
          `${dated ? "<published>2017-01-14T10:00:00Z</published>" : ""}</entry>`,
      );
      return `${head}<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title>${es.join("")}</feed>`;
    });
  const damage = fc.oneof(
    fc.constant((s: string) => s),
    fc.double({ min: 0, max: 1, noNaN: true }).map((f) => (s: string) => s.slice(0, Math.floor(s.length * f))),
    fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 50 })).map(
      ([f, n]) =>
        (s: string) =>
          s.slice(0, Math.floor(s.length * f)) + s.slice(Math.floor(s.length * f) + n),
    ),
    fc
      .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.oneof(noise, fc.constantFrom("<", "&", "]]>", "</item>")))
      .map(
        ([f, x]) =>
          (s: string) =>
            s.slice(0, Math.floor(s.length * f)) + x + s.slice(Math.floor(s.length * f)),
      ),
  );
  return fc.tuple(feed, damage).map(([f, d]) => d(f));
}

/** JSONL: good documents, documents with wrong field types, and lines that are not JSON or not objects. */
export function jsonlArb(): fc.Arbitrary<string> {
  const junk = fc.oneof(fc.string({ unit: anyUnit, maxLength: 30 }), fc.integer(), fc.constant(null), fc.boolean());
  const good = fc
    .record(
      {
        id: fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.constant(null), junk),
        text: fc.oneof({ weight: 5, arbitrary: textArb(600) }, { weight: 1, arbitrary: junk }),
        title: fc.oneof(fc.string({ unit: anyUnit, maxLength: 30 }), junk),
        published: fc.oneof(fc.constantFrom("2017-01-16", "Sat, 14 Jan 2017 23:30:00 +0300", "0000-99-99"), junk),
        outlet: junk,
      },
      { requiredKeys: ["text"] },
    )
    .map((o) => JSON.stringify(o));
  const bad = fc.oneof(
    fc.string({ unit: anyUnit, maxLength: 80 }),
    good.chain((g) => fc.integer({ min: 0, max: g.length }).map((n) => g.slice(0, n))),
    fc.constantFrom("[1,2]", "42", '"text"', "null", '{"text": 12}', '{"text": ""}', "{", "\ufeff{}", "{}}"),
  );
  const line = fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: bad }, fc.constant(""));
  return fc
    .tuple(fc.array(line, { maxLength: 12 }), fc.constantFrom("\n", "\r\n"))
    .map(([ls, nl]) => ls.map((l) => l.replace(/\r?\n/g, " ")).join(nl));
}

export type IngestCase = { ext: string; content: string | Uint8Array; via: "file" | "stdin"; chunks: number[] };

/** An input file (by extension, or none so the content is sniffed), read from a path or from chunked stdin. */
export function ingestArb(): fc.Arbitrary<IngestCase> {
  const content = fc.oneof(
    fc.tuple(fc.constant(".txt"), textArb(2000)),
    fc.tuple(fc.constantFrom(".html", ".htm"), htmlArb(300)),
    fc.tuple(fc.constantFrom(".xml", ".rss", ".atom"), feedArb()),
    fc.tuple(fc.constant(".jsonl"), jsonlArb()),
    fc.tuple(fc.constantFrom("", ".weird"), fc.oneof(textArb(500), htmlArb(20), feedArb(), jsonlArb())),
    fc.tuple(fc.constantFrom(".txt", ".jsonl", ""), fc.uint8Array({ maxLength: 600 })),
  );
  return fc
    .tuple(content, fc.constantFrom("file", "stdin") as fc.Arbitrary<"file" | "stdin">, fc.array(fc.nat(64)))
    .map(([[ext, body], via, chunks]) => ({ ext, content: body, via, chunks }));
}

// ---------------------------------------------------------------------------------------------------------------
// Checks

export interface Tally {
  cases: number;
  documents: number;
  inputErrors: number;
  records: number;
  places: number;
  slowestMs: number;
}
export const newTally = (): Tally => ({ cases: 0, documents: 0, inputErrors: 0, records: 0, places: 0, slowestMs: 0 });

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?$/;
const sha256 = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");
const short = (s: string, n = 200) => JSON.stringify(s.length > n ? `${s.slice(0, n)}…(${s.length} chars)` : s);

/** Throws unless `item` is a well-formed Document or a one-line InputError. */
export function checkItem(item: Document | InputError): void {
  if (isInputError(item)) {
    if (!item.message || /\n/.test(item.message))
      throw new Error(`input error message not one line: ${short(item.message)}`);
    if (/\bat .+:\d+:\d+/.test(item.message)) throw new Error(`stack trace in an input error: ${short(item.message)}`);
    return;
  }
  const d = item;
  if (typeof d.text !== "string" || d.text.trim() === "" || d.text !== d.text.trim()) {
    throw new Error(`document text empty or not trimmed: ${short(d.text)}`);
  }
  if (d.contentHash !== sha256(d.text)) throw new Error("contentHash is not the sha256 of the text");
  if (typeof d.id !== "string" || d.id === "" || d.id !== d.id.trim()) throw new Error(`bad id ${short(d.id)}`);
  if (d.published !== undefined && !DATE.test(d.published)) throw new Error(`bad published ${short(d.published)}`);
  for (const k of ["title", "url", "outlet"] as const) {
    if (d[k] !== undefined && (typeof d[k] !== "string" || d[k] === "")) throw new Error(`bad ${k}`);
  }
}

/** Extracts `doc` and throws at the first record that is invalid or whose spans do not fit its text. */
export function checkExtraction(doc: Document, tally: Tally): void {
  const { records, annotated } = extractDocument(doc);
  for (const r of records) {
    const errors = validateRecord(r);
    const spans = spanProblems(r, doc.text);
    if (errors.length || spans.length || r.doc !== doc.id) {
      throw new Error(
        `invalid ${r.kind} record:\n${formatErrors(errors)}\n${spans.join("\n")}\n${JSON.stringify(r).slice(0, 600)}`,
      );
    }
  }
  const places = placeRecords(annotated);
  for (const p of places) {
    const errors = validate("place", p);
    const spans = spanProblems(p, doc.text);
    if (errors.length || spans.length || p.doc !== doc.id) {
      throw new Error(`invalid place record:\n${formatErrors(errors)}\n${spans.join("\n")}\n${JSON.stringify(p)}`);
    }
  }
  tally.documents++;
  tally.records += records.length;
  tally.places += places.length;
}

/** A document ingest accepts (within the text limits) goes on to extraction; the others count as refused. */
function extractIfAccepted(doc: Document, tally: Tally): void {
  if (textLimitProblem(doc.text, DEFAULT_LIMITS) !== undefined) tally.inputErrors++;
  else checkExtraction(doc, tally);
}

function chunked(bytes: Buffer, sizes: number[]): Readable {
  const parts: Buffer[] = [];
  let at = 0;
  for (const n of sizes) {
    if (at >= bytes.length) break;
    parts.push(bytes.subarray(at, at + n + 1));
    at += n + 1;
  }
  if (at < bytes.length) parts.push(bytes.subarray(at));
  return Readable.from(parts);
}

let caseDir: string | undefined;
let caseNo = 0;

/** Reads one input through readInputs (file or stdin), checks every item and (unless told not to) extracts. */
export async function checkIngest(c: IngestCase, tally: Tally, extract = true): Promise<void> {
  caseDir ??= mkdtempSync(join(tmpdir(), "sitrep-fuzz-"));
  const bytes = Buffer.from(c.content);
  const path = join(caseDir, `case-${caseNo++}${c.ext}`);
  writeFileSync(path, bytes);
  const opts = { dedupe: false, stdin: chunked(bytes, c.chunks) };
  const items: (Document | InputError)[] = [];
  for await (const item of readInputs([c.via === "stdin" ? "-" : path], opts)) items.push(item);
  rmSync(path, { force: true });
  if (items.length === 0) throw new Error("readInputs yielded nothing for an input");
  for (const item of items) {
    checkItem(item);
    if (isInputError(item)) tally.inputErrors++;
    else if (extract) extractIfAccepted(item, tally);
    else tally.documents++;
  }
  if (c.ext === ".jsonl" && c.via === "file" && sniffBinary(bytes.subarray(0, 8192)) === null) {
    const lines = bytes
      .toString("latin1")
      .split("\n")
      .filter((l) => l.replace(/^\xef\xbb\xbf/, "").trim() !== "");
    const expected = Math.max(1, lines.length);
    if (items.length !== expected) throw new Error(`${lines.length} JSONL lines gave ${items.length} items`);
  }
}

/**
 * Linkedom's own nesting depth of a page, measured without recursion, less the html/body wrapper that
 * parseDocument adds to a fragment (what htmlDepth should predict).
 */
export function domDepth(html: string): number {
  const wrapped = !/<html[\s>]/i.test(html);
  let max = 0;
  const stack: [Node, number][] = [[parseDocument(html).documentElement, wrapped ? -1 : 1]];
  while (stack.length) {
    const [n, k] = stack.pop() as [Node, number];
    if (k > max) max = k;
    for (let c = n.firstChild; c; c = c.nextSibling) if (c.nodeType === 1) stack.push([c, k + 1]);
  }
  return max;
}

// ---------------------------------------------------------------------------------------------------------------
// Properties, run in the child

export interface FuzzOptions {
  seed: number;
  /** Runs per property. */
  numRuns: number;
  /** Runs of the properties with long single lines (each case is large). */
  hugeRuns: number;
  /** Longest text for the text property. */
  maxTextLength: number;
  /** Longest single line through ingest and through extraction ("huge" cases), in characters. */
  hugeLineChars: number;
  hugeExtractChars: number;
}

export interface PropertyReport extends Tally {
  name: string;
  ms: number;
}

export interface FuzzReport {
  seed: number;
  properties: PropertyReport[];
  failures: string[];
}

type Send = (m: ChildMessage) => void;
type ChildMessage =
  | { type: "ready" }
  | { type: "case"; property: string; n: number; input: string }
  | { type: "done"; report: FuzzReport };

function describeCase(v: unknown): string {
  if (typeof v === "string") return short(v, 300);
  if (v && typeof v === "object" && "content" in v) {
    const c = v as IngestCase;
    const body = typeof c.content === "string" ? c.content : Buffer.from(c.content).toString("latin1");
    return `${c.via} ${c.ext || "(no extension)"} ${short(body, 300)}`;
  }
  return short(JSON.stringify(v) ?? String(v), 300);
}

/**
 * A long single line: reporting sentences joined by spaces, with noise, and no line break (nor NUL or other
 * C0 controls, which would make the file binary).
 */
function hugeLine(chars: number, seed: number): string {
  const [parts] = fc.sample(fc.array(sentence, { minLength: 200, maxLength: 200 }), { seed, numRuns: 1 });
  const lineBreakOrControl = (c: string) => {
    const code = c.charCodeAt(0);
    return (code < 0x20 && c !== "\t") || code === 0x7f || c === "\u0085" || c === "\u2028" || c === "\u2029";
  };
  const clean = parts.map((p) => Array.from(p, (c) => (lineBreakOrControl(c) ? " " : c)).join(""));
  let out = "";
  for (let i = 0; out.length < chars; i++) out += `${clean[i % clean.length]} `;
  return out.slice(0, chars).trim();
}

async function runProperties(opts: FuzzOptions, send: Send): Promise<FuzzReport> {
  const report: FuzzReport = { seed: opts.seed, properties: [], failures: [] };
  const run = async <T>(
    name: string,
    arb: fc.Arbitrary<T>,
    body: (v: T, t: Tally) => void | Promise<void>,
    numRuns = opts.numRuns,
  ) => {
    const tally = newTally();
    const started = performance.now();
    let n = 0;
    const property = fc.asyncProperty(arb, async (v) => {
      send({ type: "case", property: name, n: n++, input: describeCase(v) });
      const t0 = performance.now();
      await body(v, tally);
      tally.cases++;
      tally.slowestMs = Math.max(tally.slowestMs, performance.now() - t0);
    });
    const details = await fc.check(property, { seed: opts.seed, numRuns, endOnFailure: false });
    if (details.failed) {
      const cx = details.counterexample?.[0];
      let saved = "";
      if (cx !== undefined) {
        saved = join(tmpdir(), `sitrep-fuzz-${name}-${opts.seed}.json`);
        writeFileSync(
          saved,
          JSON.stringify(cx, (_k, v) => (v instanceof Uint8Array ? Array.from(v) : v)),
        );
      }
      const error =
        details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
      report.failures.push(
        `${name}: ${error}\n  input: ${describeCase(cx)}\n  seed ${opts.seed}, path ${details.counterexamplePath}` +
          `${saved ? `; the whole input is in ${saved}` : ""}`,
      );
    }
    report.properties.push({ name, ms: Math.round(performance.now() - started), ...tally });
  };

  await run("text → extract", textArb(opts.maxTextLength), (text, t) => {
    const doc = documentFromText(text, { origin: "fuzz" });
    if (doc.text === "") return;
    checkItem(doc);
    extractIfAccepted(doc, t);
  });
  await run("file/stdin → readInputs → extract", ingestArb(), (c, t) => checkIngest(c, t));
  await run("jsonl line → parseJsonlLine", fc.oneof(jsonlArb(), fc.string({ unit: anyUnit })), (text, t) => {
    for (const line of text.split("\n")) checkItem(parseJsonlLine(line, "fuzz.jsonl:1"));
    t.documents++;
  });
  await run("html → htmlDepth = linkedom depth", htmlArb(300), (html) => {
    const [estimate, real] = [htmlDepth(html), domDepth(html)];
    if (estimate !== real) throw new Error(`htmlDepth ${estimate}, linkedom ${real}`);
  });
  const huge = fc.constantFrom(".txt", ".jsonl", "stdin");
  await run(
    "1 MB single line → readInputs",
    fc.tuple(huge, fc.nat()),
    async ([how, seed], t) => {
      const line = hugeLine(opts.hugeLineChars, seed);
      const content = how === ".jsonl" ? JSON.stringify({ id: "huge", text: line }) : line;
      const via = how === "stdin" ? "stdin" : "file";
      await checkIngest({ ext: how === "stdin" ? "" : how, content, via, chunks: [] }, t, false);
    },
    opts.hugeRuns,
  );
  await run(
    "long single line → extract",
    fc.nat(),
    (seed, t) => {
      extractIfAccepted(documentFromText(hugeLine(opts.hugeExtractChars, seed), { origin: "huge" }), t);
    },
    opts.hugeRuns,
  );
  if (caseDir) rmSync(caseDir, { recursive: true, force: true });
  return report;
}

// ---------------------------------------------------------------------------------------------------------------
// Parent: the watchdog

export interface WatchOptions {
  /** Longest time one case may take. */
  caseBudgetMs: number;
  /** Longest time for the child to start and load the pipeline. */
  startupMs?: number;
}

/** Runs the properties in a child process; a case over its budget kills the child and is reported as a failure. */
export function fuzzInChild(opts: FuzzOptions, watch: WatchOptions): Promise<FuzzReport> {
  const script = fileURLToPath(import.meta.url);
  return new Promise((resolve) => {
    const child: ChildProcess = fork(script, ["--child"], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      serialization: "advanced",
    });
    let stderr = "";
    child.stderr?.on("data", (d) => {
      stderr = (stderr + d).slice(-4000);
    });
    let current: { property: string; n: number; input: string; since: number } | undefined;
    let started = Date.now();
    let ready = false;
    let settled = false;
    const finish = (r: FuzzReport) => {
      if (settled) return;
      settled = true;
      clearInterval(timer);
      child.kill("SIGKILL");
      resolve(r);
    };
    const timer = setInterval(() => {
      const now = Date.now();
      if (!ready && now - started > (watch.startupMs ?? 180_000)) {
        finish({ seed: opts.seed, properties: [], failures: [`the fuzz child did not start in time\n${stderr}`] });
      } else if (current && now - current.since > watch.caseBudgetMs) {
        finish({
          seed: opts.seed,
          properties: [],
          failures: [
            `${current.property}: case ${current.n} ran over its ${watch.caseBudgetMs} ms budget (seed ${opts.seed})` +
              `\n  input: ${current.input}`,
          ],
        });
      }
    }, 200);
    child.on("message", (m: ChildMessage) => {
      if (m.type === "ready") {
        ready = true;
        started = Date.now();
        child.send(opts);
      } else if (m.type === "case") current = { ...m, since: Date.now() };
      else if (m.type === "done") finish(m.report);
    });
    child.on("exit", (code, signal) => {
      finish({
        seed: opts.seed,
        properties: [],
        failures: [
          `the fuzz child died (${signal ?? `exit ${code}`})` +
            `${current ? ` during ${current.property} case ${current.n}\n  input: ${current.input}` : ""}\n${stderr}`,
        ],
      });
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Entry points

async function child(): Promise<void> {
  const send: Send = (m) => process.send?.(m);
  extractDocument(documentFromText("Rebels shelled Aleppo on Monday.", { origin: "warm-up" })); // loads the pipeline
  process.once("message", async (opts: FuzzOptions) => {
    const report = await runProperties(opts, send);
    send({ type: "done", report });
    process.disconnect?.();
  });
  send({ type: "ready" });
}

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const v = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(v)) throw new Error(`--${name} needs a number`);
  return v;
}

/** One line per property: cases, documents, records, slowest case. */
export function summarise(reports: FuzzReport[]): string {
  const byName = new Map<string, PropertyReport>();
  for (const p of reports.flatMap((r) => r.properties)) {
    const t = byName.get(p.name);
    if (!t) byName.set(p.name, { ...p });
    else {
      for (const k of ["cases", "documents", "inputErrors", "records", "places", "ms"] as const) t[k] += p[k];
      t.slowestMs = Math.max(t.slowestMs, p.slowestMs);
    }
  }
  return [...byName.values()]
    .map(
      (p) =>
        `${p.name}: ${p.cases} cases, ${p.documents} documents, ${p.inputErrors} refused inputs, ` +
        `${p.records} records and ${p.places} place records valid; slowest case ${Math.round(p.slowestMs)} ms`,
    )
    .join("\n");
}

async function main(args: string[]): Promise<number> {
  const minutes = option(args, "minutes", 10);
  let seed = option(args, "seed", Date.now() % 2 ** 31);
  const numRuns = option(args, "runs", 200);
  const budget = option(args, "budget-ms", 60_000);
  const huge = args.includes("--huge");
  const until = Date.now() + minutes * 60_000;
  const reports: FuzzReport[] = [];
  const t0 = Date.now();
  do {
    const opts: FuzzOptions = {
      seed,
      numRuns,
      hugeRuns: Math.max(3, Math.round(numRuns / 10)),
      maxTextLength: 20_000,
      hugeLineChars: 1 << 20,
      hugeExtractChars: huge ? 1 << 20 : 64 << 10,
    };
    const report = await fuzzInChild(opts, { caseBudgetMs: huge ? 30 * 60_000 : budget });
    reports.push(report);
    process.stderr.write(`seed ${seed}: ${report.failures.length ? "FAILED" : "ok"}\n`);
    for (const f of report.failures) process.stderr.write(`${f}\n`);
    seed = (seed + 1) % 2 ** 31;
  } while (Date.now() < until);
  const failures = reports.flatMap((r) => r.failures);
  const cases = reports.flatMap((r) => r.properties).reduce((n, p) => n + p.cases, 0);
  process.stdout.write(
    `${summarise(reports)}\n${reports.length} rounds (seeds ${reports[0].seed}…${seed - 1}), ${cases} cases in ` +
      `${Math.round((Date.now() - t0) / 60_000)} min: ${failures.length} failures\n`,
  );
  return failures.length ? 1 : 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--child")) await child();
  else process.exitCode = await main(process.argv.slice(2));
}
