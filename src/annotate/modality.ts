// Modality cues: words that say an event is planned, expected, hypothetical, denied or ongoing.
// The cue lexicon is data (data/lexicon/modality.json); how cues decide an event's modality is assembly's job.
import { readFileSync } from "node:fs";
import type { AnnotatedDocument, ModalityCue, ModalityCueKind, Recognizer } from "../model/types.ts";

const LEXICON = JSON.parse(readFileSync(new URL("../../data/lexicon/modality.json", import.meta.url), "utf8")) as {
  cues: Record<ModalityCueKind, string[]>;
};

// A cue starts a word, except a clitic, which is glued to the word before it ("they'll").
const clitic = (c: string) => c.startsWith("'");
const PATTERNS = Object.entries(LEXICON.cues).map(([cue, list]) => {
  const words = list.filter((c) => !clitic(c));
  const clitics = list.filter(clitic).map((c) => `['’]${c.slice(1)}`);
  const alternatives = [...(words.length ? [`(?<![\\w'’])(?:${words.join("|")})`] : []), ...clitics];
  return { cue: cue as ModalityCueKind, re: new RegExp(`(?:${alternatives.join("|")})(?![\\w])`, "gi") };
});

/** "IS" in capitals is the Islamic State, not the verb ("forcing IS to bring in recruits"). */
const ACRONYM = /^IS\b/;

/** Finds every modality cue in `text`; overlapping cues of different kinds are all kept. */
export function findModalityCues(text: string): ModalityCue[] {
  const cues: ModalityCue[] = [];
  for (const { cue, re } of PATTERNS) {
    for (const m of text.matchAll(re)) {
      if (ACRONYM.test(m[0])) continue;
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
