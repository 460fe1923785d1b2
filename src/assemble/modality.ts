// Decides an event's modality from the cues around its trigger.
// Denials and conditionals/hypotheses dominate; a negation right before the trigger denies it; otherwise the
// cue nearest the trigger (plan, expectation, future, speculation, ongoing) decides; no cue means it occurred.
import type {
  AnnotatedDocument,
  Modality,
  ModalityCue,
  ModalityCueKind,
  Span,
  TriggerMention,
} from "../model/types.ts";
import { clauseAt, sentenceAt } from "./context.ts";

const NEAREST: Partial<Record<ModalityCueKind, Modality>> = {
  plan: "planned",
  intention: "planned",
  expectation: "expected",
  future: "expected",
  speculation: "speculative",
  ongoing: "ongoing",
};

/** Cues that bear on `trigger`: in its clause before it, and for noun triggers also after it. */
export function cuesFor(ad: AnnotatedDocument, trigger: Span & { nominal?: boolean }): ModalityCue[] {
  const clause = clauseAt(ad, trigger.start);
  const sentence = sentenceAt(ad, trigger.start);
  return ad.modality.filter((c) => {
    if (c.cue === "denial") return c.start >= sentence.start && c.end <= sentence.end;
    if (c.cue === "conditional") return c.start >= sentence.start && c.end <= trigger.start;
    if (c.start < clause.start || c.end > clause.end) return false;
    return c.end <= trigger.start || (trigger.nominal === true && c.start >= trigger.end);
  });
}

export function modalityOf(ad: AnnotatedDocument, trigger: TriggerMention): { modality: Modality; hedged: boolean } {
  const cues = cuesFor(ad, trigger);
  const has = (k: ModalityCueKind) => cues.some((c) => c.cue === k);
  const hedged = has("speculation") || has("hypothesis");
  if (has("denial")) return { modality: "denied", hedged };
  if (has("conditional") || has("hypothesis")) return { modality: "speculative", hedged: true };
  const text = ad.doc.text;
  const negated = cues.some(
    (c) =>
      c.cue === "negation" &&
      c.end <= trigger.start &&
      !/[,;]/.test(text.slice(c.end, trigger.start)) &&
      trigger.start - c.end < 25,
  );
  if (negated) return { modality: "denied", hedged };
  let best: { distance: number; modality: Modality } | null = null;
  for (const c of cues) {
    const modality = NEAREST[c.cue];
    if (!modality) continue;
    const distance = c.end <= trigger.start ? trigger.start - c.end : c.start - trigger.end;
    if (!best || distance < best.distance) best = { distance, modality };
  }
  return { modality: best?.modality ?? "occurred", hedged };
}
