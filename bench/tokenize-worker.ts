// Pool handler for the benchmark's baseline: wink-nlp's readDoc with its default pipeline (the "tokenize-only
// pass"), nothing else. Returns the token count so the work cannot be skipped.
import model from "wink-eng-lite-web-model";
import winkNLP from "wink-nlp";
import type { Document } from "../src/model/types.ts";

export function createHandler(): (doc: Document) => number {
  const nlp = winkNLP(model);
  return (doc) => nlp.readDoc(doc.text).tokens().length();
}
