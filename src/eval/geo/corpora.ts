// Loaders for the three gold geoparsing corpora in ../shared/eval/geo (read in place, never copied: GPL/CC BY-SA).
// Each yields articles with their text and gold toponyms as UTF-16 spans into that text; offsets are verified.

import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type AlignmentTally, alignSpan, emptyTally } from "./spans.ts";
import { childElement, childElements, descendants, fieldOf, parseXml, textOf, type XmlElement } from "./xml.ts";

export type CorpusName = "lgl" | "geowebnews" | "geovirus";
export const CORPUS_NAMES: CorpusName[] = ["lgl", "geowebnews", "geovirus"];

export const CORPUS_FILES: Record<CorpusName, string> = {
  lgl: "eval/geo/lgl.xml",
  geowebnews: "eval/geo/geowebnews.xml",
  geovirus: "eval/geo/geovirus.xml",
};

export interface GoldToponym {
  start: number;
  end: number;
  /** The toponym as written in the text. */
  name: string;
  /** Null when the corpus gives no coordinates: kept for recognition, left out of resolution metrics. */
  lat: number | null;
  lon: number | null;
  /** What the toponym refers to: LGL's gazetteer name, GeoWebNews' normalised name, GeoVirus' Wikipedia title. */
  referent?: string;
  geonameid?: number;
  /** GeoWebNews' pragmatic class (Literal, Metonymic, Demonym, …). */
  type?: string;
}

export interface GoldArticle {
  id: string;
  text: string;
  toponyms: GoldToponym[];
  /** The publishing site, where the corpus gives it (LGL's `<domain>`: "thetowntalk.com"). */
  outlet?: string;
}

export interface LoadReport {
  file: string;
  articles: number;
  /** Annotations read from the file, before any are skipped or dropped. */
  annotations: number;
  /** Annotations left out by class (GeoWebNews: Non_Toponym and the two location-expression classes). */
  skippedTypes: Record<string, number>;
  /** Gold toponyms kept. */
  toponyms: number;
  withCoords: number;
  /** How the kept and dropped spans matched the text; `failed` ones were dropped. */
  offsets: AlignmentTally;
  /** One line per dropped or moved toponym, for the report. */
  offsetNotes: string[];
  /** Toponyms whose coordinates were replaced by a correction (with `corrections: true`). */
  corrected?: number;
}

export interface Corpus {
  name: CorpusName;
  articles: GoldArticle[];
  report: LoadReport;
}

/** How far a gold span may be moved to find its name (start to start, UTF-16 units). */
export const GOLD_REPAIR_WINDOW = 64;

/** GeoWebNews classes that are not toponyms (Gritta et al. 2019): a lookalike, and location expressions. */
export const GWN_NOT_TOPONYMS = new Set(["Non_Toponym", "Literal_Expression", "Non_Lit_Expression"]);

/** The repository root (three levels above this file). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** `$SITREP_SHARED`, else `../shared` next to the repository; null when that folder does not exist. */
export function findShared(): string | null {
  const dir = process.env.SITREP_SHARED || resolve(REPO_ROOT, "../shared");
  return existsSync(dir) ? dir : null;
}

function num(s: string | null): number | null {
  if (s === null) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

function coords(lat: string | null, lon: string | null): { lat: number | null; lon: number | null } {
  const a = num(lat);
  const b = num(lon);
  return a === null || b === null ? { lat: null, lon: null } : { lat: a, lon: b };
}

/** Verifies every raw span against the text, moves the ones a little off, drops the ones not found. */
function alignArticle(id: string, text: string, raw: GoldToponym[], report: LoadReport): GoldToponym[] {
  const kept: GoldToponym[] = [];
  const pending: GoldToponym[] = [];
  for (const t of raw) {
    const a = alignSpan(text, t.start, t.end, t.name, { window: 0 });
    if (a) {
      report.offsets[a.how]++;
      kept.push(t);
    } else pending.push(t);
  }
  const taken = new Set(kept.map((t) => t.start));
  for (const t of pending) {
    const a = alignSpan(text, t.start, t.end, t.name, { window: GOLD_REPAIR_WINDOW, taken });
    if (a) {
      report.offsets.moved++;
      report.offsetNotes.push(`${id}: "${t.name}" moved ${t.start}→${a.start}`);
      taken.add(a.start);
      kept.push({ ...t, start: a.start, end: a.end });
    } else {
      report.offsets.failed++;
      report.offsetNotes.push(`${id}: "${t.name}" at ${t.start}-${t.end} not found nearby; dropped`);
    }
  }
  return kept.sort((x, y) => x.start - y.start || x.end - y.end);
}

function newReport(file: string): LoadReport {
  return {
    file,
    articles: 0,
    annotations: 0,
    skippedTypes: {},
    toponyms: 0,
    withCoords: 0,
    offsets: emptyTally(),
    offsetNotes: [],
  };
}

function finish(name: CorpusName, articles: GoldArticle[], report: LoadReport): Corpus {
  report.articles = articles.length;
  report.toponyms = articles.reduce((n, a) => n + a.toponyms.length, 0);
  report.withCoords = articles.reduce((n, a) => n + a.toponyms.filter((t) => t.lat !== null).length, 0);
  return { name, articles, report };
}

/** LGL: `<article docid><text><toponyms><toponym><start><end><phrase><gaztag geonameid><name><lat><lon>`. */
export function readLgl(xml: string, file = "lgl.xml"): Corpus {
  const report = newReport(file);
  const articles = descendants(parseXml(xml), "article").map((art): GoldArticle => {
    const id = art.attrs.docid ?? String(report.articles);
    const text = textOf(childElement(art, "text"));
    const raw = descendants(art, "toponym").map((t): GoldToponym => {
      const gaz = childElement(t, "gaztag");
      const gid = gaz ? num(gaz.attrs.geonameid ?? null) : null;
      return {
        start: Number(fieldOf(t, "start")),
        end: Number(fieldOf(t, "end")),
        name: fieldOf(t, "phrase") ?? "",
        ...(gaz ? coords(fieldOf(gaz, "lat"), fieldOf(gaz, "lon")) : { lat: null, lon: null }),
        ...(gaz && fieldOf(gaz, "name") ? { referent: fieldOf(gaz, "name") as string } : {}),
        ...(gid !== null ? { geonameid: gid } : {}),
      };
    });
    report.annotations += raw.length;
    const outlet = fieldOf(art, "domain");
    return { id, text, toponyms: alignArticle(id, text, raw, report), ...(outlet ? { outlet } : {}) };
  });
  return finish("lgl", articles, report);
}

/** GeoWebNews: `<article file><text><toponyms><toponym><extractedName><type><start><end><latitude><longitude>`. */
export function readGeoWebNews(xml: string, file = "geowebnews.xml"): Corpus {
  const report = newReport(file);
  const articles = descendants(parseXml(xml), "article").map((art): GoldArticle => {
    const id = art.attrs.file ?? "";
    const text = textOf(childElement(art, "text"));
    const raw: GoldToponym[] = [];
    for (const t of descendants(art, "toponym")) {
      report.annotations++;
      const type = fieldOf(t, "type") ?? "";
      if (GWN_NOT_TOPONYMS.has(type)) {
        report.skippedTypes[type] = (report.skippedTypes[type] ?? 0) + 1;
        continue;
      }
      const gid = num(fieldOf(t, "geonamesID"));
      const referent = fieldOf(t, "normalisedName");
      raw.push({
        start: Number(fieldOf(t, "start")),
        end: Number(fieldOf(t, "end")),
        name: fieldOf(t, "extractedName") ?? "",
        ...coords(fieldOf(t, "latitude"), fieldOf(t, "longitude")),
        type,
        ...(referent ? { referent } : {}),
        ...(gid !== null ? { geonameid: gid } : {}),
      });
    }
    return { id, text, toponyms: alignArticle(id, text, raw, report) };
  });
  return finish("geowebnews", articles, report);
}

/** The Wikipedia title of a GeoVirus `<page>` URL, underscores as spaces (percent-escapes kept). */
function pageTitle(url: string | null): string | undefined {
  if (!url) return undefined;
  return url.slice(url.lastIndexOf("/") + 1).replace(/_/g, " ");
}

/**
 * GeoVirus: `<article><text><locations><location><name><start><end><lat><lon><page>`; offsets count from 1, so
 * the name is `text[start-1:end-1]`. One article nests three `<location>`s inside a fourth: all four are read.
 */
export function readGeoVirus(xml: string, file = "geovirus.xml"): Corpus {
  const report = newReport(file);
  const arts = descendants(parseXml(xml), "article");
  const articles = arts.map((art, i): GoldArticle => {
    const id = String(i);
    const text = textOf(childElement(art, "text"));
    const locs = childElements(art, "locations").flatMap((l: XmlElement) => descendants(l, "location"));
    const raw = locs.map((l): GoldToponym => {
      const referent = pageTitle(fieldOf(l, "page"));
      return {
        start: Number(fieldOf(l, "start")) - 1,
        end: Number(fieldOf(l, "end")) - 1,
        name: fieldOf(l, "name") ?? "",
        ...coords(fieldOf(l, "lat"), fieldOf(l, "lon")),
        ...(referent ? { referent } : {}),
      };
    });
    report.annotations += raw.length;
    return { id, text, toponyms: alignArticle(id, text, raw, report) };
  });
  return finish("geovirus", articles, report);
}

const READERS: Record<CorpusName, (xml: string, file: string) => Corpus> = {
  lgl: readLgl,
  geowebnews: readGeoWebNews,
  geovirus: readGeoVirus,
};

/** Reads one corpus from the shared folder. Throws when its file is missing. */
export function loadCorpus(shared: string, name: CorpusName): Corpus {
  const file = join(shared, CORPUS_FILES[name]);
  if (!existsSync(file)) throw new Error(`${file} not found`);
  return READERS[name](readFileSync(file, "utf8"), file);
}
