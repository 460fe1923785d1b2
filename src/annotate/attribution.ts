// Attribution: who says so. "a military source in east Homs told Al-Masdar News" → chain
// ["a military source in east Homs", "Al-Masdar News"]; "according to the same military source" refers back
// to the last chain that had such a source; "X said" and "said X" name the source.
import type { AnnotatedDocument, AttributionMention, Recognizer, Sentence, Span } from "../model/types.ts";

const SAY =
  "told|said|says|say|reported|reports|stated|claimed|claims|announced|confirmed|added|noted|revealed|informed";
const SOURCE_NOUN =
  /\b(sources?|officials?|spokes(?:man|woman|person)|commanders?|monitor|activists?|witness(?:es)?|residents?|correspondents?|reporters?|agency|ministry|statement|observatory|media|television|TV|news|officer|general|analysts?|experts?)\b/i;
const OUTLET_AFTER = /^\s+((?:the\s+)?(?:[A-Z][\w'’.-]*)(?:[\s-]+(?:[A-Z][\w'’.-]*|of|for|al|el))*)/;

/** The noun phrase that ends right before `at` (the speaker of "X said"), or null. */
function speakerBefore(text: string, sentenceStart: number, at: number): Span | null {
  const left = text.slice(sentenceStart, at);
  // Stop at the last clause boundary: a comma, quote, colon, or a conjunction.
  const boundary = Math.max(
    left.lastIndexOf(","),
    left.lastIndexOf(":"),
    left.lastIndexOf(";"),
    left.lastIndexOf('"'),
    left.lastIndexOf("”"),
  );
  let from = boundary + 1;
  const clause = left.slice(from);
  const words = [...clause.matchAll(/\S+/g)];
  if (!words.length || words.length > 12) {
    // no punctuation to stop at: take the last determiner-led or capitalised phrase
    const m = clause.match(
      /(?:\b(?:a|an|the)\s+)?(?:[A-Z][\w'’.-]*\s+){0,6}[A-Z][\w'’.-]*\s*$|\b(?:a|an|the)\s+(?:\S+\s+){0,4}?\S*$/,
    );
    if (!m || m.index === undefined) return null;
    from += m.index;
  }
  const span = trimSpan(text, sentenceStart + from, at);
  if (span.end <= span.start) return null;
  const phrase = text.slice(span.start, span.end);
  if (/^(it|he|she|they|we|i|you|this|that)$/i.test(phrase)) return span;
  // A speaker is a source noun phrase or a name (capitalised).
  if (!SOURCE_NOUN.test(phrase) && !/^(?:the\s+)?[A-Z]/.test(phrase)) return null;
  return span;
}

function trimSpan(text: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && /[\s,(]/.test(text[s])) s++;
  while (e > s && /[\s,).]/.test(text[e - 1])) e--;
  return { start: s, end: e };
}

function phraseAfter(text: string, at: number, limit: number): Span | null {
  const m = text.slice(at, limit).match(OUTLET_AFTER);
  if (!m || m.index === undefined) return null;
  const start = at + m.index + m[0].length - m[1].length;
  return trimSpan(text, start, start + m[1].length);
}

/** Finds the attributions in one sentence. `previous` lets "the same source" refer back. */
function attributionsIn(text: string, s: Sentence, previous: AttributionMention[]): AttributionMention[] {
  const out: AttributionMention[] = [];
  const body = text.slice(s.start, s.end);
  const add = (sources: Span[], whole: Span) => {
    const chain = sources.map((x) => text.slice(x.start, x.end));
    out.push({
      start: whole.start,
      end: whole.end,
      text: text.slice(whole.start, whole.end),
      chain,
      sentence: s.index,
      sources,
    });
  };
  // "according to (the same) X"
  for (const m of body.matchAll(/\baccording to\s+/gi)) {
    const from = s.start + (m.index ?? 0) + m[0].length;
    const rest = text.slice(from, s.end);
    const np = rest.match(
      /^(?:the\s+|a\s+|an\s+)?(?:[\w'’.-]+\s+){0,6}?(?:[\w'’.-]+)(?=\s*(?:,|;|\.|$|\s+(?:two|the|a|an|in|on|at|who|which)\b))/i,
    );
    if (!np) continue;
    const span = trimSpan(text, from, from + np[0].length);
    const phrase = text.slice(span.start, span.end);
    if (/\bsame\b/i.test(phrase)) {
      const noun = phrase.match(SOURCE_NOUN)?.[0]?.toLowerCase() ?? "source";
      const earlier = [...previous, ...out].reverse().find((a) => a.chain.some((c) => c.toLowerCase().includes(noun)));
      if (earlier) {
        out.push({
          ...earlier,
          start: s.start + (m.index ?? 0),
          end: span.end,
          text: text.slice(s.start + (m.index ?? 0), span.end),
          sentence: s.index,
        });
        continue;
      }
    }
    add([span], { start: s.start + (m.index ?? 0), end: span.end });
  }
  // "X told/said (to) Y" and ", said X"
  for (const m of body.matchAll(new RegExp(`\\b(${SAY})\\b`, "g"))) {
    const at = s.start + (m.index ?? 0);
    const verbEnd = at + m[0].length;
    const speaker = speakerBefore(text, s.start, at);
    if (speaker) {
      const sources = [speaker];
      if (m[1] === "told" || m[1] === "informed") {
        const outlet = phraseAfter(text, verbEnd, s.end);
        if (outlet) sources.push(outlet);
      }
      const whole = { start: speaker.start, end: Math.max(verbEnd, sources.at(-1)?.end ?? verbEnd) };
      if (/^(it|he|she|they|we)$/i.test(text.slice(speaker.start, speaker.end))) {
        const last = [...previous, ...out].at(-1);
        if (!last) continue;
        sources.splice(0, 1, ...last.sources);
      }
      add(sources, whole);
      continue;
    }
    // inverted: ", said a military source" / ", said the Syrian Observatory"
    if (/,\s*$/.test(text.slice(s.start, at)) || /^["”]/.test(text.slice(at - 2, at).trim())) {
      const after = text.slice(verbEnd, s.end).match(/^\s+((?:a|an|the)\s+[^,.;]+|[A-Z][^,.;]+)/);
      if (after && after.index !== undefined) {
        const start = verbEnd + after[0].length - after[1].length;
        const span = trimSpan(text, start, start + after[1].length);
        if (SOURCE_NOUN.test(after[1]) || /^[A-Z]/.test(after[1])) add([span], { start: at, end: span.end });
      }
    }
  }
  return out;
}

/** Finds every attribution, sentence by sentence. */
export function findAttributions(text: string, sentences: Sentence[]): AttributionMention[] {
  const all: AttributionMention[] = [];
  for (const s of sentences) all.push(...attributionsIn(text, s, all));
  return all;
}

export const attributionRecognizer: Recognizer = {
  name: "attribution",
  run(ad: AnnotatedDocument) {
    ad.attributions = findAttributions(ad.doc.text, ad.sentences);
  },
};
