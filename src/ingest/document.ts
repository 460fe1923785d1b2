// Building Documents and InputErrors: text normalisation, content hash and id, publication-date normalisation.
import { createHash } from "node:crypto";
import type { Document, InputError } from "../model/types.ts";

export interface DocumentMeta {
  origin: string;
  id?: string;
  title?: string;
  url?: string;
  /** Any date string; normalised by `normalisePublished`, dropped when unparseable. */
  published?: string;
  outlet?: string;
}

export function isInputError(x: unknown): x is InputError {
  return typeof x === "object" && x !== null && "message" in x && "origin" in x && !("contentHash" in x);
}

export function inputError(origin: string, message: string): InputError {
  return { origin, message };
}

/** "fakes.jsonl:12: not valid JSON (…)": one line for a terminal. */
export function formatInputError(e: InputError): string {
  return `${e.origin}: ${e.message}`;
}

/** The text as sitrep stores it: no BOM, LF line endings, no leading or trailing whitespace. */
export function normaliseText(text: string): string {
  return text
    .replace(/^\uFEFF/, "")
    .replace(/\r\n?/g, "\n")
    .trim();
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

function clean(s: string | undefined): string | undefined {
  const t = s?.replace(/\s+/g, " ").trim();
  return t ? t : undefined;
}

/** Builds a Document; the text is normalised, and `contentHash` is the sha256 of that normalised text. */
export function documentFromText(text: string, meta: DocumentMeta): Document {
  const norm = normaliseText(text);
  const contentHash = sha256Hex(norm);
  const doc: Document = {
    id: clean(meta.id) ?? `doc-${contentHash.slice(0, 16)}`,
    text: norm,
    origin: meta.origin,
    contentHash,
  };
  const title = clean(meta.title);
  const url = clean(meta.url);
  const published = meta.published === undefined ? undefined : normalisePublished(meta.published);
  const outlet = clean(meta.outlet);
  if (title) doc.title = title;
  if (url) doc.url = url;
  if (published) doc.published = published;
  if (outlet) doc.outlet = outlet;
  return doc;
}

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const pad = (n: number) => String(n).padStart(2, "0");

function build(y: number, mo: number, d: number, h?: number, mi?: number): string | undefined {
  if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1) return undefined;
  if (d > new Date(Date.UTC(y, mo, 0)).getUTCDate()) return undefined;
  const date = `${y}-${pad(mo)}-${pad(d)}`;
  if (h === undefined || mi === undefined || h > 23 || mi > 59) return date;
  return `${date}T${pad(h)}:${pad(mi)}`;
}

/**
 * Normalises a publication date to `YYYY-MM-DD` or `YYYY-MM-DDThh:mm`, keeping the wall-clock time as written
 * (the outlet's local time, zone dropped). Returns undefined when the string is not a date.
 */
export function normalisePublished(s: string): string | undefined {
  const t = s.trim();
  const iso = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ](\d{1,2}):(\d{2}))?/.exec(t);
  if (iso) return build(+iso[1], +iso[2], +iso[3], opt(iso[4]), opt(iso[5]));
  // RFC 822 / 2822, as in RSS: "Sat, 14 Jan 2017 23:30:00 +0300"
  const rfc = /^(?:[a-z]{3,9},?\s+)?(\d{1,2})\s+([a-z]{3})[a-z]*\.?\s+(\d{4})(?:\s+(\d{1,2}):(\d{2}))?/i.exec(t);
  if (rfc) {
    const mo = MONTHS.indexOf(rfc[2].toLowerCase()) + 1;
    return mo ? build(+rfc[3], mo, +rfc[1], opt(rfc[4]), opt(rfc[5])) : undefined;
  }
  if (!/\d{4}/.test(t)) return undefined; // Date.parse accepts too much ("1", "May 5") without a year
  const ms = Date.parse(t);
  if (Number.isNaN(ms)) return undefined;
  const d = new Date(ms);
  const hasTime = /\d:\d\d/.test(t);
  return build(d.getFullYear(), d.getMonth() + 1, d.getDate(), hasTime ? d.getHours() : undefined, d.getMinutes());
}

function opt(s: string | undefined): number | undefined {
  return s === undefined ? undefined : Number(s);
}
