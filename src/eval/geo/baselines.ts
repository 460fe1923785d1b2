// Published systems' answers on LGL, GeoWebNews and GeoVirus (../shared/eval/geo/baselines, from Gritta's
// repositories): one line per article, in the XML's article order; entries `name,,surface,,lat,,lon,,start,,end`
// joined by `||`. Their offsets drift, so each entry is re-anchored on its surface text before scoring.

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CorpusName, GoldArticle } from "./corpora.ts";
import type { PointSpan } from "./metrics.ts";
import { type AlignmentTally, alignSpan, emptyTally } from "./spans.ts";

export interface BaselineSpec {
  /** File stem, also the row id: "lgl_clavin". */
  id: string;
  corpus: CorpusName;
  label: string;
  /** Key into the published figures, when the system has some. */
  published?: string;
  /** Fields after `end` (lgl_gold.txt adds the referent's area). */
  extraFields: number;
  /** 1 when offsets count from 1 (GeoVirus). */
  offsetBase: 0 | 1;
  /** How far an entry may be moved to find its surface; Infinity for Topocluster, whose offsets are not positions. */
  window: number;
  /** A gold standard in baseline form: a sanity check, not a competitor. */
  gold?: boolean;
}

/** How far an entry's start may be moved to find its surface (UTF-16 units). */
export const BASELINE_WINDOW = 64;

const spec = (id: string, label: string, more: Partial<BaselineSpec> = {}): BaselineSpec => ({
  id,
  corpus: id.startsWith("lgl") ? "lgl" : id.startsWith("gwn") ? "geowebnews" : "geovirus",
  label,
  extraFields: 0,
  offsetBase: 0,
  window: BASELINE_WINDOW,
  ...more,
});

export const BASELINES: BaselineSpec[] = [
  spec("lgl_clavin", "CLAVIN", { published: "clavin" }),
  spec("lgl_edin", "Edinburgh Geoparser", { published: "edinburgh" }),
  spec("lgl_geo", "GeoTxt", { published: "geotxt" }),
  spec("lgl_topo", "Topocluster", { published: "topocluster", window: Number.POSITIVE_INFINITY }),
  spec("lgl_yahoo", "Yahoo! PlaceSpotter"),
  spec("lgl_gold", "gold as a system (lgl_gold.txt)", { gold: true, extraFields: 1 }),
  spec("gwn_edin", "Edinburgh Geoparser"),
  spec("gwn_yahoo", "Yahoo! PlaceSpotter"),
  spec("gwn_emm", "EMM (JRC)"),
  spec("gwn_full", "gold as a system (gwn_full.txt)", { gold: true }),
  spec("geovirus_gold", "gold as a system (geovirus_gold.txt)", { gold: true, offsetBase: 1 }),
];

export interface BaselineEntry {
  name: string;
  surface: string;
  lat: number | null;
  lon: number | null;
  start: number;
  end: number;
}

function coord(s: string): number | null {
  return s.trim() === "" || !Number.isFinite(Number(s)) ? null : Number(s);
}

/**
 * Parses one entry, reading fields from the right so that names may contain commas:
 * `parseEntry("Paris, TX,,Paris,,33.66,,-95.55,,0,,5", 0)` → name "Paris, TX", surface "Paris", … Null if malformed.
 */
export function parseEntry(entry: string, extraFields = 0): BaselineEntry | null {
  const parts = entry.split(",,");
  if (parts.length < 6 + extraFields) return null;
  const tail = parts.splice(parts.length - 4 - extraFields);
  const surface = parts.pop() as string;
  const [lat, lon, start, end] = tail;
  if (!/^-?\d+$/.test(start.trim()) || !/^-?\d+$/.test(end.trim())) return null;
  const la = coord(lat);
  const lo = coord(lon);
  return {
    name: parts.join(",,"),
    surface,
    lat: la === null || lo === null ? null : la,
    lon: la === null || lo === null ? null : lo,
    start: Number(start),
    end: Number(end),
  };
}

/** Parses a whole baseline file into one list of entries per line; counts malformed entries. */
export function parseBaseline(content: string, extraFields = 0): { lines: BaselineEntry[][]; malformed: number } {
  let malformed = 0;
  const raw = content.split("\n");
  if (raw.length && raw[raw.length - 1].trim() === "") raw.pop(); // the final newline
  const lines = raw.map((line) =>
    line
      .replace(/\r$/, "")
      .split("||")
      .filter((e) => e.trim() !== "")
      .flatMap((e) => {
        const parsed = parseEntry(e, extraFields);
        if (!parsed) malformed++;
        return parsed ? [parsed] : [];
      }),
  );
  return { lines, malformed };
}

export interface BaselineRun {
  spec: BaselineSpec;
  /** Predictions per article, re-anchored on the article text. */
  predictions: PointSpan[][];
  /** How the entries' spans matched the text; `failed` ones keep their given offsets. */
  offsets: AlignmentTally;
  malformed: number;
  /** Entries with no coordinates. */
  noCoords: number;
  /** Lines in the file (one per article of the whole corpus). */
  lineCount: number;
}

/** Re-anchors one line's entries on the article text. */
function alignLine(text: string, entries: BaselineEntry[], s: BaselineSpec, tally: AlignmentTally): PointSpan[] {
  const out: PointSpan[] = [];
  const pending: BaselineEntry[] = [];
  for (const e of entries) {
    const a = alignSpan(text, e.start - s.offsetBase, e.end - s.offsetBase, e.surface, { window: 0 });
    if (a) {
      tally[a.how]++;
      out.push({ start: a.start, end: a.end, lat: e.lat, lon: e.lon });
    } else pending.push(e);
  }
  const taken = new Set(out.map((p) => p.start));
  for (const e of pending) {
    const start = e.start - s.offsetBase;
    const a = alignSpan(text, start, e.end - s.offsetBase, e.surface, { window: s.window, taken });
    if (a) {
      tally.moved++;
      taken.add(a.start);
      out.push({ start: a.start, end: a.end, lat: e.lat, lon: e.lon });
    } else {
      tally.failed++;
      out.push({ start, end: e.end - s.offsetBase, lat: e.lat, lon: e.lon });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Reads a baseline and aligns it with the corpus articles (line i ↔ article i). Null when the file is missing. */
export function loadBaseline(shared: string, s: BaselineSpec, articles: GoldArticle[]): BaselineRun | null {
  const file = join(shared, "eval/geo/baselines", `${s.id}.txt`);
  if (!existsSync(file)) return null;
  const { lines, malformed } = parseBaseline(readFileSync(file, "utf8"), s.extraFields);
  const offsets = emptyTally();
  let noCoords = 0;
  const predictions = articles.map((art, i) => {
    const entries = lines[i] ?? [];
    noCoords += entries.filter((e) => e.lat === null).length;
    return alignLine(art.text, entries, s, offsets);
  });
  return { spec: s, predictions, offsets, malformed, noCoords, lineCount: lines.length };
}
