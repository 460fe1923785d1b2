// CASE 2021 Task 2 (fine-grained event classification of news-like snippets): loader and scorer.
// dev.tsv has a header `id  EventSnippet  SubType`, CRLF lines and CSV-style quoting ("…", "" for a quote).
// Scoring follows the shared task: per-class and weighted/macro F1 over the 25 ACLED classes.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  case2021AcledCodes,
  case2021CodeOf,
  case2021NonAcledCodes,
  normalizeAcledSubType,
  subTypeOfCase2021Code,
} from "../../model/taxonomy.ts";
import { type ClassReport, classificationReport } from "./metrics.ts";
import { requireFile } from "./paths.ts";

export interface CaseSnippet {
  id: string;
  text: string;
  /** The task's label code ("AIR_STRIKE", …, or one of the five non-ACLED labels). */
  label: string;
}

/** Splits tab-separated text into rows, honouring "…" quoting (which may span lines) and "" escapes. */
export function parseTsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let i = 0;
  let atFieldStart = true;
  while (i < text.length) {
    const c = text[i];
    if (atFieldStart && c === '"') {
      i++;
      for (;;) {
        if (i >= text.length) break;
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
      atFieldStart = false;
      continue;
    }
    if (c === "\t") {
      row.push(field);
      field = "";
      atFieldStart = true;
      i++;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      i++;
      row.push(field);
      if (row.length > 1 || row[0] !== "") rows.push(row);
      row = [];
      field = "";
      atFieldStart = true;
    } else {
      field += c;
      atFieldStart = false;
      i++;
    }
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function case2021Paths(eventsDir: string) {
  return { dev: join(eventsDir, "case2021", "dev.tsv"), note: join(eventsDir, "case2021", "Note_on_EVENT_TYPES.txt") };
}

/** Loads case2021/dev.tsv: 509 snippets. */
export function loadCase2021(path: string): CaseSnippet[] {
  const rows = parseTsv(readFileSync(requireFile(path), "utf8"));
  const header = rows.shift() ?? [];
  const col = (name: string) => header.findIndex((h) => h.trim().toLowerCase() === name.toLowerCase());
  const [ci, ct, cl] = [col("id"), col("EventSnippet"), col("SubType")];
  if (ci < 0 || ct < 0 || cl < 0) throw new Error(`${path}: expected columns id, EventSnippet, SubType`);
  return rows
    .filter((r) => r.length > Math.max(ci, ct, cl))
    .map((r) => ({ id: r[ci].trim(), text: r[ct].trim(), label: r[cl].trim() }));
}

/** Reads Note_on_EVENT_TYPES.txt: the 25 "seen" ACLED codes and the non-ACLED ("unseen") codes. */
export function loadCase2021Note(path: string): { acled: string[]; nonAcled: string[] } {
  const acled: string[] = [];
  const nonAcled: string[] = [];
  let section = 0;
  for (const line of readFileSync(requireFile(path), "utf8").split(/\r?\n/)) {
    const l = line.trim();
    const head = l.match(/^(\d)\.\s/);
    if (head) section = Number(head[1]);
    else if (/^[A-Z][A-Z_]+$/.test(l)) {
      const list = section === 1 ? acled : nonAcled;
      if (section > 0 && !list.includes(l)) list.push(l);
    }
  }
  return { acled, nonAcled };
}

/** The task code for a system answer: an ACLED sub-type name (any case) or a code; null when neither. */
export function case2021CodeFor(answer: string | null | undefined): string | null {
  if (!answer) return null;
  const name = normalizeAcledSubType(answer);
  if (name) return case2021CodeOf(name);
  const up = answer.trim().toUpperCase();
  return case2021NonAcledCodes.includes(up) ? up : null;
}

export interface CaseMetrics {
  /** Snippets in the file. */
  snippets: number;
  /**
   * Shared-task setting (subtask 1): the snippets whose gold label is one of the 25 ACLED codes. A prediction
   * that is not one of the 25 (null, unknown, or a non-ACLED label) counts as a miss for the gold class.
   */
  acled: ClassReport;
  /**
   * All snippets, the non-ACLED ones as distractors: an ACLED prediction on a non-ACLED snippet is a false
   * positive for that class. Averages are still over the 25 ACLED classes.
   */
  withDistractors: ClassReport;
  /** Snippets per non-ACLED label (not scored). */
  nonAcled: Record<string, number>;
  /** Predictions per answer that is not one of the 25 ACLED classes ("(none)" for null). */
  outside: Record<string, number>;
  errors: number;
  firstError?: string;
  ms: number;
}

export type Classify = (text: string) => string | null | Promise<string | null>;

/** Runs `classify` on every snippet and scores it. */
export async function evaluateCase2021(snippets: readonly CaseSnippet[], classify: Classify): Promise<CaseMetrics> {
  const t0 = performance.now();
  const pred: (string | null)[] = [];
  const outside: Record<string, number> = {};
  let errors = 0;
  let firstError: string | undefined;
  for (const s of snippets) {
    let answer: string | null = null;
    try {
      answer = await classify(s.text);
    } catch (e) {
      errors++;
      firstError ??= `${s.id}: ${(e as Error).message}`;
    }
    const code = case2021CodeFor(answer);
    if (!code || !subTypeOfCase2021Code(code)) {
      const k = answer === null || answer === undefined ? "(none)" : (code ?? String(answer));
      outside[k] = (outside[k] ?? 0) + 1;
    }
    pred.push(code);
  }
  const labels = case2021AcledCodes;
  const isAcled = (l: string) => labels.includes(l);
  const idx = snippets.map((_, i) => i).filter((i) => isAcled(snippets[i].label));
  const nonAcled: Record<string, number> = {};
  for (const s of snippets) if (!isAcled(s.label)) nonAcled[s.label] = (nonAcled[s.label] ?? 0) + 1;
  return {
    snippets: snippets.length,
    acled: classificationReport(
      idx.map((i) => snippets[i].label),
      idx.map((i) => pred[i]),
      labels,
    ),
    withDistractors: classificationReport(
      snippets.map((s) => s.label),
      pred,
      labels,
    ),
    nonAcled,
    outside,
    errors,
    firstError,
    ms: performance.now() - t0,
  };
}

/** ACLED sub-type name for a CASE code, for tables. */
export function case2021Name(code: string): string {
  return subTypeOfCase2021Code(code) ?? code;
}
