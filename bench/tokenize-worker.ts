// Pool handler for the benchmark's baselines: wink-nlp's readDoc with its default pipeline (the "tokenize-only
// pass"), or with sentence boundaries only (`{ sbd: true }`: the tokenizing `sitrep places` itself runs), nothing
// else. Returns the token count so the work cannot be skipped.
import model from "wink-eng-lite-web-model";
import winkNLP from "wink-nlp";
import type { Document } from "../src/model/types.ts";

export function createHandler(options?: { sbd?: boolean }): (doc: Document) => number {
  const nlp = options?.sbd ? winkNLP(model, ["sbd"]) : winkNLP(model);
  return (doc) => nlp.readDoc(doc.text).tokens().length();
}
