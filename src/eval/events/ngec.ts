// NGEC's hand-written headline templates (synthetic_headlines.csv: event,mode,title with {country_1}, {city}
// placeholders) and its event/mode question table: a smoke test only, not gold. Placeholders are filled with
// fixed names; type and mode accuracy are reported, and modes the taxonomy does not know are listed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { normalizePloverMode, normalizePloverType, ploverModes } from "../../model/taxonomy.ts";
import type { PloverType } from "../../model/types.ts";
import { parseTsv } from "./case2021.ts";
import { requireFile } from "./paths.ts";
import type { CodePlover } from "./plover.ts";

export function ngecPaths(eventsDir: string) {
  const dir = join(eventsDir, "ngec");
  return { headlines: join(dir, "synthetic_headlines.csv"), questions: join(dir, "event_mode_questions.csv") };
}

/** Names put in place of the templates' placeholders. */
export const NGEC_FILLERS: Readonly<Record<string, string>> = {
  country_1: "Nigeria",
  country_2: "Chad",
  country_3: "Niger",
  city: "Maiduguri",
};

export interface NgecHeadline {
  type: PloverType;
  /** Lower-case normalised mode; null when the template has none. */
  mode: string | null;
  /** The template as written. */
  template: string;
  /** The template with placeholders filled. */
  text: string;
}

/** Parses CSV (comma-separated, "…" quoting). */
export function parseCsv(text: string): string[][] {
  // Re-use the TSV reader by turning unquoted commas into tabs.
  let out = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    out += c === "," && !quoted ? "\t" : c;
  }
  return parseTsv(out);
}

export function fillTemplate(template: string, fillers: Readonly<Record<string, string>> = NGEC_FILLERS): string {
  return template.replace(/\{([a-z_0-9]+)\}/gi, (m, k: string) => fillers[k] ?? m).trim();
}

/** Loads synthetic_headlines.csv: 375 templates. Rows whose event is not a PLOVER type are skipped. */
export function loadNgecHeadlines(path: string): NgecHeadline[] {
  const rows = parseCsv(readFileSync(requireFile(path), "utf8"));
  const header = (rows.shift() ?? []).map((h) => h.trim().toLowerCase());
  const [ce, cm, ct] = [header.indexOf("event"), header.indexOf("mode"), header.indexOf("title")];
  if (ce < 0 || cm < 0 || ct < 0) throw new Error(`${path}: expected columns event, mode, title`);
  const out: NgecHeadline[] = [];
  for (const r of rows) {
    const type = normalizePloverType(r[ce] ?? "");
    if (!type || !r[ct]) continue;
    const mode = r[cm]?.trim() ? normalizePloverMode(r[cm]) : null;
    out.push({ type, mode, template: r[ct].trim(), text: fillTemplate(r[ct]) });
  }
  return out;
}

/** Loads event_mode_questions.csv as (event type, mode) pairs; mode null for the type-level rows. */
export function loadNgecQuestionPairs(path: string): { type: string; mode: string | null }[] {
  const rows = parseCsv(readFileSync(requireFile(path), "utf8"));
  const header = (rows.shift() ?? []).map((h) => h.trim().toLowerCase());
  const [ce, cm] = [header.indexOf("event_type"), header.indexOf("mode")];
  if (ce < 0 || cm < 0) throw new Error(`${path}: expected columns event_type, mode`);
  return rows
    .filter((r) => r[ce]?.trim())
    .map((r) => ({ type: r[ce].trim(), mode: r[cm]?.trim() ? normalizePloverMode(r[cm]) : null }));
}

/** "TYPE/mode" for every mode in the data that the taxonomy's type does not list (and unknown types). */
export function unknownModes(pairs: readonly { type: string; mode: string | null }[]): string[] {
  const out = new Set<string>();
  for (const p of pairs) {
    const t = normalizePloverType(p.type);
    if (!t) out.add(p.type);
    else if (p.mode && !ploverModes(t).includes(p.mode)) out.add(`${t}/${p.mode}`);
  }
  return [...out].sort();
}

export interface NgecMetrics {
  headlines: number;
  typeCorrect: number;
  typeAccuracy: number;
  modeHeadlines: number;
  modeCorrect: number;
  modeAccuracy: number;
  /** Modes in the NGEC files (headlines and question table) that data/taxonomy/plover.json does not list. */
  unknownModes: string[];
  errors: number;
  firstError?: string;
  ms: number;
}

export async function evaluateNgec(
  headlines: readonly NgecHeadline[],
  code: CodePlover,
  extraPairs: readonly { type: string; mode: string | null }[] = [],
): Promise<NgecMetrics> {
  const t0 = performance.now();
  let typeCorrect = 0;
  let modeHeadlines = 0;
  let modeCorrect = 0;
  let errors = 0;
  let firstError: string | undefined;
  for (const h of headlines) {
    let p: Awaited<ReturnType<CodePlover>> = null;
    try {
      p = await code(h.text);
    } catch (e) {
      errors++;
      firstError ??= `${h.text}: ${(e as Error).message}`;
    }
    const ok = !!p?.type && normalizePloverType(p.type) === h.type;
    if (ok) typeCorrect++;
    if (h.mode) {
      modeHeadlines++;
      if (ok && p?.mode && normalizePloverMode(p.mode) === h.mode) modeCorrect++;
    }
  }
  return {
    headlines: headlines.length,
    typeCorrect,
    typeAccuracy: headlines.length ? typeCorrect / headlines.length : 0,
    modeHeadlines,
    modeCorrect,
    modeAccuracy: modeHeadlines ? modeCorrect / modeHeadlines : 0,
    unknownModes: unknownModes([...headlines, ...extraPairs]),
    errors,
    firstError,
    ms: performance.now() - t0,
  };
}
