// Sentences and tokens with part-of-speech tags and lemmas, from wink-nlp.
// wink-nlp gives token values but no offsets, so offsets are recovered by scanning the text in order.
//
// Performance (docs/performance.md): wink runs only the annotations sitrep reads (sentence boundaries and
// POS tags; lemmas are computed on demand from the POS tags). Named entities, negation and sentiment are never
// read, and skipping them makes readDoc about a third cheaper with identical tokens, tags and lemmas. Values,
// tags and lemmas are read column-wise (one `out` per column) instead of through one item object per token.

import model from "wink-eng-lite-web-model";
import winkNLP from "wink-nlp";
import type { AnnotatedDocument, Recognizer, Sentence, Token } from "../model/types.ts";

/** The wink-nlp annotations sitrep uses; the order is wink's own. */
export const WINK_PIPE = ["sbd", "pos"];

const nlp = winkNLP(model, WINK_PIPE);
const its = nlp.its;

/**
 * Sentence boundaries only, for what reads no tags (places: `PLACES_PIPELINE`). wink's tokens and sentence
 * boundaries do not depend on its POS tagger, so the spans are the same as `tokenize`'s; made on first use.
 */
let spansOnly: ReturnType<typeof winkNLP> | undefined;

/** Splits text into sentences and tokens; every span is a UTF-16 offset range into `text`. */
export function tokenize(text: string): { sentences: Sentence[]; tokens: Token[] } {
  const doc = nlp.readDoc(text);
  const all = doc.tokens();
  const values = all.out(its.value) as string[];
  const tags = all.out(its.pos) as string[];
  const lemmas = all.out(its.lemma as never) as string[]; // wink-nlp's typings reject its.lemma though it works
  return located(text, values, tags, lemmas, doc.sentences().out(its.span) as unknown as [number, number][]);
}

/**
 * `tokenize` without part-of-speech tags and lemmas (empty strings): the same tokens and sentences at about half
 * the cost (`npm run bench:places`), for recognisers that read only spans and words.
 */
export function tokenizeSpans(text: string): { sentences: Sentence[]; tokens: Token[] } {
  spansOnly ??= winkNLP(model, ["sbd"]);
  const doc = spansOnly.readDoc(text);
  const values = doc.tokens().out(its.value) as string[];
  return located(text, values, null, null, doc.sentences().out(its.span) as unknown as [number, number][]);
}

/** Tokens with offsets recovered by scanning the text in order; sentences split at blank lines too. */
function located(
  text: string,
  values: string[],
  tags: string[] | null,
  lemmas: string[] | null,
  spans: [number, number][],
): { sentences: Sentence[]; tokens: Token[] } {
  const sentences: Sentence[] = [];
  const tokens: Token[] = [];
  let cursor = 0;
  for (let s = 0; s < spans.length; s++) {
    const [from, to] = spans[s];
    const index = sentences.length;
    let first = -1;
    let last = cursor;
    for (let k = from; k <= to; k++) {
      const value = values[k];
      const at = text.indexOf(value, cursor);
      if (at < 0) continue; // wink normalised the token (rare); skip it rather than invent an offset
      if (!value.trim()) {
        cursor = at + value.length;
        continue; // line breaks and other whitespace are not tokens
      }
      if (first < 0) first = at;
      cursor = at + value.length;
      last = cursor;
      tokens.push({
        start: at,
        end: cursor,
        text: value,
        pos: tags?.[k] ?? "",
        lemma: lemmas?.[k] ?? "",
        sentence: index,
      });
    }
    if (first >= 0) sentences.push({ start: first, end: last, index });
  }
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

/** A recogniser named "tokens" that fills `sentences` and `tokens` with `split`'s answer. */
function tokensBy(split: typeof tokenize): Recognizer {
  return {
    name: "tokens",
    run(ad: AnnotatedDocument) {
      const { sentences, tokens } = split(ad.doc.text);
      ad.sentences = sentences;
      ad.tokens = tokens;
    },
  };
}

export const tokensRecognizer: Recognizer = tokensBy(tokenize);

/** Tokens and sentences without tags or lemmas (`tokenizeSpans`): for pipelines whose recognisers read no tags. */
export const tokenSpansRecognizer: Recognizer = tokensBy(tokenizeSpans);
