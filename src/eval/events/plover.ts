// PLOVER gold standard records (PLOVER_GSR_CAMEO.txt) and the CAMEO → PLOVER table (CAMEO2PLOVER-2021.txt):
// loaders, inline-markup stripping with offsets, and the PLOVER scorer (type and mode accuracy, actor span overlap).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { normalizePloverMode, normalizePloverType } from "../../model/taxonomy.ts";
import type { PloverType } from "../../model/types.ts";
import { emptySpanTally, type OffsetSpan, type SpanTally, tallySpan } from "./metrics.ts";
import { requireFile } from "./paths.ts";

export function ploverPaths(eventsDir: string) {
  return {
    gsr: join(eventsDir, "plover", "PLOVER_GSR_CAMEO.txt"),
    cameo2plover: join(eventsDir, "plover", "CAMEO2PLOVER-2021.txt"),
  };
}

// ---------------------------------------------------------------------------------------------
// CAMEO → PLOVER

export interface CameoPloverEntry {
  /** CAMEO code ("0311", "19"); two-digit codes are the table's section headers. */
  cameo: string;
  type: PloverType;
  mode: string | null;
  contexts: string[];
  /** The table's description of the CAMEO code. */
  description: string;
}

export interface CameoPloverMap {
  entries: CameoPloverEntry[];
  /** The entry for a CAMEO code: its leading digits, shortened until a code of the table matches; null when none. */
  lookup(code: string): CameoPloverEntry | null;
}

/** Parses the table: `CODE: TYPE, mode, context[; context] # description`, headers `NN: TYPE`. */
export function parseCameoPlover(text: string): CameoPloverMap {
  const entries: CameoPloverEntry[] = [];
  const byCode = new Map<string, CameoPloverEntry>();
  for (const raw of text.split(/\r?\n/)) {
    const m = raw.match(/^\s*(\d{2,4})\s*:\s*([^#]*)(?:#(.*))?$/);
    if (!m) continue;
    const fields = m[2].split(",").map((f) => f.trim());
    const type = normalizePloverType(fields[0]);
    if (!type) continue;
    const e: CameoPloverEntry = {
      cameo: m[1],
      type,
      mode: fields[1] ? normalizePloverMode(fields[1]) : null,
      contexts: (fields[2] ?? "")
        .split(";")
        .map((c) => c.trim())
        .filter(Boolean),
      description: (m[3] ?? "").trim(),
    };
    entries.push(e);
    if (!byCode.has(e.cameo)) byCode.set(e.cameo, e);
  }
  return {
    entries,
    lookup(code: string) {
      const digits = code.trim().match(/^\d+/)?.[0] ?? "";
      for (let n = digits.length; n >= 2; n--) {
        const e = byCode.get(digits.slice(0, n));
        if (e) return e;
      }
      return null;
    },
  };
}

export function loadCameoPlover(path: string): CameoPloverMap {
  return parseCameoPlover(readFileSync(requireFile(path), "utf8"));
}

// ---------------------------------------------------------------------------------------------
// Inline markup

export type MarkupRole = "source" | "target" | "event" | "location";

export interface MarkupSpan extends OffsetSpan {
  role: MarkupRole;
  text: string;
}

const ROLE: Record<string, MarkupRole> = { SRC: "source", TAR: "target", EVT: "event", LOC: "location" };

/**
 * Strips `(SRC: …)`, `(TAR: …)`, `(SRC/TAR: …)`, `(EVT: …)`, `(LOC: …)` markup (nestable, with plain
 * parentheses inside) and returns the plain text with each tag's span in it (whitespace-trimmed). A tag
 * with two roles ("SRC/TAR") yields one span per role. `}` closes an open tag (a typo in the data); a stray
 * `)` outside any tag is kept as text.
 */
export function stripMarkup(markup: string): { text: string; spans: MarkupSpan[] } {
  let out = "";
  const spans: MarkupSpan[] = [];
  const stack: ({ tag: true; roles: MarkupRole[]; start: number } | { tag: false })[] = [];
  let i = 0;
  while (i < markup.length) {
    const c = markup[i];
    if (c === "(") {
      const m = markup.slice(i).match(/^\(\s*([A-Z]{3}(?:\/[A-Z]{3})*)\s*:\s?/);
      const roles = m?.[1].split("/").map((r) => ROLE[r]);
      if (m && roles?.every(Boolean)) {
        stack.push({ tag: true, roles: roles as MarkupRole[], start: out.length });
        i += m[0].length;
        continue;
      }
      stack.push({ tag: false });
      out += c;
      i++;
      continue;
    }
    if ((c === ")" || c === "}") && stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.tag) {
        stack.pop();
        let s = top.start;
        let e = out.length;
        while (s < e && /\s/.test(out[s])) s++;
        while (e > s && /\s/.test(out[e - 1])) e--;
        for (const role of top.roles) spans.push({ role, start: s, end: e, text: out.slice(s, e) });
        i++;
        continue;
      }
      if (c === ")") {
        stack.pop();
        out += c;
        i++;
        continue;
      }
    }
    out += c;
    i++;
  }
  spans.sort((a, b) => a.start - b.start || a.end - b.end);
  return { text: out, spans };
}

/**
 * Maps offsets of `from` onto `to` by a character-level longest common subsequence: map[i] is the index in
 * `to` of from[i], or -1 when from[i] has no counterpart.
 */
export function alignText(from: string, to: string): Int32Array {
  const n = from.length;
  const m = to.length;
  const map = new Int32Array(n).fill(-1);
  if (from === to) {
    for (let i = 0; i < n; i++) map[i] = i;
    return map;
  }
  const w = m + 1;
  const dp = new Uint16Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      dp[i * w + j] =
        from[i] === to[j] ? dp[(i + 1) * w + j + 1] + 1 : Math.max(dp[(i + 1) * w + j], dp[i * w + j + 1]);
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (from[i] === to[j]) {
      map[i++] = j++;
    } else if (dp[(i + 1) * w + j] >= dp[i * w + j + 1]) i++;
    else j++;
  }
  return map;
}

/** Moves spans of `markupText` onto `text` through an alignment; a span with no aligned character is found by search. */
export function projectSpans(spans: readonly MarkupSpan[], markupText: string, text: string): MarkupSpan[] {
  if (markupText === text) return spans.map((s) => ({ ...s }));
  const map = alignText(markupText, text);
  const out: MarkupSpan[] = [];
  for (const s of spans) {
    let a = -1;
    let b = -1;
    for (let k = s.start; k < s.end; k++)
      if (map[k] >= 0) {
        if (a < 0) a = map[k];
        b = map[k] + 1;
      }
    if (a < 0 || b <= a) {
      const at = s.text ? text.indexOf(s.text) : -1;
      if (at < 0) continue;
      [a, b] = [at, at + s.text.length];
    }
    out.push({ role: s.role, start: a, end: b, text: text.slice(a, b) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Gold standard records

export interface PloverActor {
  actorText: string;
  code: string | null;
}

export interface PloverRecord {
  id: string;
  /** The record's plain text (what a system is given). */
  text: string;
  /** The event type with v0.5 names mapped (DEMAND→REQUEST, DISAPPROVE/INVESTIGATE→ACCUSE, FIGHT→ASSAULT). */
  type: PloverType;
  /** The event name as written in the file. */
  event: string;
  /** Normalised mode (lower case, known aliases applied); null when absent or empty. */
  mode: string | null;
  contexts: string[];
  sources: PloverActor[];
  targets: PloverActor[];
  /** SRC/TAR/EVT/LOC spans from the inline markup, in offsets of `text`. */
  spans: MarkupSpan[];
  /** The markup with tags stripped equals `text` exactly (else spans were moved by alignment). */
  markupExact: boolean;
}

function actors(v: unknown): PloverActor[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((a) => a && typeof a === "object" && typeof a.actorText === "string")
    .map((a) => ({ actorText: a.actorText, code: typeof a.code === "string" ? a.code : null }));
}

/** Parses the GSR file: a JSON array of records (or one JSON object per line); the DOCUMENT record is skipped. */
export function parsePloverGsr(content: string): PloverRecord[] {
  let raw: Record<string, unknown>[];
  try {
    raw = JSON.parse(content);
  } catch {
    raw = content
      .split(/\r?\n/)
      .map((l) => l.trim().replace(/,$/, ""))
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l));
  }
  const out: PloverRecord[] = [];
  for (const r of raw) {
    const event = String(r.event ?? "");
    const type = normalizePloverType(event);
    if (!type || typeof r.text !== "string") continue;
    const text = r.text;
    const info = r.textInfo as { markup?: string } | string | undefined;
    const markup = typeof info === "string" ? info : info?.markup;
    let spans: MarkupSpan[] = [];
    let markupExact = false;
    if (typeof markup === "string") {
      const stripped = stripMarkup(markup);
      markupExact = stripped.text === text;
      spans = projectSpans(stripped.spans, stripped.text, text);
    }
    const mode = typeof r.mode === "string" && r.mode.trim() ? normalizePloverMode(r.mode) : null;
    const contexts =
      typeof r.context === "string"
        ? r.context
            .split(/[,;]/)
            .map((c) => c.trim())
            .filter(Boolean)
        : [];
    out.push({
      id: String(r.id),
      text,
      type,
      event,
      mode,
      contexts,
      sources: actors(r.source),
      targets: actors(r.target),
      spans,
      markupExact,
    });
  }
  return out;
}

/** Loads plover/PLOVER_GSR_CAMEO.txt: 322 records. */
export function loadPloverGsr(path: string): PloverRecord[] {
  return parsePloverGsr(readFileSync(requireFile(path), "utf8"));
}

/** Gold spans of a role; falls back to searching the actors' texts when the markup has none for that role. */
export function goldActorSpans(r: PloverRecord, role: "source" | "target"): OffsetSpan[] {
  const spans = r.spans.filter((s) => s.role === role);
  if (spans.length) return spans;
  const out: OffsetSpan[] = [];
  for (const a of role === "source" ? r.sources : r.targets) {
    const at = a.actorText ? r.text.indexOf(a.actorText) : -1;
    if (at >= 0) out.push({ start: at, end: at + a.actorText.length });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Scoring

export interface PloverSpanAnswer {
  start: number;
  end: number;
  text?: string;
}

export interface PloverPrediction {
  type: PloverType | null;
  mode?: string | null;
  source?: PloverSpanAnswer | null;
  target?: PloverSpanAnswer | null;
}

export type CodePlover = (text: string) => PloverPrediction | null | Promise<PloverPrediction | null>;

export interface PloverMetrics {
  records: number;
  typeCorrect: number;
  typeAccuracy: number;
  /**
   * Most records a system answering one type per text can get right: a few texts are gold for two events of
   * different types.
   */
  typeCeiling: number;
  /** Records whose gold mode is given. */
  modeRecords: number;
  modeCorrect: number;
  modeAccuracy: number;
  source: SpanTally;
  target: SpanTally;
  /** Per gold type: records and correct. */
  perType: Record<string, { n: number; correct: number }>;
  /** Records whose markup, stripped, differed from the text (spans moved by alignment). */
  alignedRecords: number;
  errors: number;
  firstError?: string;
  ms: number;
}

export async function evaluatePlover(records: readonly PloverRecord[], code: CodePlover): Promise<PloverMetrics> {
  const t0 = performance.now();
  let typeCorrect = 0;
  let modeRecords = 0;
  let modeCorrect = 0;
  let errors = 0;
  let firstError: string | undefined;
  const source = emptySpanTally();
  const target = emptySpanTally();
  const perType: Record<string, { n: number; correct: number }> = {};
  for (const r of records) {
    let p: PloverPrediction | null = null;
    try {
      p = await code(r.text);
    } catch (e) {
      errors++;
      firstError ??= `${r.id}: ${(e as Error).message}`;
    }
    perType[r.type] ??= { n: 0, correct: 0 };
    const t = perType[r.type];
    t.n++;
    const typeOk = !!p?.type && normalizePloverType(p.type) === r.type;
    if (typeOk) {
      typeCorrect++;
      t.correct++;
    }
    if (r.mode) {
      modeRecords++;
      if (typeOk && p?.mode && normalizePloverMode(p.mode) === r.mode) modeCorrect++;
    }
    tallySpan(source, goldActorSpans(r, "source"), p?.source);
    tallySpan(target, goldActorSpans(r, "target"), p?.target);
  }
  const byText = new Map<string, Map<string, number>>();
  for (const r of records) {
    const m = byText.get(r.text) ?? new Map<string, number>();
    m.set(r.type, (m.get(r.type) ?? 0) + 1);
    byText.set(r.text, m);
  }
  let typeCeiling = 0;
  for (const m of byText.values()) typeCeiling += Math.max(...m.values());
  return {
    records: records.length,
    typeCorrect,
    typeAccuracy: records.length ? typeCorrect / records.length : 0,
    typeCeiling,
    modeRecords,
    modeCorrect,
    modeAccuracy: modeRecords ? modeCorrect / modeRecords : 0,
    source,
    target,
    perType,
    alignedRecords: records.filter((r) => !r.markupExact).length,
    errors,
    firstError,
    ms: performance.now() - t0,
  };
}
