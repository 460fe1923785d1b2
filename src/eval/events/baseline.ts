// A trivial baseline to print beside sitrep, so every figure has a floor to compare with. It uses no
// event keywords: CASE → always the dev set's majority ACLED class; PLOVER → always the GSR's majority type with
// the first two capitalised runs as source/target; PETRARCH → first two dictionary actors and the first
// dictionary verb, no parse.
import type { Triple } from "./metrics.ts";
import { actorCodeAt, findDiscard, type PetrarchDictionaries, type PetrCode } from "./petrarch-dict.ts";
import type { PloverPrediction } from "./plover.ts";
import type { EventSystem } from "./system.ts";

/** Upper-case word tokens for dictionary lookup ("Arnor's" → ARNOR 'S; "U.S." kept). */
export function dictionaryTokens(text: string): string[] {
  const spaced = text.toUpperCase().replace(/'S\b/g, " 'S").replace(/N'T\b/g, " N'T");
  return (spaced.match(/'?[A-Z0-9][A-Z0-9.'-]*/g) ?? []).map((t) => (/\..*\./.test(t) ? t : t.replace(/\.$/, "")));
}

/** The dictionary verb starting at tokens[i]: its length and code (the verb's own, else its block's). */
function verbAt(
  dicts: PetrarchDictionaries,
  tokens: string[],
  i: number,
): { length: number; code: PetrCode | null } | null {
  const hit = dicts.verbIndex.longestAt(tokens, i);
  if (!hit) return null;
  const { block, verb } = hit.values[0];
  return { length: hit.length, code: verb.code ?? block.code };
}

function baselineTriples(sentence: string, dicts: PetrarchDictionaries, meta: { date: string | null }): Triple[] {
  if (findDiscard(sentence, dicts.discards)) return [];
  const tokens = dictionaryTokens(sentence);
  const actors: string[] = [];
  let event: PetrCode | null = null;
  for (let i = 0; i < tokens.length; ) {
    const a = dicts.actorIndex.longestAt(tokens, i);
    if (a) {
      const c = actorCodeAt(a.values[0], meta.date);
      if (c && c !== "---" && !actors.includes(c)) actors.push(c);
      i += a.length;
      continue;
    }
    const v: ReturnType<typeof verbAt> = event ? null : verbAt(dicts, tokens, i);
    if (v) {
      if (v.code && v.code.code !== "---") event = v.code;
      i += v.length;
      continue;
    }
    i++;
  }
  if (!event || actors.length === 0) return [];
  const out: Triple[] = [{ source: actors[0], target: actors[1] ?? null, code: event.code }];
  if (event.reciprocal && actors[1]) out.push({ source: actors[1], target: actors[0], code: event.reciprocal });
  return out;
}

/** Spans of runs of capitalised words ("Senior (Hungarian) and …" → Hungarian). */
export function capitalisedRuns(text: string): { start: number; end: number; text: string }[] {
  const runs: { start: number; end: number; text: string }[] = [];
  for (const m of text.matchAll(/[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*)*/g)) {
    let start = m.index ?? 0;
    let t = m[0];
    const lead = t.match(/^(The|A|An)\s+/);
    if (lead) {
      start += lead[0].length;
      t = t.slice(lead[0].length);
    } else if (/^(The|A|An)$/.test(t)) continue;
    runs.push({ start, end: start + t.length, text: t });
  }
  return runs;
}

function baselinePlover(text: string): PloverPrediction {
  const [source, target] = capitalisedRuns(text);
  return { type: "AGREE", source: source ?? null, target: target ?? null };
}

export const baselineSystem: EventSystem = {
  name: "baseline",
  description:
    "trivial baseline: CASE always 'Armed clash' (dev majority); PLOVER always AGREE (GSR majority), capitalised runs as actors; PETRARCH first two dictionary actors + first dictionary verb",
  classify: () => "Armed clash",
  codeTriples: baselineTriples,
  codePlover: baselinePlover,
};
