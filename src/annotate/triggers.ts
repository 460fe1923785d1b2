// Event triggers: verbs and nouns from data/lexicon/triggers.json ("arrived", "retake", "the fall of",
// "airstrikes"), each with its PLOVER type, default ACLED type and frame, voice (passive) and part of speech.
import { readFileSync } from "node:fs";
import type { AcledType, AnnotatedDocument, PloverType, Recognizer, Token, TriggerMention } from "../model/types.ts";

interface TriggerEntry {
  key: string;
  pattern: string;
  plover: PloverType;
  frame: TriggerMention["frame"];
  acled: [string, string] | null;
  pos?: string[];
  requires?: string;
  refuse_after?: string;
}

const LEXICON = JSON.parse(readFileSync(new URL("../../data/lexicon/triggers.json", import.meta.url), "utf8")) as {
  triggers: TriggerEntry[];
};

const COMPILED = LEXICON.triggers.map((entry) => ({
  entry,
  re: new RegExp(`(?<![\\w-])(?:${entry.pattern})(?![\\w-])`, "gi"),
  requires: entry.requires ? new RegExp(entry.requires, "i") : null,
  refuse: entry.refuse_after ? new RegExp(entry.refuse_after, "i") : null,
}));

const PASSIVE_AUX = /\b(?:was|were|been|being|is|are|be|got|get|gets)\s+(?:\w+ly\s+)?$/i;

/** The token that starts at or covers `offset` (tokens are sorted). */
function tokenAt(tokens: Token[], offset: number): Token | undefined {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const t = tokens[mid];
    if (offset < t.start) hi = mid - 1;
    else if (offset >= t.end) lo = mid + 1;
    else return t;
  }
  return undefined;
}

/** Finds triggers in the text; where two overlap, the longer one wins. */
export function findTriggers(text: string, tokens: Token[]): TriggerMention[] {
  const found: TriggerMention[] = [];
  for (const { entry, re, requires, refuse } of COMPILED) {
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      const end = start + m[0].length;
      const after = text.slice(end, end + 60);
      if (requires && !requires.test(after)) continue;
      if (refuse?.test(after)) continue;
      const token = tokenAt(tokens, start);
      if (entry.pos && token && !entry.pos.includes(token.pos)) continue;
      const acled: AcledType | null = entry.acled
        ? { event_type: entry.acled[0], sub_event_type: entry.acled[1] }
        : null;
      const before = text.slice(Math.max(0, start - 30), start);
      const nominal = token?.pos === "NOUN" || /^(?:the|a|an|its|their)\s+(?:\w+\s+)?$/i.test(before.slice(-20));
      found.push({
        start,
        end,
        text: m[0],
        lemma: entry.key,
        plover: entry.plover,
        acled,
        frame: entry.frame,
        passive: !nominal && /(?:ed|en|wn|ook|ught)$/i.test(m[0].split(/\s/)[0]) && PASSIVE_AUX.test(before),
        nominal,
      });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: TriggerMention[] = [];
  for (const t of found) {
    const last = kept.at(-1);
    if (last && t.start < last.end) continue;
    kept.push(t);
  }
  return kept;
}

export const triggersRecognizer: Recognizer = {
  name: "triggers",
  run(ad: AnnotatedDocument) {
    ad.triggers = findTriggers(ad.doc.text, ad.tokens);
  },
};
