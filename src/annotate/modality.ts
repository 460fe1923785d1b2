// Modality cues: words that say an event is planned, expected, hypothetical, denied or ongoing.
// The cue lexicon is data (data/lexicon/modality.json); how cues decide an event's modality is assembly's job.
import { readFileSync } from "node:fs";
import type { AnnotatedDocument, ModalityCue, ModalityCueKind, Recognizer } from "../model/types.ts";

const LEXICON = JSON.parse(readFileSync(new URL("../../data/lexicon/modality.json", import.meta.url), "utf8")) as {
  cues: Record<ModalityCueKind, string[]>;
};

const PATTERNS = Object.entries(LEXICON.cues).map(([cue, list]) => ({
  cue: cue as ModalityCueKind,
  re: new RegExp(`(?<![\\w'])(?:${list.join("|")})(?![\\w])`, "gi"),
}));

/** Finds every modality cue in `text`; overlapping cues of different kinds are all kept. */
export function findModalityCues(text: string): ModalityCue[] {
  const cues: ModalityCue[] = [];
  for (const { cue, re } of PATTERNS) {
    for (const m of text.matchAll(re)) {
      const start = m.index ?? 0;
      cues.push({ start, end: start + m[0].length, text: m[0], cue });
    }
  }
  return cues.sort((a, b) => a.start - b.start);
}

export const modalityRecognizer: Recognizer = {
  name: "modality",
  run(ad: AnnotatedDocument) {
    ad.modality = findModalityCues(ad.doc.text);
  },
};
