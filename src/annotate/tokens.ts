// Sentences and tokens with part-of-speech tags and lemmas, from wink-nlp.
// wink-nlp gives token values but no offsets, so offsets are recovered by scanning the text in order.

import model from "wink-eng-lite-web-model";
import winkNLP, { type ItemSentence, type ItemToken } from "wink-nlp";
import type { AnnotatedDocument, Recognizer, Sentence, Token } from "../model/types.ts";

const nlp = winkNLP(model);
const its = nlp.its;

/** Splits text into sentences and tokens; every span is a UTF-16 offset range into `text`. */
export function tokenize(text: string): { sentences: Sentence[]; tokens: Token[] } {
  const sentences: Sentence[] = [];
  const tokens: Token[] = [];
  const doc = nlp.readDoc(text);
  let cursor = 0;
  doc.sentences().each((s: ItemSentence) => {
    const index = sentences.length;
    let first = -1;
    let last = cursor;
    s.tokens().each((t: ItemToken) => {
      const value = t.out(its.value) as string;
      const at = text.indexOf(value, cursor);
      if (at < 0) return; // wink normalised the token (rare); skip it rather than invent an offset
      if (!value.trim()) {
        cursor = at + value.length;
        return; // line breaks and other whitespace are not tokens
      }
      if (first < 0) first = at;
      cursor = at + value.length;
      last = cursor;
      tokens.push({
        start: at,
        end: cursor,
        text: value,
        pos: t.out(its.pos) as string,
        lemma: t.out(its.lemma as never) as string, // wink-nlp's typings reject its.lemma though it works
        sentence: index,
      });
    });
    if (first >= 0) sentences.push({ start: first, end: last, index });
  });
  return splitParagraphs(text, sentences, tokens);
}

/** wink-nlp joins a title or a line without final punctuation to the next paragraph; split at blank lines. */
function splitParagraphs(text: string, sentences: Sentence[], tokens: Token[]) {
  const out: Sentence[] = [];
  for (const s of sentences) {
    let start = s.start;
    for (const m of text.slice(s.start, s.end).matchAll(/\n\s*\n/g)) {
      const cut = s.start + (m.index ?? 0);
      if (cut > start) out.push({ start, end: cut, index: out.length });
      start = cut + m[0].length;
    }
    if (s.end > start) out.push({ start, end: s.end, index: out.length });
  }
  let i = 0;
  for (const t of tokens) {
    while (i < out.length - 1 && t.start >= out[i].end) i++;
    t.sentence = i;
  }
  return { sentences: out, tokens };
}

export const tokensRecognizer: Recognizer = {
  name: "tokens",
  run(ad: AnnotatedDocument) {
    const { sentences, tokens } = tokenize(ad.doc.text);
    ad.sentences = sentences;
    ad.tokens = tokens;
  },
};
