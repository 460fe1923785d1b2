// Optional coordinate corrections for LGL and GeoVirus gold (Kulkarni et al. 2020, ../shared/eval/geo/corrections).
// Rows are `toponym \t lat , lon (as in the dataset) \t lat , lon (Wikidata)`; a row applies to a gold toponym whose
// referent (LGL gazetteer name, GeoVirus Wikipedia title) and dataset coordinates both match it.

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Corpus, CorpusName, GoldToponym } from "./corpora.ts";

export const CORRECTION_FILES: Partial<Record<CorpusName, string>> = {
  lgl: "eval/geo/corrections/lgl_patches.tsv",
  geovirus: "eval/geo/corrections/GeoVirus_patches.tsv",
};

export interface Correction {
  key: string;
  from: { lat: number; lon: number };
  to: { lat: number; lon: number };
}

/** Dataset coordinates must equal the row's to this many degrees (the files repeat the dataset's decimals). */
const SAME_DEG = 1e-4;

function latLon(s: string): { lat: number; lon: number } | null {
  const [lat, lon] = s.split(",").map((x) => Number(x.trim()));
  return Number.isFinite(lat) && Number.isFinite(lon) ? { lat, lon } : null;
}

/** Parses a corrections TSV; malformed rows are skipped. */
export function parseCorrections(tsv: string): Correction[] {
  const out: Correction[] = [];
  for (const line of tsv.split("\n")) {
    const cols = line.split("\t");
    if (cols.length < 3) continue;
    const from = latLon(cols[1]);
    const to = latLon(cols[2]);
    if (from && to) out.push({ key: cols[0].trim(), from, to });
  }
  return out;
}

/** Reads the corrections for a corpus, or null when it has none (GeoWebNews) or the file is missing. */
export function loadCorrections(shared: string, corpus: CorpusName): Correction[] | null {
  const rel = CORRECTION_FILES[corpus];
  if (!rel || !existsSync(join(shared, rel))) return null;
  return parseCorrections(readFileSync(join(shared, rel), "utf8"));
}

function keysOf(t: GoldToponym): string[] {
  const keys = [t.referent, t.name].filter((k): k is string => !!k);
  for (const k of [...keys]) {
    try {
      keys.push(decodeURIComponent(k));
    } catch {
      // not percent-encoded
    }
  }
  return keys;
}

/** Replaces the coordinates of every gold toponym a correction applies to; returns how many were replaced. */
export function applyCorrections(corpus: Corpus, rows: Correction[]): number {
  const byKey = new Map<string, Correction[]>();
  for (const r of rows) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
  let n = 0;
  for (const art of corpus.articles) {
    for (const t of art.toponyms) {
      if (t.lat === null || t.lon === null) continue;
      const { lat, lon } = t;
      const row = keysOf(t)
        .flatMap((k) => byKey.get(k) ?? [])
        .find((r) => Math.abs(r.from.lat - lat) < SAME_DEG && Math.abs(r.from.lon - lon) < SAME_DEG);
      if (!row) continue;
      t.lat = row.to.lat;
      t.lon = row.to.lon;
      n++;
    }
  }
  corpus.report.corrected = n;
  return n;
}
